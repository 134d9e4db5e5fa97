import { describe, expect, it } from 'vitest';
import { type FuzzPlan, summaryLine } from './fuzz-run.js';
import { describeOutcome, FUZZ_LIMITS, runFuzzInChild } from './fuzz-watchdog.js';

export type { FuzzStorageModule } from './fuzz-watchdog.js';

/** How an engine's runner hands the fuzz suite its storage, which the child process opens itself. */
export interface FuzzEngine {
  /** URL of a module exporting `openFuzzStorage()` (see fuzz-child.ts), usually `new URL('./fuzz-storage.ts', import.meta.url)`. */
  storageModule: URL;
  /**
   * The CI size: SQLite 8,000 and PostgreSQL 2,000, so 10,000 per CI run (a PostgreSQL call plus its
   * fingerprint costs several round trips); GONGFU_FUZZ_INPUTS overrides both for a larger run.
   */
  ciSize: number;
  /** After a killed child: removes what its storage left behind (a schema on a server), by the child's pid. */
  dropLeftovers?(childPid: number): Promise<void>;
}

const SEED = Number(process.env.GONGFU_FUZZ_SEED ?? 18);
/**
 * The whole run's bound: the watchdog bounds each call, this only stops a run that crawls. A larger
 * GONGFU_FUZZ_INPUTS gets more time (100 ms a call is above PostgreSQL's pace on the loaded CI machine, ~80 ms).
 */
const runTimeoutMs = (runs: number) => 600_000 + runs * 100;
/** The watchdog test: a few ordinary calls, then the hanging one. */
const HANG_AT = 3;

/**
 * Generated hostile input over every public function of `Crm` (issue 18, issue 11 "hostile input"):
 * only typed errors come out, a refusal leaves the tenant unchanged, nothing is stored out of range,
 * and no call hangs. The calls run in a child process under a watchdog (fuzz-watchdog.ts), so a
 * synchronous infinite loop fails this test, named, instead of freezing the run.
 */
export function describeFuzz(engine: FuzzEngine): void {
  const runs = Number(process.env.GONGFU_FUZZ_INPUTS ?? engine.ciSize);
  const storageModule = engine.storageModule.href;

  const run = async (plan: FuzzPlan, signal: AbortSignal) => {
    const outcome = await runFuzzInChild({ storageModule, plan }, { signal });
    if (outcome.kind !== 'done' && outcome.pid !== undefined) await engine.dropLeftovers?.(outcome.pid);
    return outcome;
  };

  describe('service: generated hostile input over every public function', () => {
    it(
      `${runs} generated calls in a watched child: typed refusals only, refusals change nothing, nothing out of range`,
      async ({ signal }) => {
        const outcome = await run({ runs, seed: SEED }, signal);
        if (outcome.kind !== 'done') expect.fail(describeOutcome(outcome));
        const s = outcome.summary;
        console.info(summaryLine(s));
        expect(s.calls).toBe(runs);
        expect(s.untyped.slice(0, 10)).toEqual([]);
        expect(s.hangs).toEqual([]);
        expect(s.refusalsThatWrote).toEqual([]);
        expect(s.storedOutOfRange).toEqual([]);
      },
      runTimeoutMs(runs),
    );

    it(
      'watchdog: a call that loops forever synchronously is killed and named, and only this test sees it',
      async ({ signal }) => {
        // The child replaces call #3 by `for (;;) {}` (test-only plan field, set nowhere else). The test's
        // timeout bounds the whole: child start-up plus three calls plus one per-call limit.
        const outcome = await run({ runs: HANG_AT + 2, seed: SEED, hangAt: HANG_AT }, signal);
        expect(outcome).toMatchObject({
          kind: 'hang',
          phase: 'call',
          call: { index: HANG_AT, name: 'fuzz.hangForever' },
          exitSignal: 'SIGKILL',
        });
        expect(describeOutcome(outcome)).toMatch(
          new RegExp(
            `^hang: call #${HANG_AT} fuzz\\.hangForever\\(.+\\) made no progress in ${FUZZ_LIMITS.callMs} ms`,
          ),
        );
      },
      FUZZ_LIMITS.phaseMs + FUZZ_LIMITS.callMs + 60_000,
    );

    it(
      'a child that exits without its report fails the test with the tail of its stderr',
      async ({ signal }) => {
        const missing = new URL('./no-such-fuzz-storage.ts', engine.storageModule).href;
        const outcome = await runFuzzInChild(
          { storageModule: missing, plan: { runs: 1, seed: SEED } },
          { signal },
        );
        expect(outcome).toMatchObject({ kind: 'crash', code: 1 });
        expect(describeOutcome(outcome)).toMatch(
          /^the fuzz child exited \(code 1, signal null\) without its report:\n[\s\S]*no-such-fuzz-storage/,
        );
      },
      FUZZ_LIMITS.phaseMs + 60_000,
    );
  });
}
