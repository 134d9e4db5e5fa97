import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { CrmError, ERROR_CODES, isMessage } from '@gongfu/core';
import { type LaidBlocks, LaterCandidates } from './blocking.js';
import { CorpusStats } from './corpus-stats.js';
import { sayDuplicate } from './duplicate-messages.js';
import type { PreparedDeal } from './prepared-deal.js';
import { ScanColumns } from './scan-columns.js';
import {
  DEALS_DONE,
  NEXT_CHUNK,
  type ScanInput,
  type ScanVisit,
  scoreClaimed,
  TAKEN_FROM,
} from './scan-loop.js';
import { checkScanOptions } from './scan-options.js';
import type { DuplicateWeights } from './weights.js';

/**
 * Deals taken at a time by a thread of a scan: small enough that the threads finish together (the
 * last chunk is at most this many deals' work on one thread), large enough that taking one costs
 * nothing beside scoring it.
 */
const CHUNK = 256;
/**
 * `threads` left to the engine (`'auto'`): one thread below this many deals, else two. At 1M deals
 * two threads cut the scored stage's wall by about a quarter; at 100k the worker's start, its copy
 * of the build and its columns cost about what the second core saves and the wall went either way
 * (bench/RESULTS.md, h-par2), so only scans well past that take a second thread unasked.
 */
export const THREADS_FROM = 200_000;
export { MAX_THREADS } from './scan-options.js';

/**
 * The threads a scan of `deals` deals runs on: one unasked (a worker holds a copy of the deals:
 * more memory than a server sized for one thread may have), as asked, or for `'auto'` by its size
 * (`THREADS_FROM`).
 */
export function threadsFor(asked: number | 'auto' | undefined, deals: number): number {
  if (asked === undefined) return 1;
  if (typeof asked === 'number') return asked;
  return deals >= THREADS_FROM ? Math.min(2, availableParallelism()) : 1;
}

/**
 * The workers of a scan of `deals` deals, started now — before the engine is built, so they load
 * their code while the calling thread reads, prepares and indexes the deals — or null for one
 * thread. Hand them to `scanAsync`, which ends them; end them yourself (`close`) if it is never
 * called. A bad `asked` is refused here, before any worker starts.
 */
export function startScanThreads(asked: number | 'auto' | undefined, deals: number): ScanThreads | null {
  checkScanOptions({ threads: asked });
  const threads = threadsFor(asked, deals);
  return threads > 1 ? new ScanThreads(threads) : null;
}

/**
 * A thread of a parallel scan failed: the scan returns nothing rather than part of its pairs. A
 * `CrmError` with code `STORAGE` (a resource the scan runs on failed, not the caller's input), its
 * sentence rendered in the call's language like every other error.
 */
export class DuplicateScanThreadError extends CrmError {
  readonly threads: number;

  constructor(threads: number, cause: unknown) {
    // The worker's own message only: its stack names files of this package, not what went wrong.
    const reason = isMessage(cause) ? cause : cause instanceof Error ? cause.message : String(cause);
    super(ERROR_CODES.STORAGE, sayDuplicate('duplicate.scan.threadFailed', { threads, reason }), { cause });
    this.name = 'DuplicateScanThreadError';
    this.threads = threads;
  }
}

/**
 * What a worker thread is handed first, by structured clone, as soon as the engine is built and
 * before its weights are estimated (`ScanThreads.share`): the prepared deals and the corpus
 * statistics the scorer reads (one graph, so what the deals share they still share), the index's
 * laid-out blocks, and the shared counter the threads take chunks of deals from. The worker receives
 * it while the calling thread weighs.
 */
export interface ScanShare {
  deals: readonly PreparedDeal[];
  stats: CorpusStats;
  blocks: LaidBlocks;
  claims: Int32Array;
  thread: number;
  chunk: number;
}

/**
 * What a worker is handed second, once the calling thread has its weights: the weights, when they
 * are not those the shared statistics already hold (null), and the scan's floor.
 */
export interface ScanGo {
  weights: DuplicateWeights | null;
  minScore: number;
}

/** A worker's answer: its pairs as ordinals (`i, j` interleaved) and their scores, or why it failed. */
export type ScanShareResult =
  | { candidatePairs: number; pairs: Int32Array; scores: Float64Array }
  | { error: string };

