import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type CrmError, isCrmError, renderBuiltIn } from '@gongfu/core';
import {
  type DealDuplicate,
  DealDuplicateEngine,
  type DealRecord,
  DuplicateScanThreadError,
} from '@gongfu/reports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generate } from '../../../../bench/duplicates-data.js';
import { generate2 } from '../../../../bench/duplicates-data-2.js';
import type { PreparedDeal } from '../../src/duplicates/prepared-deal.js';
import { NEXT_CHUNK, type ScanInput, scoreAnchor, TAKEN_FROM } from '../../src/duplicates/scan-loop.js';
import { checkScanOptions } from '../../src/duplicates/scan-options.js';
import {
  type ScanShare,
  ScanThreads,
  scoreShare,
  startScanThreads,
  THREADS_FROM,
  threadsFor,
} from '../../src/duplicates/scan-threads.js';
import { corpus } from './deal-arbitraries.js';

const ALL = Number.MAX_SAFE_INTEGER;
/** Workers load the sources through tsx here: seconds each on a busy machine. */
const SLOW = 240_000;

/** Everything a pair returned says, in one line (the explanation put in words as it is read). */
function said(pairs: readonly DealDuplicate[]): string[] {
  return pairs.map(
    (p) => `${p.a.id}|${p.b.id}|${p.score}|${p.copy}|${p.explanation.text}|${JSON.stringify(p.signals)}`,
  );
}

/** The engine's prepared deals, as the scan's threads read them. */
function dealsOf(engine: DealDuplicateEngine): readonly PreparedDeal[] {
  return (engine as unknown as { deals: PreparedDeal[] }).deals;
}

/** The calling thread's scan input (columns, candidates) as the engine builds it for `scanAsync`. */
function inputOf(engine: DealDuplicateEngine): ScanInput {
  return (engine as unknown as { scanInput(pruned: boolean): ScanInput }).scanInput(true);
}

/** The pairs of the one-thread scan as `a|b|score` (ids in the scan's order). */
function scanned(engine: DealDuplicateEngine, minScore: number): string[] {
  // As the one-thread scan's loop scores them: before the competition between a deal's proposals,
  // which the scan reads once every pair is scored (`competing-partners.ts`), not in the workers.
  const pairs: string[] = [];
  engine.visitCandidates(minScore, (x, y) =>
    pairs.push(`${x.record.id}|${y.record.id}|${engine.score(x.record.id, y.record.id).score}`),
  );
  return pairs.sort();
}

/** A pair of ordinals as `scanned` names it (the scan names the earlier ordinal first). */
function named(deals: readonly PreparedDeal[], i: number, j: number, score: number): string {
  return `${(deals[i] as PreparedDeal).record.id}|${(deals[j] as PreparedDeal).record.id}|${score}`;
}

const GENERATORS = [
  ['generator 1', generate],
  ['generator 2', generate2],
] as const;

