import { percentTenths } from '@stax/budgets';
import { formatMicros } from '@stax/money';
import type { AlertDetail } from '@stax/budgets';

/** The subject, HTML and text of an email. */
export interface EmailContent {
  subject: string;
  html: string;
  text: string;
}

type Detail<K extends AlertDetail['kind']> = Extract<AlertDetail, { kind: K }>;

/** One block of an email: a paragraph, or a list of lines. */
type Block = { paragraph: string } | { list: string[] };

/**
 * Renders an alert from its stored facts alone, so that a retried send is the same email
 * (Resend refuses a reused idempotency key with another payload).
 */
export function renderAlertEmail(detail: AlertDetail, appUrl: string): EmailContent {
  switch (detail.kind) {
    case 'budget_threshold':
      return compose(thresholdSubject(detail), thresholdBlocks(detail), link(appUrl, '/budgets'));
    case 'budget_resolved':
      return compose(resolvedSubject(detail), resolvedBlocks(detail), link(appUrl, '/budgets'));
    case 'connection_attention':
      return compose(
        `Stax: the ${detail.provider} connection "${detail.label}" needs attention`,
        connectionBlocks(detail),
        link(appUrl, '/connections'),
      );
    case 'renewal_upcoming':
      return compose(renewalSubject(detail), renewalBlocks(detail), link(appUrl, '/connections'));
  }
}

function money(micros: number, currency: string): string {
  return `${formatMicros(micros)} ${currency}`;
}

function percentText(micros: number, budgetMicros: number): string {
  const tenths = percentTenths(micros, budgetMicros);
  const sign = tenths < 0 ? '-' : '';
  return `${sign}${Math.floor(Math.abs(tenths) / 10)}.${Math.abs(tenths) % 10}%`;
}

function periodText(detail: Detail<'budget_threshold' | 'budget_resolved'>): string {
  const { startDate, endDate, timeZone } = detail.period;
  return `the ${detail.period.kind} from ${startDate} to before ${endDate} (${timeZone})`;
}

function thresholdSubject(detail: Detail<'budget_threshold'>): string {
  const { percent, basis } = detail.threshold;
  const verb = basis === 'actual' ? 'has reached' : 'is forecast to reach';
  return `Stax: budget "${detail.budgetName}" ${verb} ${percent}%`;
}

function thresholdBlocks(detail: Detail<'budget_threshold'>): Block[] {
  const { amountMicros, currency } = detail;
  const driver = (d: { key: string; amountMicros: number }) =>
    `${d.key}: ${money(d.amountMicros, currency)}`;
  return [
    { paragraph: budgetLine(detail) },
    { paragraph: spendLine(detail) },
    { paragraph: 'Top providers:' },
    { list: detail.drivers.providers.map(driver) },
    { paragraph: 'Top models:' },
    { list: detail.drivers.models.map(driver) },
    { paragraph: `This threshold alerts once per period.` },
  ];
}

function budgetLine(detail: Detail<'budget_threshold' | 'budget_resolved'>): string {
  const amount = money(detail.amountMicros, detail.currency);
  return `Budget "${detail.budgetName}": ${amount} for ${periodText(detail)}.`;
}

function spendLine(detail: Detail<'budget_threshold' | 'budget_resolved'>): string {
  const { amountMicros, currency, spendMicros, forecastMicros } = detail;
  return [
    `Spent so far: ${money(spendMicros, currency)} (${percentText(spendMicros, amountMicros)}).`,
    `Forecast for the period at the current run rate: ${money(forecastMicros, currency)}`,
    `(${percentText(forecastMicros, amountMicros)}).`,
  ].join(' ');
}

function resolvedSubject(detail: Detail<'budget_resolved'>): string {
  const { percent, basis } = detail.threshold;
  const measure = basis === 'actual' ? 'spend' : 'forecast';
  return `Stax: budget "${detail.budgetName}" is back under ${percent}% (${measure})`;
}

function resolvedBlocks(detail: Detail<'budget_resolved'>): Block[] {
  const percent = detail.threshold.percent;
  return [
    { paragraph: budgetLine(detail) },
    { paragraph: spendLine(detail) },
    {
      paragraph: [
        `The ${percent}% threshold no longer holds (the budget or the spend changed).`,
        'It will not alert again this period.',
      ].join(' '),
    },
  ];
}

function connectionBlocks(detail: Detail<'connection_attention'>): Block[] {
  const refused = 'The provider refused its credential, so syncing has stopped.';
  const cause =
    detail.status === 'needs_attention'
      ? `${refused} Reconnect it with a valid key.`
      : `Its last ${detail.failedRuns} syncs failed after every retry.`;
  return [
    { paragraph: `The ${detail.provider} connection "${detail.label}" needs attention.` },
    { paragraph: cause },
    ...(detail.lastError ? [{ paragraph: `Last error: ${detail.lastError}` }] : []),
  ];
}

function renewalSubject(detail: Detail<'renewal_upcoming'>): string {
  const when = detail.daysLeft === 0 ? 'today' : `in ${detail.daysLeft} days`;
  const plan = `"${detail.label}" (${detail.provider})`;
  return `Stax: ${plan} renews ${when}, on ${detail.renewalDate}`;
}

function renewalBlocks(detail: Detail<'renewal_upcoming'>): Block[] {
  const totalMicros = detail.seats * detail.pricePerSeatMicros;
  const seatPrice = money(detail.pricePerSeatMicros, detail.currency);
  const total = Number.isSafeInteger(totalMicros)
    ? `: ${money(totalMicros, detail.currency)} per cycle`
    : '';
  const plan = `The ${detail.billingCycle} plan "${detail.label}"`;
  return [
    { paragraph: `${plan} renews on ${detail.renewalDate}.` },
    { paragraph: `${detail.seats} seats at ${seatPrice}${total}.` },
    { paragraph: 'Change or cancel it with the provider before then if the seats are not needed.' },
  ];
}

function link(appUrl: string, path: string): string {
  return `${appUrl.replace(/\/+$/, '')}${path}`;
}

// Names come from users; a line break must not reach a mail header.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]+/g;

function compose(subject: string, blocks: Block[], url: string): EmailContent {
  const text = [...blocks.map(blockText), `Open Stax: ${url}`].join('\n\n');
  const html = [...blocks.map(blockHtml), `<p><a href="${escapeHtml(url)}">Open Stax</a></p>`].join(
    '\n',
  );
  return { subject: subject.replace(CONTROL_CHARACTERS, ' '), text, html };
}

function blockText(block: Block): string {
  if ('paragraph' in block) return block.paragraph;
  return block.list.length > 0 ? block.list.map((line) => `- ${line}`).join('\n') : '- none';
}

function blockHtml(block: Block): string {
  if ('paragraph' in block) return `<p>${escapeHtml(block.paragraph)}</p>`;
  const items = block.list.length > 0 ? block.list : ['none'];
  return `<ul>${items.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
