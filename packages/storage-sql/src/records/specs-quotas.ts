import { channelKeyOf, type Quota, type QuotaFilter } from '@gongfu/core';
import { inCol, type RecordSpec } from './record-spec.js';

export const quotaSpec: RecordSpec<Quota, QuotaFilter> = {
  entity: 'quota',
  table: 'quotas',
  columns: {
    scope: 'text',
    period: 'text',
    channel_key: 'text',
    target_minor: 'money',
    currency: 'text',
  },
  project: (q) => ({
    scope: q.scope,
    period: q.period,
    channel_key: channelKeyOf(q.channel),
    target_minor: q.target.amount,
    currency: q.target.currency,
  }),
  ownerId: (q) => q.userId,
  teamKey: (q) => q.id,
  filters: {
    userId: inCol('owner_id'),
    period: inCol('period'),
    scope: { column: 'scope', op: 'eq' },
    channelKey: { column: 'channel_key', op: 'eq' },
  },
};
