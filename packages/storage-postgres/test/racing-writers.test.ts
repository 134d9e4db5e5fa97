import { type CrmStorage, createCrm, isCrmError, type StorageTx } from '@gongfu/core';
import { openWorld, type ServiceWorld, storyLead } from '@gongfu/service-suites';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEEDS_SERVER, ON_SERVER, openTestDatabase, type TestDatabase } from './support/pg-target.js';

const SERVERS = 4;
const CONNECTIONS_PER_SERVER = 4;
const WRITERS = SERVERS * CONNECTIONS_PER_SERVER;
const UPDATES_PER_WRITER = 500;
const DEALS = 4;

interface RaceOutcome {
  attempted: number;
  accepted: Map<string, number>;
  rejected: number;
  /** History events whose `from` is not the previous event's `to`: an update built on stale data. */
  lostUpdates: number;
  versionsOk: boolean;
}

/**
 * `writers` writers spread over the storages, each renaming the deals round-robin through
 * `createCrm` commands (load → check → compare-and-set write → history, in one transaction).
 */
async function race(
  w: ServiceWorld,
  storages: CrmStorage[],
  deals: string[],
  writers: number,
  perWriter: number,
) {
  const accepted = new Map<string, number>(deals.map((d) => [d, 0]));
  let rejected = 0;
  await Promise.all(
    Array.from({ length: writers }, async (_, n) => {
      const crm = createCrm({
        storage: storages[n % storages.length] as CrmStorage,
        tenant: w.crm.tenantId,
        clock: w.clock,
      });
      for (let i = 0; i < perWriter; i++) {
        const deal = deals[(n + i) % deals.length] as string;
        try {
          await crm.opportunities.update(w.org.repA, deal, { name: `writer ${n} change ${i}` });
          accepted.set(deal, (accepted.get(deal) ?? 0) + 1);
        } catch (error) {
          if (!isCrmError(error, 'CONCURRENCY')) throw error;
          rejected += 1;
        }
      }
    }),
  );
  let lostUpdates = 0;
  let versionsOk = true;
  for (const deal of deals) {
    const events = (await w.crm.history.forRecord(w.org.repA, 'opportunity', deal)).filter(
      (e) => e.event === 'opportunity.updated',
    );
    const record = await w.crm.opportunities.get(w.org.repA, deal);
    versionsOk &&= events.length === accepted.get(deal) && record.version === events.at(-1)?.version;
    events.forEach((e, i) => {
      const prev = events[i - 1];
      if (
        prev !== undefined &&
        (e.changes.name?.from !== prev.changes.name?.to || e.version !== prev.version + 1)
      )
        lostUpdates += 1;
    });
  }
  return {
    attempted: writers * perWriter,
    accepted,
    rejected,
    lostUpdates,
    versionsOk,
  } satisfies RaceOutcome;
}

/** Compare-and-set switched off: the opportunity store writes over whatever version it finds. */
function lastWriterWins(storage: CrmStorage): CrmStorage {
  const naive = (tx: StorageTx): StorageTx => {
    const opportunities = tx.opportunities;
    return {
      ...tx,
      opportunities: new Proxy(opportunities, {
        get(target, property, receiver) {
          if (property !== 'update') return Reflect.get(target, property, receiver);
          return async (record: { id: string; version: number }, _expected: number) => {
            const current = await opportunities.get(record.id);
            const version = current?.version ?? 0;
            return opportunities.update({ ...record, version: version + 1 } as never, version);
          };
        },
      }),
    };
  };
  return { ...storage, transaction: (opts, fn) => storage.transaction(opts, (tx) => fn(naive(tx))) };
}

describe.skipIf(!ON_SERVER)(
  `racing writers on separate connections [skipped on PGlite: ${NEEDS_SERVER}]`,
  () => {
    let db: TestDatabase;
    let storages: CrmStorage[];
    beforeAll(async () => {
      db = await openTestDatabase({ max: CONNECTIONS_PER_SERVER });
      storages = [db.storage];
      for (let i = 1; i < SERVERS; i++)
        storages.push(await db.openAnother({ max: CONNECTIONS_PER_SERVER, migrate: false }));
    });
    afterAll(() => db?.close());

    const openDeals = async (w: ServiceWorld, n: number) => {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const lead = await w.crm.leads.capture(w.org.repA, storyLead({ company: `集成商 ${i}` }));
        await w.crm.leads.qualify(w.org.repA, lead.id);
        ids.push((await w.crm.leads.convert(w.org.repA, lead.id)).opportunity.id);
      }
      return ids;
    };

    it(`${WRITERS} connections × ${UPDATES_PER_WRITER} conflicting updates: accepted + rejected = attempted, nothing lost`, async () => {
      const w = await openWorld(db.storage);
      const deals = await openDeals(w, DEALS);
      const outcome = await race(w, storages, deals, WRITERS, UPDATES_PER_WRITER);
      const accepted = [...outcome.accepted.values()].reduce((a, b) => a + b, 0);
      expect(accepted + outcome.rejected).toBe(outcome.attempted);
      expect(outcome.rejected).toBeGreaterThan(0);
      expect(outcome.lostUpdates).toBe(0);
      expect(outcome.versionsOk).toBe(true);
    });

    it('control: with compare-and-set switched off the same race loses updates', async () => {
      const w = await openWorld(db.storage);
      const deals = await openDeals(w, 2);
      const outcome = await race(w, storages.map(lastWriterWins), deals, WRITERS, 40);
      expect(outcome.lostUpdates).toBeGreaterThan(0);
    });

    it('racing conversions of one lead: exactly one wins; every loser is refused cleanly, nothing half-done', async () => {
      const w = await openWorld(db.storage);
      for (let round = 0; round < 10; round++) {
        const lead = await w.crm.leads.capture(w.org.repA, storyLead({ company: `竞争 ${round}` }));
        await w.crm.leads.qualify(w.org.repA, lead.id);
        const results = await Promise.allSettled(
          Array.from({ length: WRITERS }, (_, n) =>
            createCrm({
              storage: storages[n % SERVERS] as CrmStorage,
              tenant: w.crm.tenantId,
              clock: w.clock,
            }).leads.convert(w.org.repA, lead.id),
          ),
        );
        const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
        const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
        expect(won).toHaveLength(1);
        for (const e of lost)
          expect(isCrmError(e, 'CONCURRENCY') || isCrmError(e, 'INVALID_TRANSITION'), String(e)).toBe(true);
        const converted = await w.crm.leads.get(w.org.repA, lead.id);
        expect(converted.convertedOpportunityId).toBe(won[0]?.opportunity.id);
        const deals = await db.query('select id from opportunities where tenant_id = $1 and lead_id = $2', [
          w.crm.tenantId,
          lead.id,
        ]);
        expect(deals.map((d) => d.id)).toEqual([won[0]?.opportunity.id]);
        const history = await w.crm.history.forRecord(w.org.repA, 'lead', lead.id);
        expect(history.filter((e) => e.event === 'lead.converted')).toHaveLength(1);
      }
    });
  },
);
