import type { CrmStorage } from '@gongfu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveredOrder } from '../orders/order-fixtures.js';
import { openWorld, type StorageFactory, storyLead } from '../support/harness.js';
import { expectCode, expectInvalidField, peek } from '../support/service-expect.js';
import { registerCalendarCases } from './activity-calendar.cases.js';

const outcome = {
  metWith: '王工 (IT manager)',
  opinion: 'positive' as const,
  newRequirements: ['20 RFID readers for the inbound dock'],
  summary: 'Walked the warehouse; they like the WMS demo but want RFID at the dock.',
  nextStep: 'Send a revised quote with RFID readers by Friday',
};

/** `crm.activities`: the salesperson's plan (MISSION point 5), on any storage engine. */
export function describeActivityCommands(makeStorage: StorageFactory): void {
  describe('service: activities', () => {
    let storage: CrmStorage;
    const world = () => openWorld(storage);
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(async () => {
      await storage.close();
    });

    it('schedule → reschedule → complete with outcome moves the lead follow-up', async () => {
      const w = await world();
      const { repA } = w.org;
      const lead = await w.crm.leads.capture(repA, storyLead());
      const [followUpBefore] = await peek(w).reminders('lead', lead.id);
      const visit = await w.crm.activities.schedule(repA, {
        kind: 'visit',
        subject: 'Site survey',
        startAt: '2026-03-05T10:00:00+08:00',
        leadId: lead.id,
      });
      expect(visit).toMatchObject({
        status: 'scheduled',
        ownerId: repA.id,
        timeZone: 'Asia/Shanghai',
        endAt: '2026-03-05T03:00:00.000Z',
        leadId: lead.id,
      });
      const [upcoming] = await peek(w).reminders('activity', visit.id);
      expect((upcoming?.dueAt ?? '') < visit.startAt && upcoming?.userId === repA.id).toBe(true);

      const moved = await w.crm.activities.reschedule(repA, visit.id, {
        startAt: '2026-03-06T14:00:00+08:00',
        expectedVersion: 1,
      });
      expect(moved).toMatchObject({
        startAt: '2026-03-06T06:00:00.000Z',
        endAt: '2026-03-06T07:00:00.000Z',
        version: 2,
      });
      const [movedReminder] = await peek(w).reminders('activity', visit.id);
      expect(Date.parse(moved.startAt) - Date.parse(movedReminder?.dueAt ?? '')).toBe(
        Date.parse(visit.startAt) - Date.parse(upcoming?.dueAt ?? ''),
      );

      w.clock.set('2026-03-06T08:00:00Z');
      const done = await w.crm.activities.complete(repA, visit.id, { outcome, expectedVersion: 2 });
      expect(done.status).toBe('completed');
      expect(done.outcome).toMatchObject({
        metWith: outcome.metWith,
        opinion: 'positive',
        newRequirements: outcome.newRequirements,
        nextStep: outcome.nextStep,
      });
      expect(done.completedAt).toBe('2026-03-06T08:00:00.000Z');
      expect(await peek(w).reminders('activity', visit.id)).toEqual([]);

      const after = await w.crm.leads.get(repA, lead.id);
      expect(after).toMatchObject({ lastContactAt: moved.startAt, status: 'working' });
      const [followUpAfter] = await peek(w).reminders('lead', lead.id);
      // The follow-up clock restarts from the visit: it moves by exactly (visit − capture).
      expect(Date.parse(followUpAfter?.dueAt ?? '') - Date.parse(followUpBefore?.dueAt ?? '')).toBe(
        Date.parse(moved.startAt) - Date.parse(lead.receivedAt),
      );
      const events = (await peek(w).history('activity', visit.id)).map((e) => e.event);
      expect(events).toEqual(['activity.scheduled', 'activity.rescheduled', 'activity.completed']);
    });

    it('refuses to complete a visit without its outcome, and says why', async () => {
      const w = await world();
      const lead = await w.crm.leads.capture(w.org.repA, storyLead());
      const visit = await w.crm.activities.schedule(w.org.repA, {
        kind: 'visit',
        subject: 'Visit',
        startAt: '2026-03-03T10:00:00+08:00',
        leadId: lead.id,
      });
      const error = await expectCode(
        w.crm.activities.complete(w.org.repA, visit.id, {}),
        'INVALID_TRANSITION',
      );
      expect(String(error.reason)).toMatch(/outcome/);
      expect((await w.crm.activities.get(w.org.repA, visit.id)).status).toBe('scheduled');
      // An email is ticked off without one.
      const email = await w.crm.activities.schedule(w.org.repA, {
        kind: 'email',
        subject: 'Datasheet',
        startAt: '2026-03-03T11:00:00+08:00',
        leadId: lead.id,
      });
      expect((await w.crm.activities.complete(w.org.repA, email.id)).status).toBe('completed');
      const cancelled = await w.crm.activities.cancel(w.org.repA, visit.id, { reason: 'customer postponed' });
      expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'customer postponed' });
      const again = await expectCode(
        w.crm.activities.complete(w.org.repA, visit.id, { outcome }),
        'INVALID_TRANSITION',
      );
      expect(String(again.reason)).toMatch(/cancelled/);
    });

    it('names the offending field of a bad input', async () => {
      const w = await world();
      const lead = await w.crm.leads.capture(w.org.repA, storyLead());
      const base = {
        kind: 'visit' as const,
        subject: 'Visit',
        startAt: '2026-03-03T10:00:00+08:00',
        leadId: lead.id,
      };
      await expectInvalidField(
        w.crm.activities.schedule(w.org.repA, { ...base, endAt: '2026-03-03T09:00:00+08:00' }),
        'endAt',
      );
      await expectInvalidField(
        w.crm.activities.schedule(w.org.repA, { ...base, timeZone: 'Mars/Olympus' }),
        'timeZone',
      );
      await expectInvalidField(
        w.crm.activities.schedule(w.org.repA, { ...base, startAt: '2026-03-03 10:00' }),
        'startAt',
      );
      await expectInvalidField(
        w.crm.activities.schedule(w.org.repA, { ...base, leadId: undefined }),
        'opportunityId',
      );
      await expectInvalidField(w.crm.activities.cancel(w.org.repA, 'act_1', { reason: ' ' }), 'reason');
      await expectInvalidField(
        w.crm.activities.calendar(w.org.repA, { view: 'month', date: '2026-02-30' }),
        'date',
      );
    });

    it('keeps reps apart: no scheduling on a peer’s lead, no assigning to a peer, no reading', async () => {
      const w = await world();
      const { repA, repB, manager } = w.org;
      const lead = await w.crm.leads.capture(repA, storyLead());
      const input = {
        kind: 'call' as const,
        subject: 'Call',
        startAt: '2026-03-03T10:00:00+08:00',
        leadId: lead.id,
      };
      await expectCode(w.crm.activities.schedule(repB, input), 'NOT_FOUND');
      await expectCode(w.crm.activities.schedule(repA, { ...input, ownerId: repB.id }), 'PERMISSION_DENIED');
      const assigned = await w.crm.activities.schedule(manager, { ...input, ownerId: repA.id });
      expect(assigned.ownerId).toBe(repA.id);
      await expectCode(w.crm.activities.get(repB, assigned.id), 'NOT_FOUND');
      await expectCode(
        w.crm.activities.reschedule(repB, assigned.id, { startAt: '2026-03-04T10:00:00+08:00' }),
        'NOT_FOUND',
      );
      expect((await w.crm.activities.list(repB)).items).toEqual([]);
      expect((await w.crm.activities.list(repA, { leadId: [lead.id] })).items.map((a) => a.id)).toEqual([
        assigned.id,
      ]);
      expect(
        (await w.crm.activities.list(manager, { status: ['scheduled'] })).items.map((a) => a.id),
      ).toEqual([assigned.id]);
    });

    it('counts a completed visit to a customer with a delivered order as the after-sales visit', async () => {
      const w = await world();
      const { order } = await deliveredOrder(w);
      const due = async () =>
        (await peek(w).reminders('order', order.id)).find((r) => r.kind === 'after_sales_visit')?.dueAt;
      const before = await due();
      expect(before).toBeDefined();
      w.clock.set('2026-04-10T01:00:00Z');
      const visit = await w.crm.activities.schedule(w.org.repA, {
        kind: 'visit',
        subject: 'Check the scanners',
        startAt: '2026-04-10T10:00:00+08:00',
        accountId: order.accountId,
      });
      w.clock.set('2026-04-10T04:00:00Z');
      await w.crm.activities.complete(w.org.repA, visit.id, {
        outcome: { summary: 'All 200 scanners in use', metWith: '王工' },
      });
      const after = await due();
      expect(after && before && after > before).toBe(true);
    });

    registerCalendarCases(world);
  });
}
