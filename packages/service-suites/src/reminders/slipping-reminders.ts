import { type Crm, escalationDeliveryKey, type Reminder, type User } from '@gongfu/core';
import { type ServiceWorld, storyLead } from '../support/harness.js';

/** When the story's follow-ups have all passed their escalation instant (captured 2 March, due 5, escalate 7). */
export const AFTER_ESCALATION = '2026-03-08T01:00:00.000Z';
const DUE = '2026-03-05T01:15:00.000Z';

/** A reminder that must be escalated, and to whom. */
export interface ExpectedEscalation {
  reminder: Reminder;
  key: string;
  to: string;
}

/** The unacknowledged reminders of `userId` that have passed their escalation instant at `at`. */
export async function escalatable(crm: Crm, user: User, at: string): Promise<Reminder[]> {
  const due = await crm.reminders.due(user, { at, limit: 500 });
  return due.filter((r) => r.escalateAt !== null && r.escalateAt <= at);
}

/**
 * `perRep` leads each for 销售员甲, 销售员乙, the distribution rep and the sales manager himself,
 * none followed up. About a third of the reminders are acknowledged on the due day (they must
 * never escalate). Returns the escalations expected after the escalation instant: a rep's go to their
 * manager, the manager's own (no one above him) to the tenant's admin.
 */
export async function slippingReminders(
  w: ServiceWorld,
  perRep: number,
): Promise<{ expected: ExpectedEscalation[]; acknowledged: string[] }> {
  const { repA, repB, otherRep, otherManager, manager, admin } = w.org;
  const owners = [
    { user: repA, to: manager.id, channel: 'key_account' },
    { user: repB, to: manager.id, channel: 'key_account' },
    { user: otherRep, to: otherManager.id, channel: 'distribution' },
    { user: manager, to: admin.id, channel: 'key_account' },
  ] as const;
  for (const { user, channel } of owners) {
    for (let i = 0; i < perRep; i++) {
      await w.crm.leads.capture(user, storyLead({ company: `升级测试${user.name}${i}`, channel }));
    }
  }
  const now = w.clock.now();
  w.clock.set(DUE);
  const acknowledged: string[] = [];
  const expected: ExpectedEscalation[] = [];
  for (const [i, { user, to }] of owners.entries()) {
    for (const [j, r] of (await escalatable(w.crm, user, AFTER_ESCALATION)).entries()) {
      if ((i + j) % 3 === 2) {
        await w.crm.reminders.acknowledge(user, r.id);
        acknowledged.push(r.id);
      } else expected.push({ reminder: r, key: escalationDeliveryKey(r), to });
    }
  }
  w.clock.set(now);
  return { expected, acknowledged };
}
