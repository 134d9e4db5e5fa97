import {
  type CrmStorage,
  createCrm,
  type DomainEvent,
  type DomainEventDraft,
  domainEventSchema,
  type EventPage,
} from '@gongfu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorld, type StorageFactory, storyLead } from '../support/harness.js';
import { expectCode } from '../support/service-expect.js';

type Since = (cursor: string | null, limit: number) => Promise<EventPage>;

/** Every event after `cursor`, page by page. */
async function drain(since: Since, limit = 1000, cursor: string | null = null): Promise<DomainEvent[]> {
  const all: DomainEvent[] = [];
  for (;;) {
    const page = await since(cursor, limit);
    all.push(...page.items);
    if (page.nextCursor === null) return all;
    cursor = page.nextCursor;
  }
}

/** `crm.events.since`: the change feed every accepted command appends to, on any storage engine. */
export function describeChangeFeed(makeStorage: StorageFactory): void {
  describe('service: change feed', () => {
    let storage: CrmStorage;
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(async () => {
      await storage.close();
    });

    it('gives every command its events, gapless and in order, each a valid versioned event', async () => {
      const w = await openWorld(storage);
      const { repA } = w.org;
      const lead = await w.crm.leads.capture(repA, storyLead());
      await w.crm.leads.qualify(repA, lead.id);
      const { opportunity } = await w.crm.leads.convert(repA, lead.id);
      const events = await drain((c, limit) => w.crm.events.since(w.crm.system, c, { limit }));
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      for (const e of events) expect(domainEventSchema.parse(e)).toEqual(e);
      expect(new Set(events.map((e) => e.key)).size).toBe(events.length);
      // The eight people of the org were created first, then the lead's story.
      expect(events.slice(0, 8).every((e) => e.type === 'record.created' && e.entityType === 'user')).toBe(
        true,
      );
      const ofLead = events.filter((e) => e.entityId === lead.id);
      expect(ofLead.slice(0, 3).map((e) => [e.type, e.version])).toEqual([
        ['record.created', 1],
        ['record.changed', 2],
        ['record.changed', 3],
      ]);
      expect(ofLead[0]).toMatchObject({ name: 'lead.captured', actorId: repA.id, tenantId: w.crm.tenantId });
      const converted = ofLead[2];
      expect(converted).toMatchObject({ changes: { status: { from: 'qualified', to: 'converted' } } });
      // Each effect the conversion decided follows its record.changed, in the decision's order.
      const decided = (converted?.type === 'record.changed' ? converted.meta?.effects : []) as {
        type: string;
      }[];
      expect(decided.map((e) => e.type)).toContain('converted');
      expect(ofLead.slice(3)).toEqual(
        decided.map((effect) => expect.objectContaining({ type: 'lifecycle.effect', version: 3, effect })),
      );
      expect(ofLead[3]?.seq).toBe((converted?.seq ?? 0) + 1);
      expect(events.some((e) => e.type === 'record.created' && e.entityId === opportunity.id)).toBe(true);
      // Paging by a small limit gives exactly the same feed.
      const paged = await drain((c, limit) => w.crm.events.since(w.crm.system, c, { limit }), 3);
      expect(paged).toEqual(events);
      const tail = await w.crm.events.since(w.crm.system, String(events.length), { limit: 10 });
      expect(tail).toEqual({ items: [], nextCursor: null });
    });

    it('shows each actor only the events of records they may see', async () => {
      const w = await openWorld(storage);
      const { repA, repB, manager, otherRep, admin } = w.org;
      const a = await w.crm.leads.capture(repA, storyLead());
      const b = await w.crm.leads.capture(repB, storyLead({ company: '青岛瑞达信息技术有限公司' }));
      const seen = async (actor: typeof repA) =>
        new Set(
          (await drain((c, limit) => w.crm.events.since(actor, c, { limit })))
            .filter((e) => e.entityType === 'lead')
            .map((e) => e.entityId),
        );
      expect(await seen(repA)).toEqual(new Set([a.id]));
      expect(await seen(repB)).toEqual(new Set([b.id]));
      expect(await seen(manager)).toEqual(new Set([a.id, b.id]));
      expect(await seen(admin)).toEqual(new Set([a.id, b.id]));
      expect(await seen(otherRep)).toEqual(new Set());
    });

    it("a deal-team member sees the events of the deal's customer and its contacts, and not after removal", async () => {
      const w = await openWorld(storage);
      const { repA, presales } = w.org;
      const account = await w.crm.accounts.create(repA, {
        name: '济南鲁信精密仪器有限公司',
        kind: 'end_user',
      });
      const contact = await w.crm.contacts.create(repA, { accountId: account.id, name: '孙经理' });
      const customerEvents = async () =>
        new Set(
          (await drain((c, limit) => w.crm.events.since(presales, c, { limit })))
            .filter((e) => e.entityType === 'account' || e.entityType === 'contact')
            .map((e) => e.entityId),
        );
      expect(await customerEvents()).toEqual(new Set());
      const deal = await w.crm.opportunities.create(repA, {
        name: '鲁信光谱仪项目',
        accountId: account.id,
        channel: 'key_account',
        team: [{ userId: presales.id, role: 'presales', access: 'read' }],
      });
      // The same rule as the gets and lists: the seat reads the customer, and so its history in the feed.
      await w.crm.accounts.get(presales, account.id);
      await w.crm.contacts.get(presales, contact.id);
      expect(await customerEvents()).toEqual(new Set([account.id, contact.id]));
      await w.crm.opportunities.removeTeamMember(repA, deal.id, presales.id);
      await expectCode(w.crm.accounts.get(presales, account.id), 'NOT_FOUND');
      expect(await customerEvents()).toEqual(new Set());
    });

    it('appends nothing for a refused command, and refuses a cursor that is not one', async () => {
      const w = await openWorld(storage);
      const { repA } = w.org;
      const lead = await w.crm.leads.capture(repA, storyLead());
      const before = await drain((c, limit) => w.crm.events.since(w.crm.system, c, { limit }));
      await expectCode(w.crm.leads.convert(repA, lead.id), 'INVALID_TRANSITION');
      const after = await drain((c, limit) => w.crm.events.since(w.crm.system, c, { limit }));
      expect(after).toEqual(before);
      await expectCode(w.crm.events.since(repA, 'not-a-cursor'), 'VALIDATION');
    });

    it('a reader polling while many commands commit at once never skips an event', async () => {
      const w = await openWorld(storage);
      const { repA, repB } = w.org;
      const start = (await drain((c, limit) => w.crm.events.since(w.crm.system, c, { limit }))).length;
      let done = false;
      const read: number[] = [];
      const reader = (async () => {
        let cursor: string | null = String(start);
        while (!done) {
          const page = await w.crm.events.since(w.crm.system, cursor, { limit: 50 });
          read.push(...page.items.map((e) => e.seq));
          cursor = page.nextCursor ?? cursor;
        }
        read.push(
          ...(await drain((c, limit) => w.crm.events.since(w.crm.system, c, { limit }), 50, cursor)).map(
            (e) => e.seq,
          ),
        );
      })();
      const writers = Array.from({ length: 24 }, (_, i) =>
        w.crm.leads.capture(i % 2 ? repA : repB, storyLead({ company: `并发公司${i}` })),
      );
      await Promise.all(writers);
      done = true;
      await reader;
      expect(read).toEqual(Array.from({ length: 24 }, (_, i) => start + i + 1));
    });

    it('numbers a large append gapless and in order, each event as appended (written in chunks on both engines)', async () => {
      const w = await openWorld(storage);
      const start = (await drain((c, limit) => w.crm.events.since(w.crm.system, c, { limit }))).length;
      // More rows than one SQLite INSERT (500) or PostgreSQL statement (4,000; 65,535 parameters
      // bind at most 8,191 events) carries, and a multiple of neither.
      const drafts: DomainEventDraft[] = Array.from({ length: 8503 }, (_, i) => ({
        v: 1,
        at: '2026-03-02T01:15:00.000Z',
        actorId: w.org.repA.id,
        entityType: 'lead',
        entityId: `lead_many_${i}`,
        version: i + 1,
        name: 'lead.captured',
        type: 'record.created',
        changes: { company: { from: null, to: `公司 ${i}` } },
        meta: i % 2 === 0 ? null : { n: i },
        ownerId: w.org.repA.id,
        teamKey: `lead_many_${i}`,
      }));
      await storage.transaction({ tenantId: w.crm.tenantId }, (tx) => tx.feed.append(drafts));
      const appended = await drain(
        (c, limit) => w.crm.events.since(w.crm.system, c, { limit }),
        1000,
        String(start),
      );
      expect(appended.map((e) => e.seq)).toEqual(drafts.map((_, i) => start + i + 1));
      expect(appended).toEqual(
        drafts.map(({ ownerId: _o, teamKey: _t, ...payload }, i) => ({
          ...payload,
          seq: start + i + 1,
          key: `${w.crm.tenantId}/${start + i + 1}`,
          tenantId: w.crm.tenantId,
        })),
      );
    });

    it('with the feed switched off, commands append nothing', async () => {
      const w = await openWorld(storage);
      const quiet = createCrm({ storage, tenant: w.crm.tenantId, changeFeed: false });
      const before = await drain((c, limit) => w.crm.events.since(w.crm.system, c, { limit }));
      await quiet.leads.capture(w.org.repA, storyLead());
      expect(await drain((c, limit) => quiet.events.since(quiet.system, c, { limit }))).toEqual(before);
    });
  });
}
