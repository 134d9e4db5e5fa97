import { describe } from 'vitest';
import { conformanceIt } from './conformance-it.js';
import { checkFilterCases, day } from './filter-check.js';
import { buildActivity, buildCost } from './fixtures-work.js';
import type { SuiteState } from './harness.js';

/** Every filter key of activities and costs. */
export function registerWorkFilters(state: SuiteState): void {
  describe('filters (work)', () => {
    conformanceIt(
      state,
      'filters.activities',
      'status, ownerId, leadId, opportunityId, accountId, startAt',
      () =>
        checkFilterCases(
          state,
          (tx) => tx.activities,
          (t) => {
            const a1 = buildActivity(t, { ownerId: 'u1', leadId: 'l1', startAt: day(0), endAt: day(0) });
            const a2 = buildActivity(t, {
              status: 'completed',
              completedAt: day(1),
              ownerId: 'u2',
              opportunityId: 'o1',
              accountId: 'a1',
              startAt: day(1),
              endAt: day(1),
            });
            const a3 = buildActivity(t, {
              status: 'cancelled',
              cancelReason: 'rain',
              ownerId: 'u1',
              accountId: 'a2',
              startAt: day(2),
              endAt: day(2),
            });
            const a4 = buildActivity(t, {
              kind: 'call',
              ownerId: 'u2',
              leadId: 'l2',
              opportunityId: 'o1',
              startAt: day(3),
              endAt: day(3),
            });
            return {
              records: [a1, a2, a3, a4],
              cases: [
                { where: { status: ['scheduled'] }, expect: [a1, a4] },
                { where: { status: ['completed', 'cancelled'] }, expect: [a2, a3] },
                { where: { ownerId: ['u2'] }, expect: [a2, a4] },
                { where: { leadId: ['l1', 'l2'] }, expect: [a1, a4] },
                { where: { opportunityId: ['o1'] }, expect: [a2, a4] },
                { where: { accountId: ['a2'] }, expect: [a3] },
                { where: { startAt: { from: day(1), to: day(3) } }, expect: [a2, a3] },
                { where: { status: ['scheduled'], ownerId: ['u2'] }, expect: [a4] },
              ],
            };
          },
        ),
    );

    conformanceIt(
      state,
      'filters.costs',
      'incurredBy, opportunityId, accountId, leadId, incurredOn, category',
      () =>
        checkFilterCases(
          state,
          (tx) => tx.costs,
          (t) => {
            const c1 = buildCost(t, { incurredBy: 'u1', opportunityId: 'o1', incurredOn: '2026-03-01' });
            const c2 = buildCost(t, {
              category: 'entertainment',
              incurredBy: 'u2',
              accountId: 'a1',
              incurredOn: '2026-03-02',
            });
            const c3 = buildCost(t, {
              category: 'bid_fees',
              incurredBy: 'u1',
              leadId: 'l1',
              incurredOn: '2026-03-03',
            });
            const c4 = buildCost(t, {
              incurredBy: 'u2',
              opportunityId: 'o2',
              accountId: 'a1',
              incurredOn: '2026-03-04',
            });
            return {
              records: [c1, c2, c3, c4],
              cases: [
                { where: { incurredBy: ['u2'] }, expect: [c2, c4] },
                { where: { opportunityId: ['o1', 'o2'] }, expect: [c1, c4] },
                { where: { accountId: ['a1'] }, expect: [c2, c4] },
                { where: { leadId: ['l1'] }, expect: [c3] },
                { where: { incurredOn: { from: '2026-03-02', to: '2026-03-04' } }, expect: [c2, c3] },
                { where: { category: ['travel'] }, expect: [c1, c4] },
                { where: { category: ['travel'], incurredBy: ['u1'] }, expect: [c1] },
              ],
            };
          },
        ),
    );
  });
}
