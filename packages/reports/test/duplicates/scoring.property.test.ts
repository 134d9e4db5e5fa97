import { DealDuplicateEngine, pairKey } from '@gongfu/reports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corpus } from './deal-arbitraries.js';

const everything = { minScore: Number.NEGATIVE_INFINITY, limit: 1_000_000 };

describe('deal scoring and blocking (pure engine, properties)', () => {
  it('scores are symmetric: swapping the deals changes no weight, level or total', () => {
    fc.assert(
      fc.property(corpus(12), fc.nat(), fc.nat(), (records, i, j) => {
        const engine = new DealDuplicateEngine(records);
        const a = records[i % records.length]!;
        const b = records[j % records.length]!;
        const ab = engine.score(a.id, b.id);
        const ba = engine.score(b.id, a.id);
        expect(ba.score).toBe(ab.score);
        expect(ba.signals.map((s) => [s.name, s.level, s.weight])).toEqual(
          ab.signals.map((s) => [s.name, s.level, s.weight]),
        );
        expect(ba.signals.map((s) => [s.a, s.b])).toEqual(ab.signals.map((s) => [s.b, s.a]));
      }),
      { numRuns: 300 },
    );
  });

  it('the incremental check pairs each deal with exactly the partners the full scan gives it', () => {
    fc.assert(
      fc.property(corpus(40), (records) => {
        const engine = new DealDuplicateEngine(records);
        const scan = engine.scan(everything).pairs;
        for (const r of records) {
          const fromScan = scan
            .filter((p) => p.a.id === r.id || p.b.id === r.id)
            .map((p): [string, number] => [pairKey(p.a.id, p.b.id), p.score]);
          const fromCheck = engine
            .check(r, everything)
            .map((p): [string, number] => [pairKey(p.a.id, p.b.id), p.score]);
          expect(new Map(fromCheck)).toEqual(new Map(fromScan));
          // A deal not yet stored meets the same partners (scores differ: it is not in the statistics).
          const others = new DealDuplicateEngine(records.filter((o) => o.id !== r.id));
          const fresh = others.check(r, everything).map((p) => pairKey(p.a.id, p.b.id));
          expect(new Set(fresh)).toEqual(new Set(fromScan.map(([key]) => key)));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a floor only drops pairs below it: the pruned scan keeps every pair at or above it, same scores', () => {
    fc.assert(
      fc.property(
        corpus(30),
        fc.nat(),
        fc.double({ min: -0.01, max: 0.01, noNaN: true }),
        (records, pick, nudge) => {
          const engine = new DealDuplicateEngine(records);
          const all = engine.scan(everything).pairs;
          fc.pre(all.length > 0);
          // A floor at (or just around) a real pair's score: where a loose bound would drop it.
          const floor = all[pick % all.length]!.score + nudge;
          const expected = all
            .filter((p) => p.score >= floor)
            .map((p): [string, number] => [pairKey(p.a.id, p.b.id), p.score]);
          const pruned = engine
            .scan({ minScore: floor, limit: 1_000_000 })
            .pairs.map((p): [string, number] => [pairKey(p.a.id, p.b.id), p.score]);
          expect(pruned).toEqual(expected);
          // The explained score of every pair is the score it was ranked by: its own, less what it
          // shares with its deals' other proposals when it has rivals (`competing-partners.ts`).
          for (const p of all) {
            const rivals = p.signals.find((s) => s.name === 'competition')?.weight ?? 0;
            const own = engine.score(p.a.id, p.b.id).score;
            expect(rivals === 0 ? own : Math.round((own + rivals) * 1000) / 1000).toBe(p.score);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('excluded pairs never appear, in the scan or in the check', () => {
    fc.assert(
      fc.property(corpus(25), fc.nat(), (records, pick) => {
        const engine = new DealDuplicateEngine(records);
        const scan = engine.scan(everything).pairs;
        fc.pre(scan.length > 0);
        const banned = scan[pick % scan.length]!;
        const key = pairKey(banned.a.id, banned.b.id);
        const exclude = (a: { id: string }, b: { id: string }) => pairKey(a.id, b.id) === key;
        const keys = (ps: typeof scan) => ps.map((p) => pairKey(p.a.id, p.b.id));
        expect(keys(engine.scan({ ...everything, exclude }).pairs)).not.toContain(key);
        const a = records.find((r) => r.id === banned.a.id)!;
        expect(keys(engine.check(a, { ...everything, exclude }))).not.toContain(key);
        expect(keys(engine.scan({ ...everything }).pairs)).toContain(key);
      }),
      { numRuns: 60 },
    );
  });

  it('a pair found by scan is always a candidate (blocking and scan agree), never a self-pair', () => {
    fc.assert(
      fc.property(corpus(30), (records) => {
        const engine = new DealDuplicateEngine(records);
        const candidates = new Set(
          [...engine.candidatePairs()].map(([i, j]) => pairKey(engine.recordAt(i).id, engine.recordAt(j).id)),
        );
        const report = engine.scan(everything);
        expect(report.candidatePairs).toBe(candidates.size);
        for (const p of report.pairs) {
          expect(p.a.id).not.toBe(p.b.id);
          expect(candidates.has(pairKey(p.a.id, p.b.id))).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});
