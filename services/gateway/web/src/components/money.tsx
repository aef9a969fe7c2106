import { formatAmount, type Precision } from '../format/money';

interface MoneyProps {
  amount: string;
  currency: string;
  precision?: Precision;
}

/** An amount in its own currency; the exact figure is in the tooltip when rounded. */
export function Money({ amount, currency, precision = 'usual' }: MoneyProps) {
  const shown = formatAmount(amount, currency, precision);
  const exact = formatAmount(amount, currency, 'exact');
  return (
    <span class="money" title={exact === shown ? undefined : `Exactly ${exact}`}>
      {shown}
    </span>
  );
}