/**
 * The threads of one parallel scan: the calling thread and `threads − 1` workers, started first
 * (they load their modules while the calling thread weighs and builds), each handed the build once
 * before the weights are estimated (`share`: they receive it while the calling thread weighs), then
 * the weights (`score`), not building it again from the records. The deals are split into chunks the
 * threads take in turn, so each pair is scored by exactly one thread, as the one-thread scan scores
 * it. `close` ends every worker; a failed one fails the scan (`DuplicateScanThreadError`).
 */
export class ScanThreads {
  private readonly workers: Worker[] = [];
  private readonly answers: Promise<ScanShareResult>[] = [];
  /** Per worker: true once its code has loaded, else why it could not (it failed or exited first). */
  private readonly loaded: Promise<true | string>[] = [];
  /** The counter the threads take chunks from, and the weights the shared statistics held, once shared. */
  private shared: { claims: Int32Array; weights: DuplicateWeights } | null = null;

  /**
   * `callerScores: false` leaves every chunk to the workers, the calling thread only waiting for
   * them: what a test runs to hold the workers' pairs against the one-thread scan. `start` makes a
   * worker in place of the scan's own (a test's worker that cannot load).
   */
  constructor(
    readonly threads: number,
    private readonly options: { callerScores?: boolean; start?: () => Worker } = {},
  ) {
    try {
      for (let w = 1; w < threads; w++) {
        const worker = (options.start ?? startWorker)();
        this.workers.push(worker);
        this.loaded.push(loadedOf(worker));
        this.answers.push(answerOf(worker));
      }
    } catch (e) {
      void this.close();
      throw new DuplicateScanThreadError(threads, e);
    }
  }

  /**
   * Sends `share` to the workers, once: called before the weights are estimated, so a worker
   * receives the deals (the clone's larger half of the cost) while the calling thread weighs.
   */
  share(share: Pick<ScanShare, 'deals' | 'stats' | 'blocks'>): void {
    if (this.shared) return;
    const claims = new Int32Array(new SharedArrayBuffer(4 * (TAKEN_FROM + this.threads)));
    this.shared = { claims, weights: share.stats.weights };
    try {
      this.workers.forEach((worker, w) => {
        worker.postMessage({ ...share, claims, thread: w + 1, chunk: CHUNK } satisfies ScanShare);
      });
    } catch (e) {
      throw new DuplicateScanThreadError(this.threads, e);
    }
  }

  /**
   * The scored stage: `share` sent to the workers (unless `share` was called), then the weights
   * it now holds, then `input()` (the calling thread's columns) built and scored here while they
   * score; `visit` is told every pair (the workers' after the calling thread's own) and `progress`
   * the deals done by all. The deals and statistics must not have changed since `share` but for
   * their weights (replaced, not changed in place). Returns how many candidate pairs there are.
   */
  async score(
    share: Pick<ScanShare, 'deals' | 'stats' | 'blocks'>,
    input: () => ScanInput,
    minScore: number,
    visit: ScanVisit,
    progress?: (done: number) => void,
  ): Promise<number> {
    this.share(share);
    const { claims, weights } = this.shared as NonNullable<typeof this.shared>;
    const failed = (cause: unknown) => new DuplicateScanThreadError(this.threads, cause);
    const go: ScanGo = { weights: share.stats.weights === weights ? null : share.stats.weights, minScore };
    try {
      for (const worker of this.workers) worker.postMessage(go);
    } catch (e) {
      throw failed(e);
    }
    // What the calling thread's own scoring throws (an `exclude`, a progress callback) is thrown as it is.
    const callerScores = this.options.callerScores ?? true;
    let candidatePairs = callerScores
      ? scoreClaimed(input(), claims, 0, CHUNK, minScore, visit, progress)
      : 0;
    for (let w = 0; w < this.workers.length; w++) {
      // Every chunk is taken: a worker that never went for one will take none (`scoreClaimed`), so
      // its answer is not waited for — but one that could not even load fails the scan: a bundle
      // without the worker's file must not pass for a two-thread scan.
      if (callerScores && Atomics.load(claims, TAKEN_FROM + 1 + w) === 0) {
        const loaded = await (this.loaded[w] as Promise<true | string>);
        if (loaded !== true) throw failed(new Error(loaded));
        continue;
      }
      const answer = await (this.answers[w] as Promise<ScanShareResult>);
      if ('error' in answer) throw failed(new Error(answer.error));
      const { pairs, scores } = answer;
      for (let p = 0; p < scores.length; p++)
        visit(pairs[2 * p] as number, pairs[2 * p + 1] as number, scores[p] as number);
      candidatePairs += answer.candidatePairs;
    }
    const done = Atomics.load(claims, DEALS_DONE);
    if (done !== share.deals.length)
      throw failed(sayDuplicate('duplicate.scan.dealsUnscored', { done, total: share.deals.length }));
    return candidatePairs;
  }

