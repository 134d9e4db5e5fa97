import type { CrmStorage, QuoteEntry, Reminder, StorageTx } from '@gongfu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minutesAfter, newId, T0 } from './support/builders.js';
import { memoryStorage } from './support/open-storage.js';

let storage: CrmStorage;
beforeAll(async () => {
  storage = await memoryStorage(['t1']);
});
afterAll(() => storage.close());
const inTx = <T>(fn: (tx: StorageTx) => Promise<T>) => storage.transaction({ tenantId: 't1' }, fn);

const quote = (o: Partial<QuoteEntry>): QuoteEntry => ({
  tenantId: 't1',
  id: newId('quote'),
  leadId: null,
  opportunityId: null,
  accountId: null,
  sku: 'DS2208',
  quantity: 10,
  unitPrice: { amount: 99_900, currency: 'CNY' },
  validUntil: '2026-03-31',
  quotedBy: 'u1',
  quotedAt: T0,
  note: null,
  ...o,
});

const reminder = (o: Partial<Reminder>): Reminder => ({
  tenantId: 't1',
  id: newId('rem'),
  key: newId('lead_follow_up'),
  kind: 'lead_follow_up',
  subjectType: 'lead',
  subjectId: 'lead_1',
  userId: 'u1',
  dueAt: T0,
  escalateAt: null,
  message: 'Call back',
  detail: null,
  acknowledgedAt: null,
  snoozedUntil: null,
  deliveredAt: null,
  escalatedAt: null,
  version: 1,
  ...o,
});

describe('team store', () => {
  it('replaces a team, lists members owner first, and finds keys of non-owner members', async () => {
    await inTx(async (tx) => {
      await tx.teams.replace('opp_1', [
        { userId: 'u2', role: 'presales', access: 'read', isOwner: false },
        { userId: 'u1', role: 'sales', access: 'edit', isOwner: true },
      ]);
      await tx.teams.replace('opp_2', [{ userId: 'u2', role: 'sales', access: 'edit', isOwner: false }]);
      expect((await tx.teams.members('opp_1')).map((m) => [m.userId, m.isOwner])).toEqual([
        ['u1', true],
        ['u2', false],
      ]);
      expect(await tx.teams.keysOfMember('u2')).toEqual(['opp_1', 'opp_2']);
      expect(await tx.teams.keysOfMember('u1')).toEqual([]);
      await tx.teams.replace('opp_1', [{ userId: 'u3', role: 'service', access: 'read', isOwner: false }]);
      const many = await tx.teams.membersOfMany(['opp_1', 'opp_2', 'opp_none']);
      expect(many.get('opp_1')).toEqual([{ userId: 'u3', role: 'service', access: 'read', isOwner: false }]);
      expect(many.get('opp_2')?.length).toBe(1);
      expect(many.get('opp_none')).toEqual([]);
    });
  });
});

describe('quote ledger', () => {
  it('lists newest first by filter and re-points a converted lead', async () => {
    const a = quote({ leadId: 'lead_q', quotedAt: minutesAfter(1) });
    const b2 = quote({ leadId: 'lead_q', sku: 'LI4278', quotedAt: minutesAfter(2) });
    await inTx(async (tx) => {
      await tx.quotes.append(a);
      await tx.quotes.append(b2);
      expect(await tx.quotes.list({ leadId: 'lead_q' }, 10)).toEqual([b2, a]);
      expect(await tx.quotes.list({ leadId: 'lead_q', sku: 'DS2208' }, 10)).toEqual([a]);
      expect(await tx.quotes.list({ leadId: 'lead_q' }, 1)).toEqual([b2]);
      expect(await tx.quotes.linkLead('lead_q', { opportunityId: 'opp_q', accountId: 'acc_q' })).toBe(2);
      expect(
        (await tx.quotes.list({ opportunityId: 'opp_q' }, 10)).map((q) => [q.id, q.leadId, q.accountId]),
      ).toEqual([
        [b2.id, 'lead_q', 'acc_q'],
        [a.id, 'lead_q', 'acc_q'],
      ]);
    });
  });
});

describe('reminder store', () => {
  it('round-trips, answers due and escalations, compare-and-sets and removes', async () => {
    const due = reminder({ userId: 'ru', dueAt: minutesAfter(-10), escalateAt: minutesAfter(-1) });
    const later = reminder({ userId: 'ru', dueAt: minutesAfter(10) });
    const snoozed = reminder({ userId: 'ru', dueAt: minutesAfter(-20), snoozedUntil: minutesAfter(5) });
    const acked = reminder({ userId: 'ru', dueAt: minutesAfter(-30), acknowledgedAt: T0 });
    await inTx(async (tx) => {
      for (const r of [due, later, snoozed, acked]) await tx.reminders.insert(r);
      expect(await tx.reminders.get(due.id)).toEqual(due);
      expect((await tx.reminders.due(['ru'], T0, 10)).map((r) => r.id)).toEqual([due.id]);
      expect((await tx.reminders.due(['ru'], minutesAfter(10), 10)).map((r) => r.id)).toEqual([
        snoozed.id,
        due.id,
        later.id,
      ]);
      expect((await tx.reminders.escalationsDue(T0, 10)).map((r) => r.id)).toEqual([due.id]);
      expect((await tx.reminders.forSubject('lead', 'lead_1')).length).toBe(4);
      const escalated = { ...due, escalatedAt: T0, version: 2 };
      await tx.reminders.update(escalated, 1);
      expect(await tx.reminders.escalationsDue(T0, 10)).toEqual([]);
      await expect(tx.reminders.update({ ...due, version: 2 }, 1)).rejects.toMatchObject({
        code: 'CONCURRENCY',
        expected: 1,
        actual: 2,
      });
      await expect(tx.reminders.insert(reminder({ key: due.key }))).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      await tx.reminders.remove([due.id, later.id]);
      expect(await tx.reminders.get(due.id)).toBeNull();
    });
  });
});

