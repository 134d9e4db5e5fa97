import { type CrmStorage, isCrmError, type User } from '@gongfu/core';
import { openWorld, type ServiceWorld, type StorageFactory } from '@gongfu/service-suites';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipeline, quotaAttainment } from '../../src/index.js';
import { cny, viewers } from './fixtures.js';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (error) {
    return isCrmError(error) ? error.code : String(error);
  }
  return 'resolved';
}

/** A booked order of `amount` fen for `owner`, on an account of their own, in `channel`. */
async function bookedOrder(
  w: ServiceWorld,
  owner: User,
  amount: number,
  channel: 'key_account' | 'distribution',
) {
  const account = await w.crm.accounts.create(owner, {
    name: `客户 ${owner.name} ${amount}`,
    kind: 'dealer',
  });
  const order = await w.crm.orders.createDirect(owner, {
    accountId: account.id,
    channel,
    lines: [{ sku: 'LS2208', quantity: 1, unitPrice: cny(amount) }],
  });
  return w.crm.orders.confirm(owner, order.id);
}

/** Whose orders a quota counts, by the written rule: the person's own; a team quota adds everyone below. */
function covered(quotaHolder: User, scope: 'person' | 'team', owner: User): boolean {
  if (owner.id === quotaHolder.id) return true;
  return scope === 'team' && owner.managerId === quotaHolder.id;
}

