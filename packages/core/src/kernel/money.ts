import { z } from 'zod';

/** ISO-4217 currency code. */
export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'expected an ISO-4217 currency code such as CNY');

/**
 * Money is an integer count of minor units (fen for CNY) plus its currency, never a float.
 * Amounts stay within Number.MAX_SAFE_INTEGER (≈ 90 trillion yuan), far above any deal.
 */
export const moneySchema = z.object({
  amount: z.number().int('money amounts are integer minor units (e.g. fen), never fractions').safe(),
  currency: currencySchema,
});
export type Money = z.infer<typeof moneySchema>;

export const nonNegativeMoneySchema = moneySchema.refine((m) => m.amount >= 0, {
  message: 'amount must not be negative',
  path: ['amount'],
});

export function money(amount: number, currency = 'CNY'): Money {
  return { amount, currency };
}

export class CurrencyMismatchError extends RangeError {}

export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(`cannot add ${a.currency} to ${b.currency}`);
  return { amount: a.amount + b.amount, currency: a.currency };
}

/** unit price × quantity, exact in minor units. */
export function multiplyMoney(unit: Money, quantity: number): Money {
  return { amount: unit.amount * quantity, currency: unit.currency };
}

export function formatMoney(m: Money): string {
  const sign = m.amount < 0 ? '-' : '';
  const abs = Math.abs(m.amount);
  const major = Math.trunc(abs / 100).toLocaleString('en-US');
  return `${sign}${m.currency} ${major}.${String(abs % 100).padStart(2, '0')}`;
}
