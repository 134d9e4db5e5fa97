import { type CrmStorage, createCrm, IdempotencyKeyReusedError, isCrmError, ManualClock } from '@gongfu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allEvents } from '../events/event-dispatch.suite.js';
import { openWorld, type ServiceWorld, type StorageFactory, storyLead } from '../support/harness.js';

const captured = async (w: ServiceWorld) =>
  (await allEvents(w.crm)).filter((e) => e.name === 'lead.captured').map((e) => e.entityId);

/** `crm.with({ idempotencyKey })`: a resent command writes once, on any storage engine. */
export function describeIdempotentCommands(makeStorage: StorageFactory): void {
  describe('service: idempotent commands', () => {
    let storage: CrmStorage;
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(() => storage.close());

    it('a resend with the same key and input returns the first result and writes nothing', async () => {
      const w = await openWorld(storage);
      const first = await w.crm
        .with({ idempotencyKey: 'k-capture-1' })
        .leads.capture(w.org.repA, storyLead());
      const before = await allEvents(w.crm);
      // Key order of the input does not matter; the resend gets the very first lead back.
      const again = await w.crm
        .with({ idempotencyKey: 'k-capture-1' })
        .leads.capture(w.org.repA, { ...storyLead(), company: storyLead().company });
      expect(again).toEqual(first);
      expect(await allEvents(w.crm)).toEqual(before);
      // Without a key, or with another, it is a new command.
      await w.crm.with({ idempotencyKey: 'k-capture-2' }).leads.capture(w.org.repA, storyLead());
      expect(await captured(w)).toHaveLength(2);
      // A change command too: the second qualify is the first one's answer, not a refused transition.
      const q1 = await w.crm.with({ idempotencyKey: 'k-qualify' }).leads.qualify(w.org.repA, first.id);
      const q2 = await w.crm.with({ idempotencyKey: 'k-qualify' }).leads.qualify(w.org.repA, first.id);
      expect(q2).toEqual(q1);
      expect(q1.version).toBe(2);
    });

    it('the same key with other input or command is IdempotencyKeyReusedError (a conflict)', async () => {
      const w = await openWorld(storage);
      const crm = w.crm.with({ idempotencyKey: 'k-reused' });
      await crm.leads.capture(w.org.repA, storyLead());
      for (const resend of [
        () => crm.leads.capture(w.org.repA, storyLead({ company: '另一家公司' })),
        () => crm.accounts.create(w.org.repA, { name: '另一家公司', kind: 'end_user' }),
      ]) {
        const error = await resend().then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(IdempotencyKeyReusedError);
        expect(isCrmError(error, 'CONFLICT')).toBe(true);
        expect((error as IdempotencyKeyReusedError).key).toBe('k-reused');
      }
      expect(await captured(w)).toHaveLength(1);
    });

    it("keys are each user's own: another user's equal key is independent and learns nothing of the first use", async () => {
      const w = await openWorld(storage);
      const crm = w.crm.with({ idempotencyKey: 'k-shared' });
      const ofA = await crm.leads.capture(w.org.repA, storyLead());
      // B's same key runs B's command (no conflict naming A's), even with A's very input.
      const ofB = await crm.leads.capture(w.org.repB, storyLead());
      expect(ofB.id).not.toBe(ofA.id);
      const ofM = await crm.accounts.create(w.org.manager, { name: '经理的客户', kind: 'end_user' });
      expect(await captured(w)).toHaveLength(2);
      // Each user's replay is still their own first answer, and each one's reuse still conflicts.
      expect(await crm.leads.capture(w.org.repA, storyLead())).toEqual(ofA);
      expect(await crm.leads.capture(w.org.repB, storyLead())).toEqual(ofB);
      expect(await crm.accounts.create(w.org.manager, { name: '经理的客户', kind: 'end_user' })).toEqual(ofM);
      await expect(
        crm.leads.capture(w.org.repA, storyLead({ company: '另一家公司' })),
      ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    });

    it('a key stored before keys were per user (bare) still replays for its sender, and only for them', async () => {
      const w = await openWorld(storage);
      const crm = w.crm.with({ idempotencyKey: 'k-old' });
      const first = await crm.leads.capture(w.org.repA, storyLead());
      // Move A's record to the bare key, as a store written by an earlier version holds it.
      await storage.transaction({ tenantId: w.crm.tenantId }, async (tx) => {
        const scoped = `${w.org.repA.id}\u001fk-old`;
        const record = await tx.idempotency.find(scoped);
        expect(record).not.toBeNull();
        await tx.idempotency.remove(scoped);
        await tx.idempotency.put({ ...record!, key: 'k-old' });
      });
      expect(await crm.leads.capture(w.org.repA, storyLead())).toEqual(first);
      const ofB = await crm.leads.capture(w.org.repB, storyLead());
      expect(ofB.id).not.toBe(first.id);
      expect(await captured(w)).toHaveLength(2);
    });

    it('a deactivated user cannot replay a keyed command: the replay is refused like any call of theirs', async () => {
      const w = await openWorld(storage);
      const crm = w.crm.with({ idempotencyKey: 'k-gone' });
      await crm.leads.capture(w.org.repB, storyLead());
      await w.crm.users.deactivate(w.org.admin, w.org.repB.id);
      await expect(crm.leads.capture(w.org.repB, storyLead())).rejects.toMatchObject({
        code: 'PERMISSION_DENIED',
      });
    });

    it('a key expires after the configured time, and a refused command keeps no key', async () => {
      const w = await openWorld(storage);
      const clock = new ManualClock('2026-03-02T01:00:00.000Z');
      const crm = createCrm({ storage, tenant: w.crm.tenantId, clock, idempotencyTtlMs: 60_000 });
      const keyed = crm.with({ idempotencyKey: 'k-ttl' });
      const a = await keyed.leads.capture(w.org.repA, storyLead());
      clock.advance(59_999);
      expect((await keyed.leads.capture(w.org.repA, storyLead())).id).toBe(a.id);
      clock.advance(1);
      const b = await keyed.leads.capture(w.org.repA, storyLead());
      expect(b.id).not.toBe(a.id);
      const refused = crm.with({ idempotencyKey: 'k-refused' });
      await expect(refused.leads.convert(w.org.repA, b.id)).rejects.toMatchObject({
        code: 'INVALID_TRANSITION',
      });
      // Nothing was kept under the refused key: the same key now runs a different command.
      await refused.leads.qualify(w.org.repA, b.id);
    });

    it('racing duplicates of one key produce exactly one write', async () => {
      const w = await openWorld(storage);
      const crm = w.crm.with({ idempotencyKey: 'k-race' });
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, () => crm.leads.capture(w.org.repA, storyLead())),
      );
      const ids = results.map((r) => (r.status === 'fulfilled' ? r.value.id : String(r.reason)));
      expect(new Set(ids).size).toBe(1);
      expect(await captured(w)).toEqual([ids[0]]);
    });
  });
}
