import { describe } from 'vitest';
import { conformanceIt } from './conformance-it.js';
import { checkFilterCases, day } from './filter-check.js';
import { buildAccount } from './fixtures.js';
import { buildLead, buildOpportunity } from './fixtures-deals.js';
import type { SuiteState } from './harness.js';

/** Every filter key of leads and opportunities, and the account filters including `text`. */
export function registerDealFilters(state: SuiteState): void {
  describe('filters (deals)', () => {
    conformanceIt(
      state,
      'filters.leads',
      'status, ownerId, channel, source, receivedAt, text (case-insensitive)',
      () =>
        checkFilterCases(
          state,
          (tx) => tx.leads,
          (t) => {
            const l1 = buildLead(t, {
              ownerId: 'u1',
              receivedAt: day(0),
              company: 'Qingdao HAISHENG Trading',
            });
            const l2 = buildLead(t, {
              status: 'working',
              ownerId: 'u2',
              channel: 'wireless',
              source: 'referral',
              referredBy: '刘总',
              receivedAt: day(1),
              company: '济南重汽物流中心',
            });
            const l3 = buildLead(t, {
              status: 'nurture',
              ownerId: 'u1',
              channel: 'distribution',
              source: 'web',
              receivedAt: day(2),
              company: 'Jinan Port Logistics',
            });
            const l4 = buildLead(t, {
              status: 'working',
              ownerId: 'u1',
              source: 'marketing_event',
              eventName: 'CeMAT Asia',
              receivedAt: day(3),
              company: 'Weifang haisheng Foods',
            });
            return {
              records: [l1, l2, l3, l4],
              cases: [
                { where: { status: ['working'] }, expect: [l2, l4] },
                { where: { status: ['new', 'nurture'] }, expect: [l1, l3] },
                { where: { ownerId: ['u2'] }, expect: [l2] },
                { where: { channel: ['key_account', 'wireless'] }, expect: [l1, l2, l4] },
                { where: { source: ['referral', 'web'] }, expect: [l2, l3] },
                { where: { receivedAt: { from: day(1), to: day(3) } }, expect: [l2, l3] },
                { where: { receivedAt: { from: day(2) } }, expect: [l3, l4] },
                { where: { receivedAt: { to: day(1) } }, expect: [l1] },
                { where: { text: 'haiSHENG' }, expect: [l1, l4] },
                { where: { text: '重汽' }, expect: [l2] },
                { where: { text: '%' }, expect: [] },
                { where: { status: ['working'], ownerId: ['u1'] }, expect: [l4] },
                {
                  where: { status: ['working'] },
                  scope: { kind: 'scoped', ownerIds: ['u2'], memberIds: [], minAccess: 'read' },
                  expect: [l2],
                },
              ],
            };
          },
        ),
    );

    conformanceIt(state, 'filters.opportunities', 'stage, ownerId, channel, accountId, open, updatedAt', () =>
      checkFilterCases(
        state,
        (tx) => tx.opportunities,
        (t) => {
          const o1 = buildOpportunity(t, { ownerId: 'u1', accountId: 'a1', updatedAt: day(0) });
          const o2 = buildOpportunity(t, {
            stage: 'proposal',
            probability: 50,
            ownerId: 'u2',
            channel: 'wireless',
            accountId: 'a2',
            updatedAt: day(1),
          });
          const closed = { forecastCategory: 'closed' as const, closedAt: day(2) };
          const o3 = buildOpportunity(t, {
            ...closed,
            stage: 'won',
            probability: 100,
            ownerId: 'u1',
            channel: 'distribution',
            accountId: 'a1',
            updatedAt: day(2),
          });
          const o4 = buildOpportunity(t, {
            ...closed,
            forecastCategory: 'omitted',
            stage: 'lost',
            probability: 0,
            lostReason: 'price',
            ownerId: 'u2',
            accountId: 'a3',
            updatedAt: day(3),
            closedAt: day(3),
          });
          return {
            records: [o1, o2, o3, o4],
            cases: [
              { where: { stage: ['won', 'lost'] }, expect: [o3, o4] },
              { where: { ownerId: ['u1'] }, expect: [o1, o3] },
              { where: { channel: ['key_account'] }, expect: [o1, o4] },
              { where: { accountId: ['a1', 'a2'] }, expect: [o1, o2, o3] },
              { where: { open: true }, expect: [o1, o2] },
              { where: { open: false }, expect: [o3, o4] },
              { where: { updatedAt: { from: day(1), to: day(3) } }, expect: [o2, o3] },
              { where: { accountId: ['a1'], open: true }, expect: [o1] },
            ],
          };
        },
      ),
    );

    conformanceIt(
      state,
      'filters.accounts',
      'text over name, alias, phone, email (case-insensitive); owner, kind, merged',
      () =>
        checkFilterCases(
          state,
          (tx) => tx.accounts,
          (t) => {
            const a1 = buildAccount(t, {
              name: 'Qingdao Hisense Network Technology',
              aliases: ['海信网络'],
              phones: ['0532-8888 6666'],
              emails: ['purchasing@hisense.example'],
              ownerId: 'u1',
            });
            const a2 = buildAccount(t, {
              name: '山东高速物流集团',
              aliases: ['SDHS Logistics'],
              phones: ['0531-8517 1234'],
              emails: ['it@sdhs.example'],
              ownerId: 'u2',
              kind: 'system_integrator',
            });
            const a3 = buildAccount(t, {
              name: 'Weifang Haisheng Foods',
              aliases: [],
              phones: ['0536-222 3333'],
              emails: ['buy@weifang.example'],
              ownerId: 'u1',
              kind: 'dealer',
              mergedIntoId: a1.id,
            });
            return {
              records: [a1, a2, a3],
              cases: [
                { where: { text: 'HISENSE' }, expect: [a1] },
                { where: { text: 'sdhs logistics' }, expect: [a2] },
                { where: { text: '海信' }, expect: [a1] },
                { where: { text: '8517' }, expect: [a2] },
                { where: { text: 'BUY@weifang' }, expect: [a3] },
                { where: { text: '_' }, expect: [] },
                { where: { ownerId: ['u1'] }, expect: [a1, a3] },
                { where: { kind: ['dealer', 'system_integrator'] }, expect: [a2, a3] },
                { where: { mergedIntoId: null }, expect: [a1, a2] },
                { where: { mergedIntoId: a1.id }, expect: [a3] },
              ],
            };
          },
        ),
    );
  });
}
