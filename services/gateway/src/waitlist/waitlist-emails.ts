import { escapeHtml } from '../email/templates';

interface EmailContent {
  subject: string;
  html: string;
  text: string;
}

/** The email with the single-use link that confirms a place on the waitlist. */
export function confirmWaitlistEmail(link: string): EmailContent {
  const ignore = 'If you did not ask to join, ignore this email and nothing happens.';
  return {
    subject: 'Confirm your place on the Stax waitlist',
    text: [
      'Confirm your place on the Stax waitlist:',
      '',
      link,
      '',
      'The link works once, for 24 hours.',
      ignore,
    ].join('\n'),
    html: [
      '<p>Confirm your place on the Stax waitlist:</p>',
      `<p><a href="${escapeHtml(link)}">Confirm my place</a></p>`,
      `<p>The link works once, for 24 hours. ${ignore}</p>`,
    ].join('\n'),
  };
}

/** The email to an address that is already confirmed: no new link, nothing to do. */
export function alreadyListedEmail(): EmailContent {
  const text =
    'You are already on the Stax waitlist; there is nothing more to do. ' +
    'We will write when your place comes up.';
  return {
    subject: 'You are already on the Stax waitlist',
    text,
    html: `<p>${escapeHtml(text)}</p>`,
  };
}
