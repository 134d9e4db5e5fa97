import type { CrmStorage } from '@gongfu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildActivity, buildCost, buildLead, minutesAfter } from './support/builders.js';
import { ALL_SCOPE, memoryStorage, rejectionOf } from './support/open-storage.js';

let storage: CrmStorage;
beforeAll(async () => {
  storage = await memoryStorage(['t1', 't2']);
});
afterAll(() => storage.close());

describe('keyset pagination', () => {
  it('walks every row exactly once, newest first, with ties on created_at broken by id', async () => {
    // 5 distinct instants × 9 rows each: many ties, so the id tie-break must be right.
    const leads = Array.from({ length: 45 }, (_, i) => {
      const at = minutesAfter(i % 5);
      return { ...buildLead('t1'), createdAt: at, updatedAt: at };
    });
    await storage.transaction({ tenantId: 't1' }, async (tx) => {
      for (const l of leads) await tx.leads.insert(l);
    });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await storage.read({ tenantId: 't1' }, (tx) =>
        tx.leads.list({ scope: ALL_SCOPE, limit: 7, ...(cursor ? { cursor } : {}) }),
      );
      seen.push(...page.items.map((l) => l.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor !== undefined);
    expect(pages).toBe(7);
    expect(new Set(seen).size).toBe(45);
    const expected = [...leads]
      .sort((a, b) =>
        a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1,
      )
      .map((l) => l.id);
    expect(seen).toEqual(expected);
  });

  it('rejects a forged cursor and an out-of-range limit as validation errors', async () => {
    const list = (q: { cursor?: string; limit: number }) =>
      storage.read({ tenantId: 't1' }, (tx) => tx.leads.list({ scope: ALL_SCOPE, ...q }));
    expect(await rejectionOf(list({ cursor: 'not-a-cursor', limit: 5 }))).toMatchObject({
      code: 'VALIDATION',
      field: 'cursor',
    });
    expect(await rejectionOf(list({ limit: 0 }))).toMatchObject({ code: 'VALIDATION', field: 'limit' });
    expect(await rejectionOf(list({ limit: 501 }))).toMatchObject({ code: 'VALIDATION', field: 'limit' });
  });
});

describe('ranges across day and month boundaries', () => {
  it('instant ranges are half-open and honour offsets (Shanghai midnight = 16:00Z the day before)', async () => {
    const starts = [
      '2026-01-31T15:59:59.999Z',
      '2026-01-31T16:00:00.000Z',
      '2026-02-28T15:59:59.999Z',
      '2026-02-28T16:00:00.000Z',
    ];
    const acts = starts.map((startAt) =>
      buildActivity('t2', { startAt, endAt: startAt, ownerId: 'range_u' }),
    );
    await storage.transaction({ tenantId: 't2' }, async (tx) => {
      for (const a of acts) await tx.activities.insert(a);
    });
    // February in Shanghai: [2026-02-01T00:00+08:00, 2026-03-01T00:00+08:00).
    const feb = await storage.read({ tenantId: 't2' }, (tx) =>
      tx.activities.list({
        where: {
          ownerId: ['range_u'],
          startAt: { from: '2026-02-01T00:00:00+08:00', to: '2026-03-01T00:00:00+08:00' },
        },
        scope: ALL_SCOPE,
        limit: 50,
      }),
    );
    expect(feb.items.map((a) => a.startAt).sort()).toEqual([starts[1], starts[2]]);
  });

  it('calendar-date ranges include from, exclude to, and cross month and year ends', async () => {
    const days = ['2025-12-31', '2026-01-01', '2026-01-31', '2026-02-01', '2026-02-28', '2026-03-01'];
    await storage.transaction({ tenantId: 't2' }, async (tx) => {
      for (const incurredOn of days)
        await tx.costs.insert(buildCost('t2', { incurredOn, incurredBy: 'cost_u' }));
    });
    const between = (from?: string, to?: string) =>
      storage.read({ tenantId: 't2' }, async (tx) => {
        const where = {
          incurredBy: ['cost_u'],
          incurredOn: { ...(from ? { from } : {}), ...(to ? { to } : {}) },
        };
        const page = await tx.costs.list({ where, scope: ALL_SCOPE, limit: 50 });
        expect(await tx.costs.count(where, ALL_SCOPE)).toBe(page.items.length);
        return page.items.map((c) => c.incurredOn).sort();
      });
    expect(await between('2026-01-01', '2026-02-01')).toEqual(['2026-01-01', '2026-01-31']);
    expect(await between('2026-02-01', '2026-03-01')).toEqual(['2026-02-01', '2026-02-28']);
    expect(await between(undefined, '2026-01-01')).toEqual(['2025-12-31']);
    expect(await between('2026-02-28')).toEqual(['2026-02-28', '2026-03-01']);
  });
});
