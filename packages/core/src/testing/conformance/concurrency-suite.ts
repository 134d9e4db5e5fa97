import type { Opportunity } from '@gongfu/core';
import { isCrmError } from '@gongfu/core';
import { describe, expect } from 'vitest';
import { conformanceIt, freshTenant, inTx, rawRows, rejectionOf } from './conformance-it.js';
import { buildLead, buildOpportunity } from './fixtures-deals.js';
import { CONFORMANCE_TABLES, rawNumber, type SuiteState } from './harness.js';
import { forEachRecordKind } from './record-kinds.js';

/** Compare-and-set on every RecordStore, and racing transactions on one record. */
export function registerConcurrency(state: SuiteState): void {
  describe('concurrency', () => {
    forEachRecordKind((kind) => {
      conformanceIt(
        state,
        `concurrency.${kind.name}.stale`,
        'stale expectedVersion → ConcurrencyError, row unchanged',
        async () => {
          const tenantId = await freshTenant(state);
          const v1 = kind.build(tenantId);
          const v2 = kind.change(v1);
          await inTx(state, tenantId, async (tx) => {
            await kind.store(tx).insert(v1);
            await kind.store(tx).update(v2, 1);
          });
          const error = await rejectionOf(
            inTx(state, tenantId, (tx) => kind.store(tx).update(kind.change(v1), 1)),
          );
          expect(isCrmError(error, 'CONCURRENCY'), String(error)).toBe(true);
          if (!isCrmError(error, 'CONCURRENCY')) return;
          expect({ expected: error.expected, actual: error.actual }).toEqual({ expected: 1, actual: 2 });
          expect(rawNumber((await rawRows(state, kind.table, tenantId, { id: v1.id }))[0], 'version')).toBe(
            2,
          );
          expect(await inTx(state, tenantId, (tx) => kind.store(tx).get(v1.id))).toEqual(v2);
        },
      );
    });

    conformanceIt(
      state,
      'concurrency.update-missing',
      'update of a missing id → ConcurrencyError, no upsert',
      async () => {
        const tenantId = await freshTenant(state);
        const ghost = { ...buildLead(tenantId), version: 2 };
        const error = await rejectionOf(inTx(state, tenantId, (tx) => tx.leads.update(ghost, 1)));
        expect(isCrmError(error, 'CONCURRENCY'), String(error)).toBe(true);
        if (!isCrmError(error, 'CONCURRENCY')) return;
        expect({ expected: error.expected, actual: error.actual }).toEqual({ expected: 1, actual: null });
        expect(await rawRows(state, CONFORMANCE_TABLES.leads, tenantId, { id: ghost.id })).toHaveLength(0);
      },
    );

    conformanceIt(
      state,
      'concurrency.race',
      'five transactions update one record from version 1: exactly one wins',
      async () => {
        const tenantId = await freshTenant(state);
        const lead = buildLead(tenantId, { ownerId: 'u-1' });
        await inTx(state, tenantId, (tx) => tx.leads.insert(lead));
        const writers = [0, 1, 2, 3, 4].map((i) =>
          inTx(state, tenantId, async (tx) => {
            // Every writer loaded version 1 before (as two users editing the same form would).
            expect(await tx.leads.get(lead.id)).not.toBeNull();
            await tx.leads.update({ ...lead, company: `writer ${i}`, version: 2 }, 1);
            return i;
          }),
        );
        const results = await Promise.allSettled(writers);
        const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
        const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
        expect(won).toHaveLength(1);
        for (const reason of lost) expect(isCrmError(reason, 'CONCURRENCY'), String(reason)).toBe(true);
        const stored = await inTx(state, tenantId, (tx) => tx.leads.get(lead.id));
        expect(stored?.company).toBe(`writer ${won[0]}`);
        expect(
          rawNumber(
            (await rawRows(state, CONFORMANCE_TABLES.leads, tenantId, { id: lead.id }))[0],
            'version',
          ),
        ).toBe(2);
      },
    );

    conformanceIt(
      state,
      'concurrency.no-lost-updates',
      '4 workers × 5 read-modify-write increments lose none',
      async () => {
        const tenantId = await freshTenant(state);
        const opp = buildOpportunity(tenantId, { ownerId: 'u-1', accountId: 'a-1', probability: 0 });
        await inTx(state, tenantId, (tx) => tx.opportunities.insert(opp));
        const increment = async (): Promise<void> => {
          for (let attempt = 0; attempt < 100; attempt += 1) {
            try {
              await inTx(state, tenantId, async (tx) => {
                const current = (await tx.opportunities.get(opp.id)) as Opportunity;
                const next = {
                  ...current,
                  probability: current.probability + 1,
                  version: current.version + 1,
                };
                await tx.opportunities.update(next, current.version);
              });
              return;
            } catch (error) {
              if (!isCrmError(error, 'CONCURRENCY')) throw error;
            }
          }
          throw new Error('an increment kept losing the compare-and-set 100 times');
        };
        const worker = async () => {
          for (let i = 0; i < 5; i += 1) await increment();
        };
        await Promise.all([worker(), worker(), worker(), worker()]);
        const stored = await inTx(state, tenantId, (tx) => tx.opportunities.get(opp.id));
        expect({ probability: stored?.probability, version: stored?.version }).toEqual({
          probability: 20,
          version: 21,
        });
      },
    );
  });
}
