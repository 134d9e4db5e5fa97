import type { DuplicateResolution } from '@gongfu/core';
import { describe, expect } from 'vitest';
import { conformanceIt, freshTenant, inTx, rawRows } from './conformance-it.js';
import { minutesAfterBase } from './fixtures.js';
import type { SuiteState } from './harness.js';

/** The table the store writes (fixed by migration 0001). */
const TABLE = 'duplicate_resolutions';

function verdict(
  o: Partial<DuplicateResolution> & Pick<DuplicateResolution, 'aId' | 'bId'>,
): DuplicateResolution {
  return {
    kind: 'opportunity',
    resolution: 'not_duplicate',
    resolvedBy: 'u-manager',
    at: minutesAfterBase(0),
    ...o,
  };
}

/** Verdicts on duplicate pairs: canonical pair order, upsert, lookups by member, newest-first lists. */
export function registerDuplicateResolutions(state: SuiteState): void {
  describe('duplicate resolutions', () => {
    conformanceIt(
      state,
      'duplicates.put-get',
      'a pair is stored smaller id first and found in either order',
      async () => {
        const tenantId = await freshTenant(state);
        await inTx(state, tenantId, (tx) => tx.duplicates.put(verdict({ aId: 'opp-9', bId: 'opp-1' })));
        const rows = await rawRows(state, TABLE, tenantId);
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ a_id: 'opp-1', b_id: 'opp-9', kind: 'opportunity' });
        const expected = verdict({ aId: 'opp-1', bId: 'opp-9' });
        await inTx(state, tenantId, async (tx) => {
          expect(await tx.duplicates.get('opportunity', 'opp-1', 'opp-9')).toEqual(expected);
          expect(await tx.duplicates.get('opportunity', 'opp-9', 'opp-1')).toEqual(expected);
          expect(await tx.duplicates.get('account', 'opp-1', 'opp-9')).toBeNull();
          expect(await tx.duplicates.get('opportunity', 'opp-1', 'opp-2')).toBeNull();
        });
      },
    );

    conformanceIt(
      state,
      'duplicates.replace',
      'a second verdict on the same pair replaces the first (one row)',
      async () => {
        const tenantId = await freshTenant(state);
        await inTx(state, tenantId, (tx) => tx.duplicates.put(verdict({ aId: 'x', bId: 'y' })));
        const later = verdict({
          aId: 'y',
          bId: 'x',
          resolution: 'same_deal',
          resolvedBy: 'u-admin',
          at: minutesAfterBase(5),
        });
        await inTx(state, tenantId, (tx) => tx.duplicates.put(later));
        expect(await rawRows(state, TABLE, tenantId)).toHaveLength(1);
        const stored = await inTx(state, tenantId, (tx) => tx.duplicates.get('opportunity', 'x', 'y'));
        expect(stored).toEqual({ ...later, aId: 'x', bId: 'y' });
      },
    );

    conformanceIt(
      state,
      'duplicates.touching',
      'touching returns each pair of the kind that contains any id, once',
      async () => {
        const tenantId = await freshTenant(state);
        const ab = verdict({ aId: 'a', bId: 'b' });
        const bc = verdict({ aId: 'b', bId: 'c' });
        const cd = verdict({ aId: 'c', bId: 'd' });
        const accountAb = verdict({ kind: 'account', aId: 'a', bId: 'b' });
        await inTx(state, tenantId, async (tx) => {
          for (const v of [cd, ab, bc, accountAb]) await tx.duplicates.put(v);
        });
        await inTx(state, tenantId, async (tx) => {
          expect(await tx.duplicates.touching('opportunity', ['b'])).toEqual([ab, bc]);
          expect(await tx.duplicates.touching('opportunity', ['a', 'b', 'd'])).toEqual([ab, bc, cd]);
          expect(await tx.duplicates.touching('opportunity', ['z'])).toEqual([]);
          expect(await tx.duplicates.touching('opportunity', [])).toEqual([]);
          expect(await tx.duplicates.touching('account', ['b'])).toEqual([accountAb]);
        });
      },
    );

    conformanceIt(state, 'duplicates.list', 'list is newest first, by kind, limited', async () => {
      const tenantId = await freshTenant(state);
      const v1 = verdict({ aId: 'a', bId: 'b', at: minutesAfterBase(1) });
      const v2 = verdict({ aId: 'c', bId: 'd', at: minutesAfterBase(3) });
      const v3 = verdict({ kind: 'contact', aId: 'e', bId: 'f', at: minutesAfterBase(2) });
      await inTx(state, tenantId, async (tx) => {
        for (const v of [v1, v3, v2]) await tx.duplicates.put(v);
      });
      await inTx(state, tenantId, async (tx) => {
        expect(await tx.duplicates.list(undefined, 10)).toEqual([v2, v3, v1]);
        expect(await tx.duplicates.list(undefined, 2)).toEqual([v2, v3]);
        expect(await tx.duplicates.list('opportunity', 10)).toEqual([v2, v1]);
      });
    });

    conformanceIt(state, 'duplicates.tenant', 'verdicts never cross tenants', async () => {
      const mine = await freshTenant(state);
      const theirs = await freshTenant(state);
      await inTx(state, mine, (tx) => tx.duplicates.put(verdict({ aId: 'a', bId: 'b' })));
      await inTx(state, theirs, async (tx) => {
        expect(await tx.duplicates.get('opportunity', 'a', 'b')).toBeNull();
        expect(await tx.duplicates.touching('opportunity', ['a'])).toEqual([]);
        expect(await tx.duplicates.list(undefined, 10)).toEqual([]);
      });
      expect(await rawRows(state, TABLE, theirs)).toHaveLength(0);
    });
  });
}