describe('history log', () => {
  it('assigns increasing seq, reads per entity in order and by actors in a half-open range', async () => {
    const ev = (entityId: string, actorId: string, at: string, version: number) => ({
      entityType: 'lead' as const,
      entityId,
      event: 'lead.changed',
      actorId,
      at,
      version,
      changes: { status: { from: 'new', to: 'working' } },
      meta: version === 1 ? null : { reason: 'called' },
    });
    await inTx(async (tx) => {
      await tx.history.append([
        ev('lead_h', 'ha', minutesAfter(0), 1),
        ev('lead_h', 'hb', minutesAfter(1), 2),
      ]);
      await tx.history.append([ev('lead_h', 'ha', minutesAfter(2), 3)]);
    });
    await inTx(async (tx) => {
      const events = await tx.history.forEntity('lead', 'lead_h');
      expect(events.map((e) => e.version)).toEqual([1, 2, 3]);
      expect(events.map((e) => e.seq)).toEqual([...events.map((e) => e.seq)].sort((x, y) => x - y));
      expect(new Set(events.map((e) => e.seq)).size).toBe(3);
      expect(events[1]).toMatchObject({ tenantId: 't1', actorId: 'hb', meta: { reason: 'called' } });
      expect(events[0]?.meta).toBeNull();
      const byA = await tx.history.byActors(['ha'], { from: minutesAfter(0), to: minutesAfter(2) }, 10);
      expect(byA.map((e) => e.version)).toEqual([1]);
      expect((await tx.history.byActors(['ha', 'hb'], {}, 10)).map((e) => e.version)).toEqual([1, 2, 3]);
    });
  });
});

describe('merge store', () => {
  it('round-trips and compare-and-sets', async () => {
    const merge = {
      id: newId('merge'),
      entityType: 'account' as const,
      survivorId: 'acc_a',
      mergedId: 'acc_b',
      moved: { contact: ['c1', 'c2'] },
      mergedBy: 'admin',
      mergedAt: T0,
      undoneAt: null,
      version: 1,
    };
    await inTx(async (tx) => {
      await tx.merges.insert(merge);
      expect(await tx.merges.get(merge.id)).toEqual(merge);
      const undone = { ...merge, undoneAt: minutesAfter(5), version: 2 };
      await tx.merges.update(undone, 1);
      expect(await tx.merges.get(merge.id)).toEqual(undone);
      await expect(tx.merges.update(undone, 1)).rejects.toMatchObject({ code: 'CONCURRENCY', actual: 2 });
    });
  });
});

describe('tenant store', () => {
  it('creates, rejects a duplicate, lists and deletes every row of a tenant', async () => {
    await storage.tenants.create({ id: 'gone', name: 'Gone', createdAt: T0 });
    await expect(storage.tenants.create({ id: 'gone', name: 'Again', createdAt: T0 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await storage.tenants.get('gone')).toEqual({ id: 'gone', name: 'Gone', createdAt: T0 });
    expect((await storage.tenants.list()).map((t) => t.id)).toContain('gone');
    await storage.transaction({ tenantId: 'gone' }, async (tx) => {
      await tx.quotes.append({ ...quote({ leadId: 'l' }), tenantId: 'gone' });
      await tx.reminders.insert({ ...reminder({}), tenantId: 'gone' });
      await tx.teams.replace('k', [{ userId: 'u', role: 'sales', access: 'edit', isOwner: true }]);
      await tx.history.append([
        {
          entityType: 'lead',
          entityId: 'l',
          event: 'e',
          actorId: 'u',
          at: T0,
          version: 1,
          changes: {},
          meta: null,
        },
      ]);
    });
    await storage.tenants.delete('gone');
    expect(await storage.tenants.get('gone')).toBeNull();
    await storage.tenants.create({ id: 'gone', name: 'Back', createdAt: T0 });
    await storage.read({ tenantId: 'gone' }, async (tx) => {
      expect(await tx.quotes.list({ leadId: 'l' }, 10)).toEqual([]);
      expect(await tx.reminders.due(['u1'], minutesAfter(60), 10)).toEqual([]);
      expect(await tx.teams.members('k')).toEqual([]);
      expect(await tx.history.forEntity('lead', 'l')).toEqual([]);
    });
  });
});
