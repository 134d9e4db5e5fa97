import type { HistoryEvent } from '@gongfu/core';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { conformanceIt, freshTenant, inTx, rawRows } from './conformance-it.js';
import { minutesAfterBase } from './fixtures.js';
import { buildHistoryEvent, type NewHistoryEvent } from './fixtures-work.js';
import { CONFORMANCE_TABLES, type SuiteState } from './harness.js';

const withoutSeq = ({ seq: _seq, ...rest }: HistoryEvent) => rest;

function expectIncreasing(seqs: readonly number[]): void {
  expect(
    seqs.every((s) => Number.isSafeInteger(s)),
    `seq are integers: ${seqs.join(',')}`,
  ).toBe(true);
  expect(
    seqs.every((s, i) => i === 0 || s > (seqs[i - 1] ?? Number.POSITIVE_INFINITY)),
    `seq strictly increasing: ${seqs.join(',')}`,
  ).toBe(true);
}

/** The append-only history log: seq assignment, per-entity reads, actor reads over [from, to). */
export function registerHistory(state: SuiteState): void {
  describe('history', () => {
    conformanceIt(
      state,
      'history.for-entity',
      'append assigns increasing seq; forEntity is oldest first',
      async () => {
        const tenantId = await freshTenant(state);
        const e = (n: number, o: Partial<NewHistoryEvent> = {}) =>
          buildHistoryEvent({
            entityId: 'l1',
            actorId: 'u1',
            version: n,
            at: minutesAfterBase(n),
            event: `lead.step_${n}`,
            ...o,
          });
        // The third event shares the second's timestamp: seq alone orders them.
        const batch1 = [e(1), e(2, { meta: { reason: 'test', batch: ['x', 1] } })];
        const batch2 = [e(3, { at: minutesAfterBase(2), changes: { ownerId: { from: 'u1', to: 'u2' } } })];
        const otherLead = e(9, { entityId: 'l2' });
        const sameIdOtherType = e(9, { entityType: 'opportunity' });
        await inTx(state, tenantId, (tx) => tx.history.append([...batch1, otherLead]));
        await inTx(state, tenantId, (tx) => tx.history.append([...batch2, sameIdOtherType]));
        const events = await inTx(state, tenantId, (tx) => tx.history.forEntity('lead', 'l1'));
        expect(events.map(withoutSeq)).toEqual([...batch1, ...batch2].map((x) => ({ ...x, tenantId })));
        expectIncreasing(events.map((x) => x.seq));
        expect(await rawRows(state, CONFORMANCE_TABLES.history, tenantId)).toHaveLength(5);
      },
    );

    conformanceIt(
      state,
      'history.for-entities',
      'forEntities gives each asked record its forEntity events, nothing of other records or types',
      async () => {
        const ids = ['d0', 'd1', 'd2', 'd3'];
        const runArb = fc.record({
          // Which record (and type) each appended event is about, in append order.
          events: fc.array(
            fc.record({ id: fc.constantFrom(...ids), type: fc.constantFrom('opportunity', 'lead') }),
            { maxLength: 12 },
          ),
          asked: fc.array(fc.constantFrom(...ids, 'nobody'), { maxLength: 6 }),
        });
        await fc.assert(
          fc.asyncProperty(runArb, async (run) => {
            const tenantId = await freshTenant(state);
            const events = run.events.map((x, i) =>
              buildHistoryEvent({
                entityId: x.id,
                entityType: x.type as NewHistoryEvent['entityType'],
                version: i + 1,
                at: minutesAfterBase(i % 3),
                event: `deal.step_${i}`,
              }),
            );
            if (events.length > 0) await inTx(state, tenantId, (tx) => tx.history.append(events));
            const [together, oneByOne] = await inTx(state, tenantId, async (tx) => [
              await tx.history.forEntities('opportunity', run.asked),
              (
                await Promise.all(
                  [...new Set(run.asked)].map((id) => tx.history.forEntity('opportunity', id)),
                )
              ).flat(),
            ]);
            // Per record, the same events in the same (seq) order; records may come in any order.
            const byRecord = (xs: HistoryEvent[]) =>
              [...new Set(xs.map((x) => x.entityId))].sort().map((id) => xs.filter((x) => x.entityId === id));
            expect(byRecord(together)).toEqual(byRecord(oneByOne));
            expect(together).toHaveLength(oneByOne.length);
          }),
          { numRuns: 15 },
        );
      },
    );

    conformanceIt(
      state,
      'history.by-actors',
      'byActors keeps [from, to), the actors, oldest first and the limit',
      async () => {
        const tenantId = await freshTenant(state);
        const e = (minute: number, actorId: string) =>
          buildHistoryEvent({ entityId: `l-${minute}-${actorId}`, actorId, at: minutesAfterBase(minute) });
        const events = [e(0, 'u1'), e(10, 'u2'), e(10, 'u1'), e(20, 'u3'), e(30, 'u1'), e(40, 'u2')];
        await inTx(state, tenantId, (tx) => tx.history.append(events));
        const range = { from: minutesAfterBase(10), to: minutesAfterBase(40) };
        const read = (actors: string[], r: { from?: string; to?: string }, limit = 50) =>
          inTx(state, tenantId, (tx) => tx.history.byActors(actors, r, limit)).then((xs) =>
            xs.map((x) => x.entityId),
          );
        expect(await read(['u1', 'u2'], range)).toEqual(['l-10-u2', 'l-10-u1', 'l-30-u1']);
        expect(await read(['u1', 'u2'], range, 2)).toEqual(['l-10-u2', 'l-10-u1']);
        expect(await read(['u3'], range)).toEqual(['l-20-u3']);
        expect(await read(['u1'], { to: minutesAfterBase(10) })).toEqual(['l-0-u1']);
        expect(await read(['u2'], { from: minutesAfterBase(40) })).toEqual(['l-40-u2']);
        expect(await read(['u9'], {})).toEqual([]);
      },
    );
  });
}