  /** Ends every worker (a worker that took no chunk is ended without being waited for). */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** The message a worker posts once its code has loaded, before it is sent its share. */
export const WORKER_LOADED = 'gongfu.scan-worker.loaded';

/** Whether a worker loaded: true on its first message, else why not (an error or an exit first). */
function loadedOf(worker: Worker): Promise<true | string> {
  return new Promise((resolve) => {
    worker.once('message', () => resolve(true));
    worker.once('error', (e) => resolve(e instanceof Error ? e.message : String(e)));
    worker.once('exit', (code) => resolve(`worker exited with code ${code}`));
  });
}

/** A worker's one answer: its message after the loaded one, or an error when it fails or exits without one. */
function answerOf(worker: Worker): Promise<ScanShareResult> {
  return new Promise((resolve) => {
    worker.on('message', (m: unknown) => {
      if (m !== WORKER_LOADED) resolve(m as ScanShareResult);
    });
    worker.once('error', (e) => resolve({ error: e instanceof Error ? e.message : String(e) }));
    worker.once('exit', (code) => resolve({ error: `worker exited with code ${code}` }));
  });
}

/**
 * A worker waiting for its share, with the calling thread's heap limit (a scan of a million deals
 * needs more than the default). From the built package it runs `scan-worker.js` beside this module;
 * from the sources (tsx, vitest) it registers tsx first and runs `scan-worker.ts`, resolving the
 * workspace's packages by their `source` condition.
 */
function startWorker(): Worker {
  const heapMb = Math.ceil(getHeapStatistics().heap_size_limit / 2 ** 20);
  const options = { resourceLimits: { maxOldGenerationSizeMb: heapMb } };
  const here = import.meta.url;
  if (!/\.[cm]?ts$/.test(here)) return new Worker(new URL('./scan-worker.js', here), options);
  // tsx's ES module API (its CommonJS one registers the hooks by a path that does not resolve).
  const tsx = pathToFileURL(
    createRequire(here)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const entry = new URL('./scan-worker.ts', here).href;
  const code = `import(${JSON.stringify(tsx)}).then((m) => { (m.register ?? m.default.register)(); return import(${JSON.stringify(entry)}); });`;
  // The sources' own export condition, as the calling thread resolves them under vitest and the
  // benches: without it the worker would load `@gongfu/core` from its last build, other code.
  return new Worker(code, { ...options, eval: true, execArgv: ['--conditions=source'] });
}

/**
 * A worker's side of a parallel scan: the statistics given back their methods and the weights
 * estimated since they were shared (`go`), the candidates read from the blocks, its own columns
 * (built only when chunks are left), then chunks until none is left.
 */
export function scoreShare(share: ScanShare, go: ScanGo): ScanShareResult {
  const { deals, blocks, claims, thread, chunk } = share;
  const { minScore } = go;
  const stats = Object.setPrototypeOf(share.stats, CorpusStats.prototype) as CorpusStats;
  if (go.weights) stats.weights = go.weights;
  if (Atomics.load(claims, NEXT_CHUNK) * chunk >= deals.length)
    return { candidatePairs: 0, pairs: new Int32Array(0), scores: new Float64Array(0) };
  const later = new LaterCandidates(blocks);
  const input: ScanInput = {
    deals,
    stats,
    laterOf: (i) => later.of(i),
    columns: new ScanColumns(deals, stats),
  };
  const pairs: number[] = [];
  const scores: number[] = [];
  const candidatePairs = scoreClaimed(input, claims, thread, chunk, minScore, (i, j, score) => {
    pairs.push(i, j);
    scores.push(score);
  });
  return { candidatePairs, pairs: Int32Array.from(pairs), scores: Float64Array.from(scores) };
}
