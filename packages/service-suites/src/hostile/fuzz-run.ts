import type { Crm, CrmStorage, RecordStore, StorageTx } from '@gongfu/core';
import { isCrmError, scanAll } from '@gongfu/core';
import fc from 'fast-check';
import { openWorld, storyLead } from '../support/harness.js';
import { type FuzzIds, hostileValue } from './fuzz-values.js';

// No vitest import here: this module runs inside the fuzz child process (fuzz-child.ts), outside vitest.

const STORES = [
  'users',
  'accounts',
  'contacts',
  'leads',
  'opportunities',
  'orders',
  'serviceCases',
  'activities',
  'demoLoans',
  'costs',
] as const;
const FIRST_MS = Date.UTC(1970, 0, 1);
const LAST_MS = Date.UTC(2200, 0, 1) - 1;
const ISO_LIKE = /^[+-]?\d{4,6}-\d{2}-\d{2}(T[\d:.]+Z)?$/;
/** An async hang is counted and named here; a synchronous one never returns, the parent's watchdog kills it. */
const ASYNC_CALL_TIMEOUT_MS = 5000;
/** Per argument: enough to recognise a value, short enough for one line of a failure (some strings are 100,000 characters). */
const ARG_SHOWN = 80;

/** What the generated calls are: how many and from which seed. */
export interface FuzzPlan {
  runs: number;
  seed: number;
  /**
   * Test-only: the call at this index is replaced by a function that loops forever, to prove the
   * watchdog. Set only by the watchdog test through the child's start arguments; no public path reaches it.
   */
  hangAt?: number;
}

/** The verdicts of one fuzz run, plain data so it crosses the process boundary. */
export interface FuzzSummary {
  calls: number;
  accepted: number;
  refusals: Record<string, number>;
  untyped: string[];
  /** Calls whose promise did not settle within the async timeout. */
  hangs: string[];
  refusalsThatWrote: string[];
  storedOutOfRange: string[];
}

/** Told before each call (awaited, so the parent has it before a call that may never return) and before the final scan. */
export interface FuzzProgress {
  call(index: number, name: string, args: string): Promise<void>;
  scan(): Promise<void>;
}

/** Row count and Σ version per store: any accepted write changes it; a refusal must leave it alone. */
async function fingerprint(storage: CrmStorage, tenantId: string): Promise<string> {
  return storage.read({ tenantId }, async (tx) => {
    const parts: string[] = [];
    for (const name of STORES) {
      const rows = await scanAll(
        tx[name] as unknown as RecordStore<{ id: string; version: number }, unknown>,
        undefined,
      );
      parts.push(`${name}:${rows.length}:${rows.reduce((s, r) => s + r.version, 0)}`);
    }
    return parts.join('|');
  });
}

/** Every stored value of the tenant that is a date outside 1970–2199 or money beyond the safe range. */
async function outOfRange(storage: CrmStorage, tenantId: string): Promise<string[]> {
  const bad: string[] = [];
  const walk = (v: unknown, path: string): void => {
    if (typeof v === 'string' && ISO_LIKE.test(v)) {
      const ms = Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v);
      if (!(ms >= FIRST_MS && ms <= LAST_MS)) bad.push(`${path}=${v}`);
    } else if (typeof v === 'number' && !Number.isSafeInteger(v) && /amount/i.test(path)) {
      bad.push(`${path}=${v}`);
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
    }
  };
  await storage.read({ tenantId }, async (tx: StorageTx) => {
    for (const name of STORES) {
      for (const row of await scanAll(
        tx[name] as unknown as RecordStore<{ id: string }, unknown>,
        undefined,
      )) {
        walk(row, name);
      }
    }
  });
  return bad;
}

/** A short printable form of generated arguments: symbols, Dates and odd strings shown as code, each cut short. */
export function showArgs(args: readonly unknown[]): string {
  return args
    .map((arg) => {
      const text = fc.stringify(arg);
      return text.length > ARG_SHOWN ? `${text.slice(0, ARG_SHOWN)}…` : text;
    })
    .join(', ');
}

type FuzzFunction = { name: string; fn: (...a: unknown[]) => unknown };

/**
 * Every function of every area of `crm` (not the storage, the system actor or the clock); a member
 * that holds data, such as `crm.locales`, has no functions and adds none.
 */
