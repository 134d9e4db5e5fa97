import type { z } from 'zod';
import { fieldIssue, ValidationError } from '../../kernel/errors.js';
import type { CostFilter } from '../../storage/repositories.js';
import { shiftCalendarDate } from '../reminders/local-time.js';
import type { costListQuery } from './cost.js';
import { sayCost as say } from './cost-messages.js';

/**
 * The caller's filter as the storage's. `to` is inclusive for people ("costs up to 31 March"),
 * while storage ranges are [from, to), so the day after `to` becomes the exclusive end.
 */
export function toCostFilter(q: z.output<typeof costListQuery>): CostFilter {
  if (q.from && q.to && q.from > q.to)
    throw new ValidationError([fieldIssue('to', say('cost.invalid.toBeforeFrom', { from: q.from }))]);
  const filter: CostFilter = {};
  if (q.incurredBy) filter.incurredBy = q.incurredBy;
  if (q.opportunityId) filter.opportunityId = q.opportunityId;
  if (q.accountId) filter.accountId = q.accountId;
  if (q.leadId) filter.leadId = q.leadId;
  if (q.from || q.to)
    filter.incurredOn = {
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: shiftCalendarDate(q.to, 1) } : {}),
    };
  return filter;
}
