import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CrmStorage } from '@gongfu/core';
import type { FuzzPlan, FuzzSummary } from './fuzz-run.js';

/**
 * What an engine's storage module exports for the fuzz child: a fresh, migrated storage whose close
 * cleans up. The child imports it outside vitest, so it may import types only from the suites package.
 */
export interface FuzzStorageModule {
  openFuzzStorage(): Promise<CrmStorage>;
}

/** What the child is started with (one JSON argument). */
export interface FuzzChildStart {
  /** URL of the engine's storage module (exports `openFuzzStorage`, see fuzz-child.ts). */
  storageModule: string;
  plan: FuzzPlan;
}

/** Child → parent, in this order: ready, then call before each call, scan, done. */
export type FuzzChildMessage =
  | { type: 'ready' }
  | { type: 'call'; index: number; name: string; args: string }
  | { type: 'scan' }
  | { type: 'done'; summary: FuzzSummary };

/** How a child run ended. */
export type FuzzChildOutcome =
  | { kind: 'done'; summary: FuzzSummary }
  /** No progress within the limit: the child was killed with SIGKILL; `call` is the one that never returned. */
  | { kind: 'hang'; phase: 'startup' | 'call' | 'scan'; call?: { index: number; name: string; args: string } }
  /** The child exited without its final report. */
  | { kind: 'crash'; code: number | null; signal: NodeJS.Signals | null; stderr: string };

export interface FuzzWatchdogLimits {
  /** Per call, from the child's "call" message to its next message (the call plus its fingerprint read). */
  callMs: number;
  /** Starting the child, compiling the sources with tsx, opening and migrating its storage, the fixture world; and the final scan. */
  phaseMs: number;
}

/**
 * 10 s per call is two orders of magnitude above a PostgreSQL call plus fingerprint on the loaded CI
 * machine (~80 ms); a child compiling the TypeScript sources on start can take a minute there.
 */
export const FUZZ_LIMITS: FuzzWatchdogLimits = { callMs: 10_000, phaseMs: 240_000 };
const STDERR_KEPT = 4000;
const CHILD = fileURLToPath(new URL('./fuzz-child.ts', import.meta.url));

/**
 * Runs the fuzz plan in a child process under a watchdog: a synchronous infinite loop in a call would
 * freeze the test worker (and the CI run) if it ran in-process; in the child it stops sending progress,
 * and the watchdog kills the child and reports the call, so only that test fails.
 */
export function runFuzzInChild(
  start: FuzzChildStart,
  options: { limits?: FuzzWatchdogLimits; signal?: AbortSignal } = {},
): Promise<FuzzChildOutcome & { pid: number | undefined; exitSignal: NodeJS.Signals | null }> {
  // The same loader as the repository's other child processes (concurrent-writers, kill-resume).
  const limits = options.limits ?? FUZZ_LIMITS;
  const child = fork(CHILD, [JSON.stringify(start)], {
    execArgv: ['--import', 'tsx', '--conditions=source'],
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    // The test's own timeout (or an aborted run) takes the child with it.
    ...(options.signal ? { signal: options.signal, killSignal: 'SIGKILL' as const } : {}),
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-STDERR_KEPT);
  });
  return new Promise((resolve) => {
    let last: FuzzChildMessage | undefined;
    let ended: FuzzChildOutcome | undefined;
    let timer: NodeJS.Timeout | undefined;
    const finish = (outcome: FuzzChildOutcome) => {
      ended ??= outcome;
      clearTimeout(timer);
    };
    const arm = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        finish(
          last?.type === 'call'
            ? { kind: 'hang', phase: 'call', call: { index: last.index, name: last.name, args: last.args } }
            : { kind: 'hang', phase: last?.type === 'scan' ? 'scan' : 'startup' },
        );
        child.kill('SIGKILL');
      }, ms);
    };
    arm(limits.phaseMs);
    child.on('message', (message: FuzzChildMessage) => {
      last = message;
      if (message.type === 'done') finish({ kind: 'done', summary: message.summary });
      else arm(message.type === 'call' ? limits.callMs : limits.phaseMs);
    });
    // 'close', not 'exit': it comes after the IPC channel and stderr are drained, so no message is lost.
    child.on('close', (code, signal) => {
      finish({ kind: 'crash', code, signal, stderr });
      resolve({ ...(ended as FuzzChildOutcome), pid: child.pid, exitSignal: signal });
    });
    child.on('error', (error) => {
      stderr += String(error);
      if (child.pid === undefined) {
        finish({ kind: 'crash', code: null, signal: null, stderr });
        resolve({ ...(ended as FuzzChildOutcome), pid: undefined, exitSignal: null });
      }
    });
  });
}

/** One line naming how the child failed, for the test's failure message. */
export function describeOutcome(outcome: FuzzChildOutcome, limits: FuzzWatchdogLimits = FUZZ_LIMITS): string {
  switch (outcome.kind) {
    case 'done':
      return 'done';
    case 'hang':
      return outcome.call
        ? `hang: call #${outcome.call.index} ${outcome.call.name}(${outcome.call.args}) made no progress in ${limits.callMs} ms; the fuzz child was killed`
        : `hang: the fuzz child made no progress in its ${outcome.phase} within ${limits.phaseMs} ms; it was killed`;
    case 'crash':
      return `the fuzz child exited (code ${outcome.code}, signal ${outcome.signal}) without its report:\n${outcome.stderr}`;
  }
}