describe('the scan on two threads', () => {
  it.each(GENERATORS)(
    'returns what the one-thread scan returns on the bench data of %s: pairs, order, words, candidates',
    async (_, make) => {
      const { records } = make(3_000, 7);
      for (const minScore of [-4, 0]) {
        const one = new DealDuplicateEngine(records).scan({ minScore, limit: ALL });
        const progress: [number, number][] = [];
        const two = await new DealDuplicateEngine(records).scanAsync({
          minScore,
          limit: ALL,
          threads: 2,
          onProgress: (done, total) => progress.push([done, total]),
        });
        expect(two.candidatePairs).toBe(one.candidatePairs);
        expect(two.blocking).toEqual(one.blocking);
        expect(said(two.pairs)).toEqual(said(one.pairs));
        expect(one.pairs.length).toBeGreaterThan(50);
        // Told as the one-thread scan tells it: rising, ending with every deal.
        expect(progress.at(-1)).toEqual([records.length, records.length]);
        for (let k = 1; k < progress.length; k++)
          expect((progress[k] as [number, number])[0]).toBeGreaterThan(
            (progress[k - 1] as [number, number])[0],
          );
      }
    },
    SLOW,
  );

  it.each(GENERATORS)(
    'scores in its workers exactly the pairs the one-thread scan scores (%s, one and two workers)',
    async (_, make) => {
      const { records } = make(3_000, 11);
      for (const threads of [2, 3]) {
        const engine = new DealDuplicateEngine(records);
        const deals = dealsOf(engine);
        // The calling thread scores nothing: every chunk is a worker's. The workers are sent the
        // build before the weights are estimated, as `scanAsync` sends it, and the weights after.
        const pool = new ScanThreads(threads, { callerScores: false });
        pool.share({ deals, stats: engine.stats, blocks: engine.index.laidBlocks() });
        engine.weights();
        const expected = scanned(engine, 0);
        const { candidatePairs } = engine.scan({ minScore: 0, limit: 1 });
        const found: string[] = [];
        try {
          const counted = await pool.score(
            { deals, stats: engine.stats, blocks: engine.index.laidBlocks() },
            () => {
              throw new Error('the calling thread is not asked to score');
            },
            0,
            (i, j, score) => found.push(named(deals, i, j, score)),
          );
          expect(counted).toBe(candidatePairs);
        } finally {
          await pool.close();
        }
        expect(found.sort()).toEqual(expected);
      }
    },
    SLOW,
  );

  it('scores every pair once over any split of small tenants between a thread and a copy of the build', () => {
    fc.assert(
      fc.property(corpus(40), fc.nat(), fc.integer({ min: 1, max: 5 }), (records, cut, chunk) => {
        const engine = new DealDuplicateEngine(records);
        const deals = dealsOf(engine);
        // The worker's share, cloned as a worker receives it (one graph: deals and statistics),
        // before the weights are estimated, as `scanAsync` sends it; the weights follow, cloned too.
        const copy = structuredClone({ deals, stats: engine.stats, blocks: engine.index.laidBlocks() });
        const sharedWeights = engine.stats.weights;
        engine.weights();
        expect(engine.stats.weights).not.toBe(sharedWeights);
        const expected = scanned(engine, -4);
        const claims = new Int32Array(new SharedArrayBuffer(4 * (TAKEN_FROM + 2)));
        // The calling thread took the first chunks; the copy takes what is left.
        const taken = Math.min(cut % (Math.ceil(deals.length / chunk) + 1), Math.ceil(deals.length / chunk));
        claims[NEXT_CHUNK] = taken;
        const found: string[] = [];
        const share: ScanShare = { ...copy, claims, thread: 1, chunk };
        const answer = scoreShare(share, { weights: structuredClone(engine.stats.weights), minScore: -4 });
        if ('error' in answer) throw new Error(answer.error);
        for (let p = 0; p < answer.scores.length; p++)
          found.push(
            named(
              deals,
              answer.pairs[2 * p] as number,
              answer.pairs[2 * p + 1] as number,
              answer.scores[p] as number,
            ),
          );
        const input = {
          deals,
          stats: engine.stats,
          laterOf: (i: number) => engine.index.laterCandidatesOf(i),
          columns: null,
        };
        for (let i = 0; i < Math.min(deals.length, taken * chunk); i++)
          scoreAnchor(input, i, -4, (x, y, score) => found.push(named(deals, x, y, score)));
        expect(found.sort()).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it(
    'fails with a DuplicateScanThreadError when a worker fails, and ends its workers',
    async () => {
      const { records } = generate(400, 3);
      const engine = new DealDuplicateEngine(records);
      engine.weights();
      const deals = dealsOf(engine).map((d, i) =>
        i === 5 ? ({ ...d, items: null } as unknown as PreparedDeal) : d,
      );
      const pool = new ScanThreads(2, { callerScores: false });
      try {
        const scan = pool.score(
          { deals, stats: engine.stats, blocks: engine.index.laidBlocks() },
          () => {
            throw new Error('not asked');
          },
          0,
          () => {},
        );
        await expect(scan).rejects.toBeInstanceOf(DuplicateScanThreadError);
        await expect(scan).rejects.toThrow(/one of its 2 threads failed/);
      } finally {
        await pool.close();
      }
    },
    SLOW,
  );

  it(
    'fails when a worker cannot load, though the calling thread took every chunk before it',
    async () => {
      const { records } = generate(400, 3);
      const engine = new DealDuplicateEngine(records);
      engine.weights();
      const deals = dealsOf(engine);
      // A worker whose file is missing from a bundle fails as it loads, before it could take a chunk.
      const pool = new ScanThreads(2, {
        start: () => new Worker('throw new Error("scan-worker.js is not in this bundle")', { eval: true }),
      });
      try {
        let visited = 0;
        const scan = pool.score(
          { deals, stats: engine.stats, blocks: engine.index.laidBlocks() },
          () => inputOf(engine),
          0,
          () => {
            visited++;
          },
        );
        await expect(scan).rejects.toBeInstanceOf(DuplicateScanThreadError);
        // The calling thread scored the deals itself: the failure is the worker's load, not a chunk.
        expect(visited).toBeGreaterThan(0);
        await expect(scan).rejects.toThrow(
          /one of its 2 threads failed \(scan-worker\.js is not in this bundle\)/,
        );
        const error = await scan.catch((e: unknown) => e);
        // A CrmError like every other: code STORAGE, its sentence in Chinese too.
        expect(isCrmError(error, 'STORAGE')).toBe(true);
        expect(renderBuiltIn((error as CrmError).detail ?? { key: '', params: {} }, 'zh-CN')).toContain(
          '重复商机扫描已中止：2 个线程中有一个出错（scan-worker.js is not in this bundle）',
        );
      } finally {
        await pool.close();
      }
    },
    SLOW,
  );

  it(
    'returns what the one-thread scan returns with workers started before its engine was built, and ends them',
    async () => {
      const { records } = generate2(3_000, 5);
      const one = new DealDuplicateEngine(records).scan({ minScore: 0, limit: ALL });
      const started = startScanThreads(2, records.length) as ScanThreads;
      expect(started.threads).toBe(2);
      const two = await new DealDuplicateEngine(records).scanAsync({ minScore: 0, limit: ALL }, started);
      expect(said(two.pairs)).toEqual(said(one.pairs));
      expect(two.candidatePairs).toBe(one.candidatePairs);
      // Ended with the scan (a terminated worker's id is −1).
      const workers = (started as unknown as { workers: Worker[] }).workers;
      expect(workers.map((w) => w.threadId)).toEqual([-1]);
      // Handed to a scan that runs on the calling thread (`prune: false`), they are ended too.
      const unused = startScanThreads(2, records.length) as ScanThreads;
      const plain = await new DealDuplicateEngine(records).scanAsync(
        { minScore: 0, limit: ALL, prune: false },
        unused,
      );
      expect(said(plain.pairs)).toEqual(said(one.pairs));
      expect((unused as unknown as { workers: Worker[] }).workers.map((w) => w.threadId)).toEqual([-1]);
    },
    SLOW,
  );

  it('starts no worker for one thread, and refuses a bad count before it starts one', () => {
    expect(startScanThreads(undefined, THREADS_FROM * 5)).toBeNull();
    expect(startScanThreads('auto', THREADS_FROM - 1)).toBeNull();
    expect(startScanThreads(1, 10)).toBeNull();
    for (const threads of [0, 65, 2.5])
      expect(() => startScanThreads(threads, 10)).toThrow(
        expect.objectContaining({ code: 'VALIDATION', field: 'threads' }),
      );
  });

  it('refuses a bad thread count before it starts a worker', async () => {
    const engine = new DealDuplicateEngine(generate(50, 3).records);
    for (const threads of [2.5, 1e6, 0])
      await expect(engine.scanAsync({ threads })).rejects.toMatchObject({
        code: 'VALIDATION',
        field: 'threads',
      });
  });

  it(
    'fails with a DuplicateScanThreadError when the deals cannot be sent to a worker',
    async () => {
      const { records } = generate(400, 3);
      const odd = records.map((r, i) =>
        i === 0 ? ({ ...r, note: () => 'not data' } as unknown as DealRecord) : r,
      );
      await expect(new DealDuplicateEngine(odd).scanAsync({ threads: 2 })).rejects.toBeInstanceOf(
        DuplicateScanThreadError,
      );
    },
    SLOW,
  );

  it(
    "throws what the calling thread's own callbacks throw, as they throw it",
    async () => {
      const { records } = generate(400, 3);
      const refused = new Error('refused by the caller');
      const scan = new DealDuplicateEngine(records).scanAsync({
        threads: 2,
        minScore: -40,
        exclude: () => {
          throw refused;
        },
      });
      await expect(scan).rejects.toBe(refused);
    },
    SLOW,
  );

  it('runs one thread unasked below THREADS_FROM deals, two from there (where there are two cores), as asked else', () => {
    expect(threadsFor('auto', THREADS_FROM - 1)).toBe(1);
    expect(threadsFor(undefined, 10)).toBe(1);
    // Unasked, one thread whatever the size: a worker's copy of the deals is memory a server may not have.
    expect(threadsFor(undefined, THREADS_FROM * 5)).toBe(1);
    expect(threadsFor('auto', THREADS_FROM)).toBe(Math.min(2, availableParallelism()));
    expect(threadsFor(3, 10)).toBe(3);
    expect(threadsFor(1, 1_000_000)).toBe(1);
  });

  it('takes threads as "auto" or a whole number from 1 to 64, naming the field otherwise', () => {
    for (const threads of ['auto', 1, 2, 64] as const)
      expect(() => checkScanOptions({ threads })).not.toThrow();
    for (const threads of [0, 65, 1.5, '2', Number.NaN]) {
      try {
        checkScanOptions({ threads });
        expect.unreachable(`threads ${String(threads)} was taken`);
      } catch (e) {
        expect((e as { field: string }).field).toBe('threads');
        expect((e as Error).message).toMatch(/“auto” or a whole number from 1 to 64/);
      }
    }
  });
});
