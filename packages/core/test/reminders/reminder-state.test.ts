import { describe, expect, it } from 'vitest';
import {
  applyReconciliation,
  type DesiredReminder,
  isDue,
  needsEscalation,
  type ReminderState,
  reconcileReminders,
  remindersForLead,
} from '../../src/index.js';
import { config, lead } from './fixtures.js';

const [followUp] = remindersForLead(lead(), config()) as [DesiredReminder];
const stored = (over: Partial<ReminderState> = {}): ReminderState => ({
  ...followUp,
  acknowledgedAt: null,
  snoozedUntil: null,
  ...over,
});
// followUp: due 2026-03-05T01:15Z, escalates 2026-03-07T01:15Z

describe('isDue', () => {
  it('is due from dueAt on, until acknowledged', () => {
    expect(isDue(stored(), '2026-03-05T01:14:59.999Z')).toBe(false);
    expect(isDue(stored(), '2026-03-05T01:15:00.000Z')).toBe(true);
    expect(isDue(stored({ acknowledgedAt: '2026-03-05T02:00:00.000Z' }), '2026-03-06T00:00:00.000Z')).toBe(
      false,
    );
  });

  it('is hidden while snoozed and due again when the snooze ends', () => {
    const snoozed = stored({ snoozedUntil: '2026-03-05T06:00:00.000Z' });
    expect(isDue(snoozed, '2026-03-05T05:59:59.999Z')).toBe(false);
    expect(isDue(snoozed, '2026-03-05T06:00:00.000Z')).toBe(true);
  });
});

describe('needsEscalation', () => {
  it('escalates from escalateAt while unacknowledged, snoozed or not', () => {
    expect(needsEscalation(stored(), '2026-03-07T01:14:59.999Z')).toBe(false);
    expect(needsEscalation(stored(), '2026-03-07T01:15:00.000Z')).toBe(true);
    expect(
      needsEscalation(stored({ snoozedUntil: '2026-03-10T00:00:00.000Z' }), '2026-03-08T00:00:00.000Z'),
    ).toBe(true);
    expect(
      needsEscalation(stored({ acknowledgedAt: '2026-03-06T00:00:00.000Z' }), '2026-03-08T00:00:00.000Z'),
    ).toBe(false);
    expect(needsEscalation(stored({ escalateAt: null }), '2030-01-01T00:00:00.000Z')).toBe(false);
  });
});

describe('reconcileReminders', () => {
  const acked = stored({
    acknowledgedAt: '2026-03-05T02:00:00.000Z',
    snoozedUntil: '2026-03-05T03:00:00.000Z',
  });

  it('inserts new reminders with no acknowledgement or snooze', () => {
    expect(reconcileReminders([], [followUp])).toEqual({ insert: [stored()], update: [], remove: [] });
  });

  it('changes nothing when the desired reminder is unchanged, keeping ack and snooze', () => {
    expect(reconcileReminders([acked], [followUp])).toEqual({ insert: [], update: [], remove: [] });
  });

  it('keeps ack and snooze when only the wording changes (the company was renamed)', () => {
    const renamed = { ...followUp, message: 'No contact with 恒通 for 3 days — follow up' };
    expect(reconcileReminders([acked], [renamed]).update).toEqual([{ ...acked, message: renamed.message }]);
  });

  it('resets ack and snooze when a new contact moves the due time', () => {
    const [moved] = remindersForLead(lead({ lastCustomerContactAt: '2026-03-06T03:00:00.000Z' }), config());
    expect(reconcileReminders([acked], [moved!]).update).toEqual([
      { ...moved, acknowledgedAt: null, snoozedUntil: null },
    ]);
  });

  it('resets ack and snooze when the record changes owner', () => {
    const reassigned = { ...followUp, userId: 'user_yi' };
    expect(reconcileReminders([acked], [reassigned]).update).toEqual([
      { ...reassigned, acknowledgedAt: null, snoozedUntil: null },
    ]);
  });

  it('removes reminders no longer wanted (the lead was converted)', () => {
    expect(reconcileReminders([acked], remindersForLead(lead({ status: 'converted' }), config()))).toEqual({
      insert: [],
      update: [],
      remove: ['lead_follow_up:lead_7'],
    });
  });

  it('removes a stored row of a kind these rules no longer produce', () => {
    const legacy = { ...acked, key: 'call_back:lead_7', kind: 'call_back' };
    expect(reconcileReminders([legacy, acked], [followUp]).remove).toEqual(['call_back:lead_7']);
  });

  it('rejects a desired list with a duplicate key', () => {
    expect(() => reconcileReminders([], [followUp, followUp])).toThrow(/duplicate desired reminder key/);
  });

  it('applying the plan yields the desired reminders', () => {
    const desired = remindersForLead(lead({ latestQuote: { validUntil: '2026-03-31' } }), config());
    const other = stored({ key: 'stale_opportunity:opp_1', kind: 'stale_opportunity' });
    const next = applyReconciliation([acked, other], reconcileReminders([acked, other], desired));
    expect(next.map((r) => r.key)).toEqual(['lead_follow_up:lead_7', 'quote_expiring:lead_7']);
    expect(next[0]).toEqual(acked);
  });
});
