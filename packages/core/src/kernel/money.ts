import { z } from 'zod';
import { fieldIssue, ValidationError } from './errors.js';
import { sayInput, zodMessage } from './input-messages.js';
import type { Message } from './message.js';

/** The ISO-4217 codes the runtime knows (Intl): "RMB" is not one, CNY is. */
const ISO_4217 = new Set(Intl.supportedValuesOf('currency'));

/** ISO-4217 currency code. */
export const currencySchema = z
  .string()
  .refine((code) => /^[A-Z]{3}$/.test(code) && ISO_4217.has(code), zodMessage(sayInput('money.currency')));

/**
 * Money is an integer count of minor units (fen for CNY) plus its currency, never a float.
 * Amounts stay within Number.MAX_SAFE_INTEGER (≈ 90 trillion yuan), far above any deal.
 */
export const moneySchema = z.strictObject({
  amount: z
    .number()
    .int(zodMessage(sayInput('money.wholeMinorUnits')))
    .safe(),
  currency: currencySchema,
});
export type Money = z.infer<typeof moneySchema>;

export const nonNegativeMoneySchema = moneySchema.refine((m) => m.amount >= 0, {
  ...zodMessage(sayInput('money.negative')),
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

/**
 * The safe-integer rule for derived money (docs/input.md): a line total, a deal total or a sum that
 * would leave ±Number.MAX_SAFE_INTEGER minor units is a ValidationError on `field`, never a rounded
 * number. Aggregates (cost totals, rollups) follow the same rule: narrow the query to read them.
 */
export function checkSafeAmount(amount: number | bigint, field: string, what: Message): number {
  const big = typeof amount === 'bigint' ? amount : null;
  const safe =
    big !== null
      ? big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= BigInt(Number.MIN_SAFE_INTEGER)
      : Number.isSafeInteger(amount);
  if (!safe) {
    throw new ValidationError([
      fieldIssue(field, sayInput('money.unsafe', { what, limit: String(Number.MAX_SAFE_INTEGER) })),
    ]);
  }
  return Number(amount);
}

/** "The CNY total", for `checkSafeAmount` of a sum by currency. */
export const moneyTotal = (currency: string): Message => sayInput('money.what.total', { currency });
/** "The sum 9007199254740993", for `checkSafeAmount` of a sum a store returned. */
export const moneySum = (sum: string): Message => sayInput('money.what.sum', { sum });

/** Σ unit price × quantity over lines in one currency; every line total and the sum stay safe integers. */
export function sumLineAmounts(
  lines: readonly { sku: string; quantity: number; unitPrice: Money }[],
  currency: string,
  owner: 'deal' | 'order',
): Money {
  let total = 0n;
  lines.forEach((line, i) => {
    if (line.unitPrice.currency !== currency) {
      throw new ValidationError([
        fieldIssue(
          `lines.${i}.unitPrice.currency`,
          sayInput('money.lineCurrency', {
            sku: line.sku,
            lineCurrency: line.unitPrice.currency,
            owner,
            currency,
          }),
        ),
      ]);
    }
    const lineTotal = BigInt(line.unitPrice.amount) * BigInt(line.quantity);
    checkSafeAmount(lineTotal, `lines.${i}.unitPrice.amount`, sayInput('money.what.line'));
    total += lineTotal;
  });
  return { amount: checkSafeAmount(total, 'lines', sayInput(`money.what.${owner}`)), currency };
}

export function formatMoney(m: Money): string {
  const sign = m.amount < 0 ? '-' : '';
  const abs = Math.abs(m.amount);
  const major = Math.trunc(abs / 100).toLocaleString('en-US');
  return `${sign}${m.currency} ${major}.${String(abs % 100).padStart(2, '0')}`;
}

/** A line schema whose unit price × quantity stays a safe integer, refused at `unitPrice.amount`. */
export function withSafeLineTotal<S extends z.ZodType<{ quantity: number; unitPrice: Money }>>(schema: S) {
  return schema.superRefine((line, ctx) => {
    if (!Number.isSafeInteger(line.unitPrice.amount * line.quantity)) {
      ctx.addIssue({
        code: 'custom',
        path: ['unitPrice', 'amount'],
        ...zodMessage(
          sayInput('money.unsafe', {
            what: sayInput('money.what.line'),
            limit: String(Number.MAX_SAFE_INTEGER),
          }),
        ),
      });
    }
  });
}
