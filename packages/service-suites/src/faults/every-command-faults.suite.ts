import type { Crm, CrmStorage } from '@gongfu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaultyStorage, faultyStorage, InjectedFault } from '../support/fault-injection.js';
import { openWorld, type ServiceWorld, type StorageFactory } from '../support/harness.js';
import { COMMAND_CALLS, type CommandName } from './command-calls.js';
import { convertedDeal } from './command-fixtures.js';
import { changedTables, exportFingerprint, type Fingerprinter } from './tenant-rows.js';

/**
 * Rounds over every command (`GONGFU_FAULT_ROUNDS`, default 1). Round r runs each area's commands
 * in a tenant that already holds 5·r converted deals besides their own records, so larger runs
 * fail commands over fuller tables.
 */
export const FAULT_ROUNDS = Math.max(1, Number(process.env.GONGFU_FAULT_ROUNDS ?? 1) || 1);

/** Every `<area>.<verb>` of a service instance, read from the object itself. */
export function crmCommandNames(crm: Crm): string[] {
  const handles = new Set(['system', 'storage', 'clock', 'locales']);
  return Object.entries(crm)
    .filter(([key, value]) => !handles.has(key) && typeof value === 'object' && value !== null)
    .flatMap(([area, commands]) =>
      Object.entries(commands as object)
        .filter(([, fn]) => typeof fn === 'function')
        .map(([verb]) => `${area}.${verb}`),
    );
}

/** What one command did under injection. */
interface Measured {
  command: string;
  /** Writes the successful run made in its transaction (0: a read). */
  writes: number;
  /** Failed attempts, one per write position. */
  injected: number;
  /** Failed attempts after which the tenant differed from before (must stay 0). */
  partial: number;
}

/**
 * Fail the 1st, 2nd, … write of the call until it succeeds; after each failure the caller has the
 * injected error itself and the tenant's rows equal those before the call.
 */
async function injectAtEveryWrite(
  faulty: FaultyStorage,
  fingerprint: (tenantId: string) => ReturnType<Fingerprinter>,
  tenantId: string,
  command: string,
  call: () => Promise<unknown>,
): Promise<Measured> {
  const before = await fingerprint(tenantId);
  let partial = 0;
  for (let n = 1; n < 1000; n++) {
    faulty.failAt(n);
    const opened = faulty.transactions;
    const fired = faulty.fired;
    const failure = await call().then(
      () => null,
      (e: unknown) => e ?? new Error('rejected without a reason'),
    );
    faulty.disarm();
    // One command, one transaction (a retry after a stale org chart reopens it).
    expect(faulty.transactions - opened, `${command}: write transactions per call`).toBeLessThanOrEqual(2);
    if (failure === null) {
      // Succeeding after the failure was injected would mean the command swallowed it and committed
      // whatever it had written so far.
      expect(faulty.fired - fired, `${command}: injected failure at write #${n} swallowed`).toBe(0);
      const wrote = faulty.transactions > opened;
      const changed = changedTables(before, await fingerprint(tenantId));
      // A command that wrote changed rows; a read changed none.
      expect(changed.length > 0, `${command} changed rows`).toBe(wrote && faulty.writes > 0);
      return { command, writes: wrote ? faulty.writes : 0, injected: n - 1, partial };
    }
    expect(failure, `${command}, write #${n}`).toBeInstanceOf(InjectedFault);
    expect((failure as InjectedFault).write).toBe(n);
    const diff = changedTables(before, await fingerprint(tenantId));
    if (diff.length > 0) partial += 1;
    expect(diff, `${command}: tables changed by a failure at write #${n}`).toEqual([]);
  }
  throw new Error(`${command} never succeeded`);
}

/** Commands also run through `crm.with({ idempotencyKey })` (their calls build no records first). */
const KEYED: readonly CommandName[] = ['leads.capture', 'accounts.create', 'quotas.set', 'users.create'];

export interface EveryCommandFaultsOptions {
  /** A faster fingerprint of the same rows (one query per call on PostgreSQL); the export by default. */
  fingerprint?: Fingerprinter;
}

