import { describe, expect, it } from 'vitest';
import { localDateOf, localTimeOf, remindersForLead } from '../../src/index.js';
import { config, HENGTONG, lead } from './fixtures.js';

const shanghai = config();

describe('lead_follow_up', () => {
  it('is due N days after capture when the customer has not been contacted (the API sketch story)', () => {
    // captured 2026-03-02 09:15 Shanghai; four quiet days later the follow-up is due
    expect(remindersForLead(lead(), shanghai)).toMatchObject([
      {
        key: 'lead_follow_up:lead_7',
        kind: 'lead_follow_up',
        subjectType: 'lead',
        subjectId: 'lead_7',
        userId: 'user_jia',
        dueAt: '2026-03-05T01:15:00.000Z',
        escalateAt: '2026-03-07T01:15:00.000Z',
        message: `No contact with ${HENGTONG} for 3 days — follow up`,
      },
    ]);
  });

  it('counts from the last customer-facing contact, so a new contact moves it later', () => {
    const [r] = remindersForLead(lead({ lastCustomerContactAt: '2026-03-04T03:00:00.000Z' }), shanghai);
    expect(r?.dueAt).toBe('2026-03-07T03:00:00.000Z');
  });

  it('never counts from before capture when a back-filled contact predates it', () => {
    const [r] = remindersForLead(lead({ lastCustomerContactAt: '2026-02-20T03:00:00.000Z' }), shanghai);
    expect(r?.dueAt).toBe('2026-03-05T01:15:00.000Z');
  });

  it('crosses the local day boundary: a 23:30 Shanghai contact (15:30 UTC) is due 23:30 Shanghai three days on', () => {
    const facts = lead({
      receivedAt: '2026-02-27T02:00:00.000Z',
      lastCustomerContactAt: '2026-03-01T15:30:00.000Z',
    });
    const [r] = remindersForLead(facts, shanghai);
    expect(r?.dueAt).toBe('2026-03-04T15:30:00.000Z');
    expect(localDateOf(r!.dueAt, 'Asia/Shanghai')).toBe('2026-03-04');
    expect(localTimeOf(r!.dueAt, 'Asia/Shanghai')).toBe('23:30');
  });

  it('uses the per-channel interval and the longer nurture interval', () => {
    const c = config({ channels: { distribution: { leadFollowUpDays: 5 } } });
    expect(remindersForLead(lead({ channel: 'distribution' }), c)[0]?.dueAt).toBe('2026-03-07T01:15:00.000Z');
    const [nurture] = remindersForLead(lead({ status: 'nurture' }), shanghai);
    expect(nurture?.dueAt).toBe('2026-04-01T01:15:00.000Z');
    expect(nurture?.message).toBe(`No contact with ${HENGTONG} for 30 days — follow up`);
  });

  it.each(['new', 'working', 'qualified', 'nurture'] as const)('applies to an open lead (%s)', (status) => {
    expect(remindersForLead(lead({ status }), shanghai).map((r) => r.kind)).toEqual(['lead_follow_up']);
  });

  it.each(['converted', 'disqualified'] as const)('yields nothing for a %s lead', (status) => {
    expect(remindersForLead(lead({ status, latestQuote: { validUntil: '2026-03-31' } }), shanghai)).toEqual(
      [],
    );
  });
});

describe('quote_expiring', () => {
  it('is due at 09:00 Shanghai three days before the quote lapses', () => {
    const reminders = remindersForLead(lead({ latestQuote: { validUntil: '2026-03-31' } }), shanghai);
    expect(reminders.find((r) => r.kind === 'quote_expiring')).toMatchObject({
      key: 'quote_expiring:lead_7',
      kind: 'quote_expiring',
      subjectType: 'lead',
      subjectId: 'lead_7',
      userId: 'user_jia',
      dueAt: '2026-03-28T01:00:00.000Z',
      escalateAt: '2026-03-30T01:00:00.000Z',
      message: `The quote for ${HENGTONG} is valid until 2026-03-31 — follow up before it lapses`,
    });
  });

  it('crosses a month boundary backwards and honours the configured notice days', () => {
    const c = config({ defaults: { quoteExpiryNoticeDays: 5 } });
    const r = remindersForLead(lead({ latestQuote: { validUntil: '2026-03-02' } }), c)[1];
    expect(r?.dueAt).toBe('2026-02-25T01:00:00.000Z');
  });

  it('has no escalation when escalation is switched off', () => {
    const c = config({ defaults: { escalationDays: null } });
    const reminders = remindersForLead(lead({ latestQuote: { validUntil: '2026-03-31' } }), c);
    expect(reminders.map((r) => r.escalateAt)).toEqual([null, null]);
  });
});
