import { DealDuplicateEngine, type DealRecord } from '@gongfu/reports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DealPreparer } from '../../src/duplicates/prepared-deal.js';
import { ScanColumns } from '../../src/duplicates/scan-columns.js';
import { reachOf } from '../../src/duplicates/score-pair.js';
import { dealFields, toRecord } from './deal-arbitraries.js';

/** Every pair's `reaches` answer at a floor of −4 (most pairs are weighed past the first stage). */
function answers(columns: ScanColumns, n: number): boolean[] {
  const reach = reachOf(-4);
  const out: boolean[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out.push(columns.reaches(i, j, reach));
  return out;
}

describe("warming a deal's candidates before the pair loop (ScanColumns.warm)", () => {
  it('changes no answer of reaches, with deals without lines first and last in the ordinals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const sampled = fc.sample(dealFields, { seed, numRuns: 40 }).map(toRecord);
        // The last deal without lines has its token entries start past the end of the columns.
        const records: DealRecord[] = [
          { ...(sampled[0] as DealRecord), id: 'no-lines-first', lines: [] },
          ...sampled,
          { ...(sampled[1] as DealRecord), id: 'no-lines-last', lines: [] },
        ];
        const engine = new DealDuplicateEngine(records);
        engine.weights();
        const preparer = new DealPreparer();
        const deals = records.map((r) => preparer.prepare(r));
        const cold = new ScanColumns(deals, engine.stats);
        const warmed = new ScanColumns(deals, engine.stats);
        warmed.warm(Int32Array.from(deals.keys()));
        warmed.warm(new Int32Array([deals.length - 1, 0]));
        warmed.warm(new Int32Array(0));
        const expected = answers(cold, deals.length);
        expect(expected.some((a) => a)).toBe(true);
        expect(answers(warmed, deals.length)).toEqual(expected);
      }),
      { numRuns: 15 },
    );
  });
});
