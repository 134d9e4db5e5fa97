import { describe } from 'vitest';
import { conformanceIt } from './conformance-it.js';
import { checkFilterCases } from './filter-check.js';
import { buildLead } from './fixtures-deals.js';
import { buildActivity, buildCost } from './fixtures-work.js';
import type { SuiteState } from './harness.js';

/**
 * Range queries across day, month, year and leap-day boundaries. Asia/Shanghai is UTC+8, so its
 * midnight of 1 February 2026 is 2026-01-31T16:00:00.000Z. Ranges are [from, to).
 */
export function registerRanges(state: SuiteState): void {
  describe('ranges', () => {
    conformanceIt(
      state,
      'ranges.activities-shanghai',
      'startAt ranges split exactly at Shanghai midnight (ms precision)',
      () =>
        checkFilterCases(
          state,
          (tx) => tx.activities,
          (t) => {
            const act = (startAt: string) =>
              buildActivity(t, { ownerId: 'u1', accountId: 'a1', startAt, endAt: startAt });
            const lastMsJan = act('2026-01-31T15:59:59.999Z');
            const feb1 = act('2026-01-31T16:00:00.000Z');
            const feb1Plus = act('2026-01-31T16:00:00.001Z');
            const lastMsFeb = act('2026-02-28T15:59:59.999Z');
            const mar1 = act('2026-02-28T16:00:00.000Z');
            return {
              records: [lastMsJan, feb1, feb1Plus, lastMsFeb, mar1],
              cases: [
                {
                  where: { startAt: { from: '2026-01-31T16:00:00.000Z', to: '2026-02-28T16:00:00.000Z' } },
                  expect: [feb1, feb1Plus, lastMsFeb],
                },
                {
                  where: { startAt: { from: '2026-01-31T16:00:00.000Z', to: '2026-02-01T16:00:00.000Z' } },
                  expect: [feb1, feb1Plus],
                },
                {
                  where: { startAt: { from: '2026-01-30T16:00:00.000Z', to: '2026-01-31T16:00:00.000Z' } },
                  expect: [lastMsJan],
                },
                {
                  where: { startAt: { from: '2026-01-31T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' } },
                  expect: [lastMsJan, feb1, feb1Plus],
                },
                { where: { startAt: { from: '2026-02-28T15:59:59.999Z' } }, expect: [lastMsFeb, mar1] },
                { where: { startAt: { to: '2026-01-31T16:00:00.000Z' } }, expect: [lastMsJan] },
                {
                  where: { startAt: { from: '2026-01-31T16:00:00.001Z', to: '2026-01-31T16:00:00.002Z' } },
                  expect: [feb1Plus],
                },
              ],
            };
          },
        ),
    );

    conformanceIt(
      state,
      'ranges.leads-new-year',
      'receivedAt ranges split exactly at Shanghai New Year',
      () =>
        checkFilterCases(
          state,
          (tx) => tx.leads,
          (t) => {
            const lead = (receivedAt: string) => buildLead(t, { ownerId: 'u1', receivedAt });
            const eve = lead('2026-12-31T15:59:59.999Z');
            const newYear = lead('2026-12-31T16:00:00.000Z');
            const utcNewYear = lead('2027-01-01T00:00:00.000Z');
            return {
              records: [eve, newYear, utcNewYear],
              cases: [
                {
                  where: { receivedAt: { from: '2026-12-31T16:00:00.000Z' } },
                  expect: [newYear, utcNewYear],
                },
                { where: { receivedAt: { to: '2026-12-31T16:00:00.000Z' } }, expect: [eve] },
                {
                  where: { receivedAt: { from: '2026-12-31T16:00:00.000Z', to: '2027-01-01T00:00:00.000Z' } },
                  expect: [newYear],
                },
              ],
            };
          },
        ),
    );

    conformanceIt(
      state,
      'ranges.costs-month-ends',
      'incurredOn ranges over month ends, year end and 2028-02-29',
      () =>
        checkFilterCases(
          state,
          (tx) => tx.costs,
          (t) => {
            const cost = (incurredOn: string) =>
              buildCost(t, { incurredBy: 'u1', accountId: 'a1', incurredOn });
            const all = [
              '2026-01-31',
              '2026-02-01',
              '2026-02-28',
              '2026-03-01',
              '2026-12-31',
              '2027-01-01',
              '2028-02-28',
              '2028-02-29',
              '2028-03-01',
            ].map(cost);
            const pick = (...dates: string[]) => all.filter((c) => dates.includes(c.incurredOn));
            return {
              records: all,
              cases: [
                {
                  where: { incurredOn: { from: '2026-02-01', to: '2026-03-01' } },
                  expect: pick('2026-02-01', '2026-02-28'),
                },
                {
                  where: { incurredOn: { from: '2026-01-01', to: '2026-02-01' } },
                  expect: pick('2026-01-31'),
                },
                {
                  where: { incurredOn: { from: '2028-02-01', to: '2028-03-01' } },
                  expect: pick('2028-02-28', '2028-02-29'),
                },
                {
                  where: { incurredOn: { from: '2028-02-29', to: '2028-03-01' } },
                  expect: pick('2028-02-29'),
                },
                { where: { incurredOn: { from: '2028-02-29' } }, expect: pick('2028-02-29', '2028-03-01') },
                {
                  where: { incurredOn: { to: '2027-01-01' } },
                  expect: pick('2026-01-31', '2026-02-01', '2026-02-28', '2026-03-01', '2026-12-31'),
                },
                {
                  where: { incurredOn: { from: '2026-12-31', to: '2027-01-02' } },
                  expect: pick('2026-12-31', '2027-01-01'),
                },
              ],
            };
          },
        ),
    );
  });
}
