import { isCrmError } from '@gongfu/core';
import { describe, expect } from 'vitest';
import { conformanceIt, freshTenant, inTx, rawRows, rejectionOf } from './conformance-it.js';
import { buildMerge, minutesAfterBase } from './fixtures.js';
import { CONFORMANCE_TABLES, rawNumber, type SuiteState } from './harness.js';
import { forEachRecordKind } from './record-kinds.js';

const byId = <T extends { id: string }>(rows: readonly T[]): T[] =>
  [...rows].sort((a, b) => a.id.localeCompare(b.id));

/** Round trip of every RecordStore and of the merge store: insert, get, getMany, update, duplicates. */
export function registerCrud(state: SuiteState): void {
  describe('crud', () => {
    forEachRecordKind((kind) => {
      conformanceIt(
        state,
        `crud.${kind.name}.round-trip`,
        'insert → get/getMany deep-equal; raw row',
        async () => {
          const tenantId = await freshTenant(state);
          const a = kind.build(tenantId);
          const b = kind.build(tenantId);
          await inTx(state, tenantId, async (tx) => {
            await kind.store(tx).insert(a);
            await kind.store(tx).insert(b);
          });
          await inTx(state, tenantId, async (tx) => {
            expect(await kind.store(tx).get(a.id)).toEqual(a);
            expect(await kind.store(tx).get(`${a.id}-missing`)).toBeNull();
            expect(byId(await kind.store(tx).getMany([b.id, `${a.id}-missing`, a.id]))).toEqual(byId([a, b]));
            expect(await kind.store(tx).getMany([])).toEqual([]);
          });
          const raw = await rawRows(state, kind.table, tenantId, { id: a.id });
          expect(raw).toHaveLength(1);
          expect(raw[0]?.tenant_id).toBe(tenantId);
          expect(rawNumber(raw[0], 'version')).toBe(1);
        },
      );

      conformanceIt(
        state,
        `crud.${kind.name}.update`,
        'update stores the new record and bumps the version',
        async () => {
          const tenantId = await freshTenant(state);
          const v1 = kind.build(tenantId);
          const v2 = kind.change(v1);
          const v3 = kind.change(v2);
          await inTx(state, tenantId, (tx) => kind.store(tx).insert(v1));
          await inTx(state, tenantId, (tx) => kind.store(tx).update(v2, 1));
          expect(await inTx(state, tenantId, (tx) => kind.store(tx).get(v1.id))).toEqual(v2);
          expect(rawNumber((await rawRows(state, kind.table, tenantId, { id: v1.id }))[0], 'version')).toBe(
            2,
          );
          await inTx(state, tenantId, (tx) => kind.store(tx).update(v3, 2));
          expect(await inTx(state, tenantId, (tx) => kind.store(tx).get(v1.id))).toEqual(v3);
          expect(rawNumber((await rawRows(state, kind.table, tenantId, { id: v1.id }))[0], 'version')).toBe(
            3,
          );
        },
      );

      conformanceIt(
        state,
        `crud.${kind.name}.duplicate`,
        'insert of a duplicate id → ConflictError, original kept',
        async () => {
          const tenantId = await freshTenant(state);
          const original = kind.build(tenantId);
          await inTx(state, tenantId, (tx) => kind.store(tx).insert(original));
          const duplicate = { ...kind.change(original), version: 1 };
          const error = await rejectionOf(inTx(state, tenantId, (tx) => kind.store(tx).insert(duplicate)));
          expect(isCrmError(error, 'CONFLICT'), String(error)).toBe(true);
          expect(await inTx(state, tenantId, (tx) => kind.store(tx).get(original.id))).toEqual(original);
          expect(await rawRows(state, kind.table, tenantId, { id: original.id })).toHaveLength(1);
        },
      );
    });

    conformanceIt(
      state,
      'crud.merges.round-trip',
      'merges: insert → get, update bumps the version, CAS',
      async () => {
        const tenantId = await freshTenant(state);
        const merge = buildMerge();
        await inTx(state, tenantId, (tx) => tx.merges.insert(merge));
        expect(await inTx(state, tenantId, (tx) => tx.merges.get(merge.id))).toEqual(merge);
        expect(await inTx(state, tenantId, (tx) => tx.merges.get(`${merge.id}-missing`))).toBeNull();
        const undone = { ...merge, undoneAt: minutesAfterBase(60), version: 2 };
        await inTx(state, tenantId, (tx) => tx.merges.update(undone, 1));
        expect(await inTx(state, tenantId, (tx) => tx.merges.get(merge.id))).toEqual(undone);
        const stale = await rejectionOf(
          inTx(state, tenantId, (tx) => tx.merges.update({ ...merge, version: 2 }, 1)),
        );
        expect(
          isCrmError(stale, 'CONCURRENCY') && { expected: stale.expected, actual: stale.actual },
        ).toEqual({
          expected: 1,
          actual: 2,
        });
        const raw = await rawRows(state, CONFORMANCE_TABLES.merges, tenantId, { id: merge.id });
        expect(raw).toHaveLength(1);
        expect(rawNumber(raw[0], 'version')).toBe(2);
        const dup = await rejectionOf(inTx(state, tenantId, (tx) => tx.merges.insert(merge)));
        expect(isCrmError(dup, 'CONFLICT'), String(dup)).toBe(true);
      },
    );
  });
}
