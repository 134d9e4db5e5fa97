import type { Crm, CrmStorage, RecordStore, StorageTx } from '@gongfu/core';
import { isCrmError, scanAll } from '@gongfu/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorld, type StorageFactory, storyLead } from '../support/harness.js';
import { type FuzzIds, hostileValue } from './fuzz-values.js';

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

/**
 * How many generated calls: each engine's runner gives its CI size (SQLite 8,000 and PostgreSQL
 * 2,000, so 10,000 per CI run; a PostgreSQL call plus its fingerprint costs several round trips);
 * GONGFU_FUZZ_INPUTS overrides both for a larger run.
 */
const runsFor = (ciSize: number) => Number(process.env.GONGFU_FUZZ_INPUTS ?? ciSize);
const CALL_TIMEOUT_MS = 5000;

/**
 * Generated hostile input over every public function of `Crm` (issue 18, issue 11 "hostile input"):
 * only typed errors come out, a refusal leaves the tenant unchanged, nothing is stored out of range,
 * and no call hangs (an async hang fails by timeout; a synchronous one fails the file by vitest's
 * own timeout).
 */
export function describeFuzz(makeStorage: StorageFactory, ciSize: number): void {
  const RUNS = runsFor(ciSize);
  describe('service: generated hostile input over every public function', () => {
    let storage: CrmStorage;
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(async () => {
      await storage.close();
    });

    it(`${RUNS} generated calls: typed refusals only, refusals change nothing, nothing out of range`, async () => {
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
      const actors = [
        repA,
        manager,
        w.org.admin,
        w.org.presales,
        repA.id,
        other.org.repA,
        null,
        undefined,
        {},
      ];
      const functions = (Object.keys(w.crm) as (keyof Crm)[])
        .filter((area) => {
          const v = w.crm[area];
          return (
            typeof v === 'object' && v !== null && area !== 'storage' && area !== 'system' && area !== 'clock'
          );
        })
        .flatMap((area) =>
          Object.keys(w.crm[area] as object).map((name) => ({
            name: `${area}.${name}`,
            fn: (w.crm[area] as unknown as Record<string, (...a: unknown[]) => unknown>)[name] as (
              ...a: unknown[]
            ) => unknown,
          })),
        );
      expect(functions.length).toBeGreaterThan(80);

      const call = fc.record({
        f: fc.integer({ min: 0, max: functions.length - 1 }),
        actor: fc.integer({ min: 0, max: actors.length - 1 }),
        args: fc.array(hostileValue(ids), { minLength: 0, maxLength: 3 }),
      });
      const samples = fc.sample(call, { numRuns: RUNS, seed: Number(process.env.GONGFU_FUZZ_SEED ?? 18) });

      const refusals: Record<string, number> = {};
      const untyped: string[] = [];
      const changedByRefusal: string[] = [];
      let hangs = 0;
      let accepted = 0;
      let before = await fingerprint(storage, w.crm.tenantId);
      for (const s of samples) {
        const { name, fn } = functions[s.f] as (typeof functions)[number];
        const args = name === 'opportunities.stageInfo' ? s.args : [actors[s.actor], ...s.args];
        let outcome: unknown;
        try {
          const result = fn(...args);
          outcome = await Promise.race([
            Promise.resolve(result).then(() => 'ok'),
            new Promise((resolve) => setTimeout(() => resolve('hang'), CALL_TIMEOUT_MS).unref()),
          ]);
        } catch (error) {
          outcome = error;
        }
        if (outcome === 'hang') {
          hangs++;
          continue;
        }
        const after = await fingerprint(storage, w.crm.tenantId);
        if (outcome === 'ok') {
          accepted++;
        } else if (isCrmError(outcome)) {
          refusals[outcome.code] = (refusals[outcome.code] ?? 0) + 1;
          if (after !== before) changedByRefusal.push(name);
        } else {
          untyped.push(`${name}: ${String(outcome)}`);
        }
        before = after;
      }
      const stored = await outOfRange(storage, w.crm.tenantId);
      console.info(
        `fuzz: calls=${samples.length} accepted=${accepted} typed refusals=${JSON.stringify(refusals)} ` +
          `untyped=${untyped.length} hangs=${hangs} refusals-that-wrote=${changedByRefusal.length} ` +
          `stored-out-of-range=${stored.length}`,
      );
      expect(untyped.slice(0, 10)).toEqual([]);
      expect(hangs).toBe(0);
      expect(changedByRefusal).toEqual([]);
      expect(stored).toEqual([]);
    }, 600_000);
  });
}