/**
 * Every member of `Crm` is called once (`COMMAND_CALLS`); each call that writes is first made to
 * fail at its 1st, 2nd, … write, and after each failure the tenant's rows must equal those before.
 * The commands of one area share a tenant (built once per area and round), which keeps the suite
 * to seconds; each call builds its own records in it.
 */
export function describeEveryCommandFaults(
  makeStorage: StorageFactory,
  options: EveryCommandFaultsOptions = {},
): void {
  describe('failure injection at every write of every command', () => {
    let storage: CrmStorage;
    const fingerprintOf = options.fingerprint ?? exportFingerprint;
    const fingerprint = (tenantId: string) => fingerprintOf(storage, tenantId);
    const worlds = new Map<string, Promise<{ faulty: FaultyStorage; w: ServiceWorld }>>();
    /** The tenant of one area and round: its people, then 5·round converted deals as background. */
    const worldOf = (area: string, round: number) => {
      const key = `${area}#${round}`;
      let world = worlds.get(key);
      if (world === undefined) {
        world = (async () => {
          const faulty = faultyStorage(storage);
          const w = await openWorld(faulty.storage);
          for (let i = 0; i < 5 * round; i++) await convertedDeal(w);
          return { faulty, w };
        })();
        worlds.set(key, world);
      }
      return world;
    };
    const measured = new Map<string, Measured[]>();
    const keyedRuns: Measured[] = [];
    const unknownMethods = new Set<string>();
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(async () => {
      const all = [...measured.values()].flat();
      const writing = new Set(all.filter((m) => m.writes >= 1).map((m) => m.command));
      const multi = new Set(all.filter((m) => m.writes >= 2).map((m) => m.command));
      const injected = [...all, ...keyedRuns].reduce((sum, m) => sum + m.injected, 0);
      const partial = [...all, ...keyedRuns].reduce((sum, m) => sum + m.partial, 0);
      if (all.length > 0)
        console.log(
          `faults (${storage.engine}, ${FAULT_ROUNDS} round${FAULT_ROUNDS > 1 ? 's' : ''}): ` +
            `commands=${writing.size} (multi-write ${multi.size}, ${keyedRuns.length} also keyed) ` +
            `injected=${injected} partial-writes=${partial}`,
        );
      await storage.close();
    });

    const commands = (Object.keys(COMMAND_CALLS) as CommandName[]).sort();

    it.each(commands)('%s: a failure at any write leaves the tenant as it was', async (command) => {
      for (let round = 0; round < FAULT_ROUNDS; round++) {
        const { faulty, w } = await worldOf(command.split('.')[0]!, round);
        const call = await COMMAND_CALLS[command](w);
        const result = await injectAtEveryWrite(faulty, fingerprint, w.crm.tenantId, command, call);
        measured.set(command, [...(measured.get(command) ?? []), result]);
        for (const m of faulty.unknownMethods) unknownMethods.add(m);
      }
    });

    // Through an idempotency key the same transaction also reads and stores the key: a failure at
    // any of those writes must forget the key with the rest (a resend then runs the command anew).
    // These calls build nothing first, so only the command itself goes through the key.
    it.each(KEYED)(
      '%s through an idempotency key: a failure at any write forgets the key too',
      async (command) => {
        const { faulty, w } = await worldOf('idempotency', 0);
        const keyed = { ...w, crm: w.crm.with({ idempotencyKey: `fault-${command}` }) };
        const call = await COMMAND_CALLS[command](keyed);
        const result = await injectAtEveryWrite(faulty, fingerprint, w.crm.tenantId, command, call);
        keyedRuns.push(result);
        // The key was stored with the successful run: a resend answers from it and writes nothing.
        const before = await fingerprint(w.crm.tenantId);
        await call();
        expect(changedTables(before, await fingerprint(w.crm.tenantId))).toEqual([]);
      },
    );

    it('has a call for every member of Crm, and every store method it met is known to read or write', async () => {
      const w = await openWorld(storage);
      expect(commands).toEqual(crmCommandNames(w.crm).sort());
      expect([...unknownMethods]).toEqual([]);
    });
  });
}
