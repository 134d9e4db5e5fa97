import { z } from 'zod';
import {
  expectedVersionSchema,
  idSchema,
  oneOrMany,
  optionalText,
  pageSchema,
  type RecordBase,
} from '../../domain/common.js';
import { type Channel, channelSchema } from '../../domain/enums.js';
import { zodMessage } from '../../kernel/input-messages.js';
import { type Money, moneySchema } from '../../kernel/money.js';
import { sayQuota } from './quota-messages.js';
import { type QuotaPeriod, quotaPeriodSchema } from './quota-period.js';

/** Whose sales a quota measures: the person's own, or the person's and everyone below them. */
export const quotaScopeSchema = z.enum(['person', 'team']);
export type QuotaScope = z.infer<typeof quotaScopeSchema>;

/**
 * A sales target (销售指标) for one person or one manager's team, one period and optionally one
 * channel. At most one quota exists per (user, scope, period, channel); changing it keeps the old
 * target in the history.
 */
export interface Quota extends RecordBase {
  /** The salesperson, or the manager whose team the quota covers; also the owner for visibility. */
  userId: string;
  scope: QuotaScope;
  period: QuotaPeriod;
  /** Only orders of this channel count; null counts every channel. */
  channel: Channel | null;
  target: Money;
  note: string | null;
}

const positiveTarget = moneySchema.refine((m) => m.amount > 0, {
  ...zodMessage(sayQuota('quota.invalid.notPositive')),
  path: ['amount'],
});

export const setQuotaInput = z.object({
  userId: idSchema,
  scope: quotaScopeSchema.default('person'),
  period: quotaPeriodSchema,
  channel: channelSchema.nullable().default(null),
  target: positiveTarget,
  note: optionalText(500),
  /** Required to replace an existing quota, so two managers setting one target cannot overwrite each other unseen. */
  expectedVersion: expectedVersionSchema,
});
export type SetQuotaInput = z.input<typeof setQuotaInput>;

export const quotaListQuery = pageSchema.extend({
  userId: oneOrMany(idSchema).optional(),
  period: oneOrMany(quotaPeriodSchema).optional(),
  scope: quotaScopeSchema.optional(),
});
export type QuotaListQuery = z.input<typeof quotaListQuery>;

/** What the storage filters quotas by. */
export interface QuotaFilter {
  userId?: readonly string[];
  period?: readonly string[];
  scope?: QuotaScope;
  /** The natural key's channel part: a channel, or `*` for all channels. */
  channelKey?: string;
}

/** The natural key's channel part, so "all channels" is a value a unique index can compare. */
export const channelKeyOf = (channel: Channel | null): string => channel ?? '*';
