import { describe, expect, it } from 'vitest';
import { localTimeOf, remindersForDemoLoan, remindersForLead, remindersForOrder } from '../../src/index.js';
import { config, demoLoan, lead, order } from './fixtures.js';

// New York springs forward on 2026-03-08 and falls back on 2026-11-01; Shanghai has no DST.
const shanghai = config();
const newYork = config({ timeZone: 'America/New_York' });

describe('09:00 local stays 09:00 local', () => {
  it('in Shanghai (UTC+8 all year) 09:00 is always 01:00 UTC', () => {
    const before = remindersForLead(lead({ latestQuote: { validUntil: '2026-03-10' } }), shanghai)[1];
    const after = remindersForLead(lead({ latestQuote: { validUntil: '2026-03-12' } }), shanghai)[1];
    expect([before?.dueAt, after?.dueAt]).toEqual(['2026-03-07T01:00:00.000Z', '2026-03-09T01:00:00.000Z']);
  });

  it('in New York 09:00 is 14:00 UTC before the spring change and 13:00 UTC after it', () => {
    const before = remindersForLead(lead({ latestQuote: { validUntil: '2026-03-10' } }), newYork)[1];
    const after = remindersForLead(lead({ latestQuote: { validUntil: '2026-03-12' } }), newYork)[1];
    expect(before?.dueAt).toBe('2026-03-07T14:00:00.000Z');
    expect(after?.dueAt).toBe('2026-03-09T13:00:00.000Z');
  });

  it('escalates at 09:00 local two days later even when those days span the change (47 hours)', () => {
    const [r] = remindersForDemoLoan(demoLoan({ dueBack: '2026-03-08' }), newYork);
    expect(r?.dueAt).toBe('2026-03-07T14:00:00.000Z');
    expect(r?.escalateAt).toBe('2026-03-09T13:00:00.000Z');
    expect(localTimeOf(r!.escalateAt!, 'America/New_York')).toBe('09:00');
  });

  it('across the autumn change too: 13:00 UTC on 31 October, 14:00 UTC on 1 November', () => {
    const [oct] = remindersForDemoLoan(demoLoan({ dueBack: '2026-11-01' }), newYork);
    const [nov] = remindersForDemoLoan(demoLoan({ dueBack: '2026-11-02' }), newYork);
    expect(oct?.dueAt).toBe('2026-10-31T13:00:00.000Z');
    expect(nov?.dueAt).toBe('2026-11-01T14:00:00.000Z');
  });

  it('delivery notices are 09:00 local in either zone for the same promised date', () => {
    const facts = order({ promisedDelivery: '2026-03-15' });
    expect(remindersForOrder(facts, shanghai)[0]?.dueAt).toBe('2026-03-08T01:00:00.000Z');
    expect(remindersForOrder(facts, newYork)[0]?.dueAt).toBe('2026-03-08T13:00:00.000Z');
  });

  it('after-sales months count on the New York calendar: 22:00 on 30 Nov is 1 Dec in UTC', () => {
    const facts = order({ status: 'delivered', deliveredAt: '2026-12-01T03:00:00.000Z' });
    expect(remindersForOrder(facts, newYork)[0]?.dueAt).toBe('2027-02-28T14:00:00.000Z');
    // The same instant is already 1 December in Shanghai
    expect(remindersForOrder(facts, shanghai)[0]?.dueAt).toBe('2027-03-01T01:00:00.000Z');
  });
});

describe('day-count reminders keep the wall-clock time across DST', () => {
  it('a 15:00 New York contact three days before the change is followed up at 15:00 (71 hours later)', () => {
    const [r] = remindersForLead(
      lead({ receivedAt: '2026-03-01T20:00:00.000Z', lastCustomerContactAt: '2026-03-06T20:00:00.000Z' }),
      newYork,
    );
    expect(r?.dueAt).toBe('2026-03-09T19:00:00.000Z');
    expect(localTimeOf(r!.dueAt, 'America/New_York')).toBe('15:00');
  });
});