function publicFunctions(crm: Crm): FuzzFunction[] {
  return (Object.keys(crm) as (keyof Crm)[])
    .filter((area) => {
      const v = crm[area];
      return (
        typeof v === 'object' && v !== null && area !== 'storage' && area !== 'system' && area !== 'clock'
      );
    })
    .flatMap((area) =>
      Object.keys(crm[area] as object)
        .filter((name) => typeof (crm[area] as unknown as Record<string, unknown>)[name] === 'function')
        .map((name) => ({
          name: `${area}.${name}`,
          fn: (crm[area] as unknown as Record<string, (...a: unknown[]) => unknown>)[name] as (
            ...a: unknown[]
          ) => unknown,
        })),
    );
}

/** The stand-in for a synchronous hang (the old calendar loop that never advanced its date). */
const HANG_FOREVER: FuzzFunction = {
  name: 'fuzz.hangForever',
  fn: () => {
    for (;;) {
      // Deliberately never returns: the watchdog must kill the process.
    }
  },
};

/**
 * Generated hostile input over every public function of `Crm` (issue 18, issue 11 "hostile input")
 * on a fresh tenant of `storage`: collects typed refusals, untyped errors, refusals that wrote,
 * async hangs and stored values out of range.
 */
export async function runFuzz(
  storage: CrmStorage,
  plan: FuzzPlan,
  progress: FuzzProgress,
): Promise<FuzzSummary> {
  const w = await openWorld(storage);
  const other = await openWorld(storage);
  const { repA, manager } = w.org;
  const lead = await w.crm.leads.capture(repA, storyLead());
  const won = await w.crm.leads.capture(repA, storyLead({ company: '青岛港务物流' }));
  await w.crm.leads.qualify(repA, won.id);
  const { opportunity, account, contact } = await w.crm.leads.convert(repA, won.id);
  const foreignLead = await other.crm.leads.capture(other.org.repA, storyLead());
  const ids: FuzzIds = {
    own: [lead.id, opportunity.id, account.id, contact?.id ?? account.id, repA.id, manager.id],
    foreign: [foreignLead.id, other.org.repA.id],
  };
  const actors = [repA, manager, w.org.admin, w.org.presales, repA.id, other.org.repA, null, undefined, {}];
  const functions = publicFunctions(w.crm);
  if (functions.length <= 80) throw new Error(`only ${functions.length} public functions found`);

  const call = fc.record({
    f: fc.integer({ min: 0, max: functions.length - 1 }),
    actor: fc.integer({ min: 0, max: actors.length - 1 }),
    args: fc.array(hostileValue(ids), { minLength: 0, maxLength: 3 }),
  });
  const samples = fc.sample(call, { numRuns: plan.runs, seed: plan.seed });

  const summary: FuzzSummary = {
    calls: samples.length,
    accepted: 0,
    refusals: {},
    untyped: [],
    hangs: [],
    refusalsThatWrote: [],
    storedOutOfRange: [],
  };
  let before = await fingerprint(storage, w.crm.tenantId);
  for (const [index, s] of samples.entries()) {
    const { name, fn } = index === plan.hangAt ? HANG_FOREVER : (functions[s.f] as FuzzFunction);
    const args = name === 'opportunities.stageInfo' ? s.args : [actors[s.actor], ...s.args];
    await progress.call(index, name, showArgs(args));
    let outcome: unknown;
    try {
      const result = fn(...args);
      outcome = await Promise.race([
        Promise.resolve(result).then(() => 'ok'),
        new Promise((resolve) => setTimeout(() => resolve('hang'), ASYNC_CALL_TIMEOUT_MS).unref()),
      ]);
    } catch (error) {
      outcome = error;
    }
    if (outcome === 'hang') {
      summary.hangs.push(`#${index} ${name}(${showArgs(args)})`);
      continue;
    }
    const after = await fingerprint(storage, w.crm.tenantId);
    if (outcome === 'ok') {
      summary.accepted++;
    } else if (isCrmError(outcome)) {
      summary.refusals[outcome.code] = (summary.refusals[outcome.code] ?? 0) + 1;
      if (after !== before) summary.refusalsThatWrote.push(name);
    } else {
      summary.untyped.push(`${name}: ${String(outcome)}`);
    }
    before = after;
  }
  await progress.scan();
  summary.storedOutOfRange = await outOfRange(storage, w.crm.tenantId);
  return summary;
}

/** The line every fuzz run prints (docs/reliability.md quotes it). */
export function summaryLine(s: FuzzSummary): string {
  return (
    `fuzz: calls=${s.calls} accepted=${s.accepted} typed refusals=${JSON.stringify(s.refusals)} ` +
    `untyped=${s.untyped.length} hangs=${s.hangs.length} refusals-that-wrote=${s.refusalsThatWrote.length} ` +
    `stored-out-of-range=${s.storedOutOfRange.length}`
  );
}
