import { expect, it } from 'vitest';
import type { ServiceWorld } from '../support/harness.js';
import { storyLead } from '../support/harness.js';
import { expectCode, expectInvalidField } from '../support/service-expect.js';

/** 销售员甲's lead, left alone until its follow-up (09:15 Shanghai on 5 March) is due. */
async function dueFollowUp(w: ServiceWorld) {
  const lead = await w.crm.leads.capture(w.org.repA, storyLead());
  w.clock.set('2026-03-05T01:15:00.000Z');
  const [reminder] = await w.crm.reminders.due(w.org.repA);
  if (!reminder) throw new Error('the follow-up reminder is not due');
  return { lead, reminder };
}

/** What a user does with a reminder, and what their manager sees when they do not. */
export function reminderActionCases(world: () => Promise<ServiceWorld>): void {
  it('acknowledges a reminder so it is no longer due', async () => {
    const w = await world();
    const { repA } = w.org;
    const { lead, reminder } = await dueFollowUp(w);
    expect(reminder).toMatchObject({
      kind: 'lead_follow_up',
      subjectId: lead.id,
      dueAt: '2026-03-05T01:15:00.000Z',
      escalateAt: '2026-03-07T01:15:00.000Z',
      acknowledgedAt: null,
    });
    const done = await w.crm.reminders.acknowledge(repA, reminder.id);
    expect(done).toMatchObject({ acknowledgedAt: w.clock.now(), version: reminder.version + 1 });
    expect(await w.crm.reminders.due(repA)).toEqual([]);
    // Acknowledging twice changes nothing.
    expect(await w.crm.reminders.acknowledge(repA, reminder.id)).toEqual(done);
  });

  it('snoozes only into the future, and due() honours the snooze', async () => {
    const w = await world();
    const { repA } = w.org;
    const { reminder } = await dueFollowUp(w);
    await expectInvalidField(
      w.crm.reminders.snooze(repA, reminder.id, { until: '2026-03-05T09:00:00+08:00' }),
      'until',
    );
    await expectInvalidField(w.crm.reminders.snooze(repA, reminder.id, { until: w.clock.now() }), 'until');
    await expectInvalidField(w.crm.reminders.snooze(repA, reminder.id, { until: 'tomorrow' }), 'until');
    const snoozed = await w.crm.reminders.snooze(repA, reminder.id, {
      until: '2026-03-06T09:00:00+08:00',
      expectedVersion: reminder.version,
    });
    expect(snoozed.snoozedUntil).toBe('2026-03-06T01:00:00.000Z');
    expect(await w.crm.reminders.due(repA)).toEqual([]);
    expect(await w.crm.reminders.due(repA, { at: '2026-03-06T00:59:59.000Z' })).toEqual([]);
    expect((await w.crm.reminders.due(repA, { at: '2026-03-06T01:00:00.000Z' })).map((r) => r.id)).toEqual([
      reminder.id,
    ]);
    const stale = await expectCode(
      w.crm.reminders.snooze(repA, reminder.id, {
        until: '2026-03-07T09:00:00+08:00',
        expectedVersion: reminder.version,
      }),
      'CONCURRENCY',
    );
    expect(stale).toMatchObject({ expected: reminder.version, actual: snoozed.version });
  });

  it("hides another rep's reminder, while their manager may act on it", async () => {
    const w = await world();
    const { repB, manager, otherManager } = w.org;
    const { reminder } = await dueFollowUp(w);
    const hidden = await expectCode(w.crm.reminders.acknowledge(repB, reminder.id), 'NOT_FOUND');
    expect(hidden).toMatchObject({ entity: 'reminder', id: reminder.id });
    await expectCode(
      w.crm.reminders.snooze(repB, reminder.id, { until: '2026-03-06T09:00:00+08:00' }),
      'NOT_FOUND',
    );
    await expectCode(w.crm.reminders.acknowledge(otherManager, reminder.id), 'NOT_FOUND');
    expect(await w.crm.reminders.due(repB)).toEqual([]);
    expect((await w.crm.reminders.acknowledge(manager, reminder.id)).acknowledgedAt).toBe(w.clock.now());
  });

  it('escalates an unacknowledged follow-up to the manager after the escalation days', async () => {
    const w = await world();
    const { repA, manager, otherManager } = w.org;
    const { reminder } = await dueFollowUp(w);
    // Due, but not yet slipping: the manager is not bothered.
    expect(await w.crm.reminders.escalations(manager)).toEqual([]);
    w.clock.set('2026-03-07T01:14:59.000Z');
    expect(await w.crm.reminders.escalations(manager)).toEqual([]);
    w.clock.advance(1_000);
    expect((await w.crm.reminders.escalations(manager)).map((r) => [r.id, r.userId])).toEqual([
      [reminder.id, repA.id],
    ]);
    expect(await w.crm.reminders.escalations(otherManager)).toEqual([]);
    expect(await w.crm.reminders.escalations(repA)).toEqual([]);
    await w.crm.reminders.acknowledge(repA, reminder.id);
    expect(await w.crm.reminders.escalations(manager)).toEqual([]);
  });
}