/** `crm.quotas` and `quotaAttainment`: targets per person and team, measured from booked orders. */
export function describeQuotas(makeStorage: StorageFactory): void {
  describe('quotas and attainment', () => {
    let storage: CrmStorage;
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(async () => {
      await storage.close();
    });

    it('a manager sets a rep’s quota; the rep reads it, peers and other managers cannot, nobody sets their own', async () => {
      const w = await openWorld(storage);
      const { crm, org } = w;
      const quota = await crm.quotas.set(org.manager, {
        userId: org.repA.id,
        period: '2026-Q1',
        target: cny(3_000_000_00),
      });
      expect(quota).toMatchObject({
        userId: org.repA.id,
        scope: 'person',
        period: '2026-Q1',
        channel: null,
        version: 1,
      });
      expect((await crm.quotas.get(org.repA, quota.id)).target).toEqual(cny(3_000_000_00));
      expect(await codeOf(crm.quotas.get(org.repB, quota.id))).toBe('NOT_FOUND');
      expect(await codeOf(crm.quotas.get(org.otherManager, quota.id))).toBe('NOT_FOUND');
      expect((await crm.quotas.list(org.repB)).items).toEqual([]);
      expect((await crm.quotas.list(org.manager, { period: '2026-Q1' })).items.map((q) => q.id)).toEqual([
        quota.id,
      ]);
      expect(
        await codeOf(crm.quotas.set(org.repA, { userId: org.repA.id, period: '2026-Q2', target: cny(1) })),
      ).toBe('PERMISSION_DENIED');
      expect(
        await codeOf(
          crm.quotas.set(org.otherManager, { userId: org.repA.id, period: '2026-Q2', target: cny(1) }),
        ),
      ).toBe('PERMISSION_DENIED');
      expect((await crm.quotas.list(org.admin)).items).toHaveLength(1);
    });

    it('replacing a quota needs its version; the old target stays in the history', async () => {
      const w = await openWorld(storage);
      const { crm, org } = w;
      const first = await crm.quotas.set(org.manager, {
        userId: org.repA.id,
        period: '2026-03',
        target: cny(100_00),
      });
      expect(
        await codeOf(
          crm.quotas.set(org.manager, { userId: org.repA.id, period: '2026-03', target: cny(200_00) }),
        ),
      ).toBe('CONFLICT');
      expect(
        await codeOf(
          crm.quotas.set(org.manager, {
            userId: org.repA.id,
            period: '2026-03',
            target: cny(200_00),
            expectedVersion: 7,
          }),
        ),
      ).toBe('CONCURRENCY');
      const second = await crm.quotas.set(org.manager, {
        userId: org.repA.id,
        period: '2026-03',
        target: cny(200_00),
        expectedVersion: first.version,
      });
      expect(second).toMatchObject({ id: first.id, version: 2, target: cny(200_00) });
      // Another channel or scope is another quota, not a replacement.
      await crm.quotas.set(org.manager, {
        userId: org.repA.id,
        period: '2026-03',
        channel: 'wireless',
        target: cny(5),
      });
      const history = await crm.history.forRecord(org.manager, 'quota', first.id);
      expect(history.map((e) => e.event)).toEqual(['quota.set', 'quota.changed']);
      expect(history[1]?.changes.target).toEqual({ from: cny(100_00), to: cny(200_00) });
    });

    it('refuses bad periods, empty targets and unknown people with typed errors naming the field', async () => {
      const w = await openWorld(storage);
      const { crm, org } = w;
      for (const period of ['2026-13', '2026-Q5', '26-01', '2026/03', '1900']) {
        const error = await crm.quotas.set(org.manager, { userId: org.repA.id, period, target: cny(1) }).then(
          () => null,
          (e: unknown) => e as { code: string; issues: { field: string }[] },
        );
        expect(error?.code, period).toBe('VALIDATION');
        expect(error?.issues.map((i) => i.field)).toContain('period');
      }
      expect(
        await codeOf(crm.quotas.set(org.manager, { userId: org.repA.id, period: '2026', target: cny(0) })),
      ).toBe('VALIDATION');
      expect(
        await codeOf(crm.quotas.set(org.manager, { userId: 'user_nobody', period: '2026', target: cny(1) })),
      ).not.toBe('resolved');
      expect((await crm.quotas.list(org.admin)).items).toEqual([]);
    });

    it('attainment equals a brute-force sum of the booked orders each reader may see', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              owner: fc.constantFrom(0, 1, 2, 3),
              amount: fc.integer({ min: 1, max: 5_000_000_00 }),
              channel: fc.constantFrom('key_account', 'distribution') as fc.Arbitrary<
                'key_account' | 'distribution'
              >,
              booked: fc.boolean(),
            }),
            { maxLength: 6 },
          ),
          fc.constantFrom(null, 'key_account') as fc.Arbitrary<'key_account' | null>,
          async (orders, channel) => {
            const w = await openWorld(storage);
            const { crm, org } = w;
            const people = [org.repA, org.repB, org.manager, org.otherRep];
            await crm.quotas.set(org.manager, {
              userId: org.repA.id,
              period: '2026-Q1',
              channel,
              target: cny(1_000_000_00),
            });
            await crm.quotas.set(org.admin, {
              userId: org.manager.id,
              scope: 'team',
              period: '2026-Q1',
              target: cny(9_000_000_00),
            });
            const made: { owner: User; amount: number; channel: string }[] = [];
            for (const o of orders) {
              const owner = people[o.owner]!;
              if (o.booked) {
                await bookedOrder(w, owner, o.amount, o.channel);
                made.push({ owner, amount: o.amount, channel: o.channel });
              } else {
                // A draft is not a sale.
                const account = await crm.accounts.create(owner, {
                  name: `草稿 ${o.amount}`,
                  kind: 'dealer',
                });
                await crm.orders.createDirect(owner, {
                  accountId: account.id,
                  lines: [{ sku: 'LS2208', quantity: 1, unitPrice: cny(o.amount) }],
                });
              }
            }
            for (const viewer of viewers(w)) {
              const rows = await quotaAttainment(crm, viewer, { period: '2026-Q1' });
              for (const row of rows) {
                const holder = people.find((p) => p.id === row.quota.userId)!;
                const expected = made
                  .filter((m) => covered(holder, row.quota.scope, m.owner))
                  .filter((m) => row.quota.channel === null || m.channel === row.quota.channel)
                  .reduce((s, m) => s + m.amount, 0);
                expect(row.won.amount, `${viewer.name} → ${row.label}`).toBe(expected);
                expect(row.attainment).toBeCloseTo(expected / row.target.amount, 12);
                expect(row.gap.amount).toBe(Math.max(0, row.target.amount - expected));
              }
              // Who sees which quota: the holder, managers above, admins.
              const seen = rows.map((r) => r.quota.userId).sort();
              const expectedSeen = [
                ...(viewer.role === 'admin' || viewer.id === org.repA.id || viewer.id === org.manager.id
                  ? [org.repA.id]
                  : []),
                ...(viewer.role === 'admin' || viewer.id === org.manager.id ? [org.manager.id] : []),
              ].sort();
              expect(seen, viewer.name).toEqual(expectedSeen);
            }
          },
        ),
        { numRuns: 6 },
      );
    });

    it('counts only the period’s orders and adds the weighted open deals expected to close in it', async () => {
      const w = await openWorld(storage);
      const { crm, org, clock } = w;
      await crm.quotas.set(org.manager, { userId: org.repA.id, period: '2026-03', target: cny(1_000_00) });
      await bookedOrder(w, org.repA, 300_00, 'key_account');
      clock.set('2026-04-02T01:00:00.000Z');
      await bookedOrder(w, org.repA, 999_00, 'key_account'); // April: not March's
      const account = await crm.accounts.create(org.repA, { name: '青岛港', kind: 'dealer' });
      await crm.opportunities.create(org.repA, {
        name: '青岛港 扫描枪',
        accountId: account.id,
        channel: 'distribution',
        expectedClose: '2026-03-20',
        lines: [{ sku: 'LS2208', quantity: 10, unitPrice: cny(100_00) }],
      });
      const [row] = await quotaAttainment(crm, org.manager, { period: '2026-03' });
      expect(row?.won).toEqual(cny(300_00));
      expect(row?.orders).toBe(1);
      expect(row?.openWeighted.amount).toBeGreaterThan(0);
      expect(row?.forecastAttainment).toBeCloseTo((300_00 + (row?.openWeighted.amount ?? 0)) / 1_000_00, 12);
      const report = await pipeline(crm, org.manager, { quotaPeriod: '2026-03' });
      expect(report.quotas).toEqual([row]);
      expect((await pipeline(crm, org.manager)).quotas).toEqual([]);
    });
  });
}
