import { z } from 'zod';
import {
  expectedVersionSchema,
  idSchema,
  oneOrMany,
  optionalText,
  pageSchema,
  type RecordBase,
} from '../../domain/common.js';
import { type CostCategory, costCategoryKeySchema } from '../../domain/enums.js';
import { zodMessage } from '../../kernel/input-messages.js';
import { type Money, moneySchema } from '../../kernel/money.js';
import { type CalendarDate, calendarDateSchema } from '../../kernel/time.js';
import { linkFilters } from '../activities/link-filters.js';
import { sayCost } from './cost-messages.js';

/** A cost of selling (travel, entertainment, samples, bid fees …) booked against a deal, customer or lead. */
export interface CostEntry extends RecordBase {
  category: CostCategory;
  amount: Money;
  incurredOn: CalendarDate;
  /** Who spent it; also the owner for visibility. */
  incurredBy: string;
  opportunityId: string | null;
  accountId: string | null;
  leadId: string | null;
  description: string | null;
}

const positiveMoney = moneySchema.refine((m) => m.amount > 0, {
  ...zodMessage(sayCost('cost.invalid.notPositive')),
  path: ['amount'],
});

export const recordCostInput = z
  .object({
    category: costCategoryKeySchema,
    amount: positiveMoney,
    incurredOn: calendarDateSchema,
    incurredBy: idSchema.optional(),
    opportunityId: idSchema.optional(),
    accountId: idSchema.optional(),
    leadId: idSchema.optional(),
    description: optionalText(1000),
  })
  .refine((c) => c.opportunityId || c.accountId || c.leadId, {
    ...zodMessage(sayCost('cost.invalid.unlinked')),
    path: ['opportunityId'],
  });
export type RecordCostInput = z.input<typeof recordCostInput>;

/** A correction replaces the figures; the old ones stay in the history. */
export const correctCostInput = z.strictObject({
  category: costCategoryKeySchema.optional(),
  amount: positiveMoney.optional(),
  incurredOn: calendarDateSchema.optional(),
  description: optionalText(1000),
  reason: z
    .string()
    .trim()
    .min(1, zodMessage(sayCost('cost.invalid.noCorrectionReason')))
    .max(500),
  expectedVersion: expectedVersionSchema,
});
export type CorrectCostInput = z.input<typeof correctCostInput>;

/**
 * Costs booked against deals, customers, leads or people, and a date window. `to` is inclusive
 * ("costs up to 31 March"); a total ignores `limit` and `cursor`.
 */
export const costListQuery = pageSchema.extend({
  ...linkFilters,
  incurredBy: oneOrMany(idSchema).optional(),
  from: calendarDateSchema.optional(),
  to: calendarDateSchema.optional(),
});
export type CostListQuery = z.input<typeof costListQuery>;

/** The costs of one currency added up; a roll-up never mixes currencies. */
export interface CostTotal {
  currency: string;
  /** Minor units (fen for CNY), summed exactly. */
  amount: number;
  count: number;
}
