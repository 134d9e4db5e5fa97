import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertDecision,
  decideLead,
  isLeadOpen,
  isLeadTerminal,
  LEAD_STATUSES,
  type LeadEvent,
  type LeadFacts,
  type LeadStatus,
} from '../../src/index.js';
import { isCrmError } from '../../src/kernel/errors.js';
import { isBlank, leadEventArb, leadFactsArb, run, stepsArb } from './arbitraries.js';

const ready: LeadFacts = { hasCompany: true, hasContact: true };

describe('lead lifecycle properties', () => {
  it('never reaches an illegal state from any run of events', () => {
    fc.assert(
      fc.property(stepsArb(leadFactsArb, leadEventArb), (steps) => {
        const { visits } = run<LeadStatus, LeadFacts, LeadEvent>('new', steps, decideLead);
        for (const { decision, facts, event } of visits) {
          if (!decision.ok) {
            expect(isBlank(decision.reason)).toBe(false);
            continue;
          }
          expect(LEAD_STATUSES).toContain(decision.to);
          expect(decision.from).not.toBe('converted');
          if (decision.to === 'converted') {
            expect(facts.hasCompany && facts.hasContact).toBe(true);
            expect(['working', 'qualified']).toContain(decision.from);
          }
          if (event.type === 'DISQUALIFY') expect(isBlank(event.reason)).toBe(false);
        }
      }),
    );
  });

  it('from any status with any facts, converts only a worked lead with company and contact', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LEAD_STATUSES), leadFactsArb, leadEventArb, (status, facts, event) => {
        const decision = decideLead(status, facts, event);
        if (!decision.ok) {
          expect(isBlank(decision.reason)).toBe(false);
          return;
        }
        expect(LEAD_STATUSES).toContain(decision.to);
        if (decision.to === 'converted') expect(facts.hasCompany && facts.hasContact).toBe(true);
        if (status === 'converted') expect.unreachable('a converted lead accepted an event');
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a converted lead frozen whatever happens next', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ facts: leadFactsArb, event: leadEventArb })), (steps) => {
        const { final, visits } = run<LeadStatus, LeadFacts, LeadEvent>('converted', steps, decideLead);
        expect(final).toBe('converted');
        for (const { decision } of visits) {
          expect(decision).toMatchObject({
            ok: false,
            reason: 'the lead was converted; work on the opportunity instead',
          });
        }
      }),
    );
  });
});

describe('lead lifecycle examples', () => {
  it('moves a new lead to working on first contact and resets the follow-up clock', () => {
    expect(decideLead('new', ready, { type: 'CONTACT' })).toEqual({
      ok: true,
      from: 'new',
      to: 'working',
      effects: [{ type: 'followUpReset' }],
    });
    expect(decideLead('qualified', ready, { type: 'CONTACT' })).toMatchObject({ ok: true, to: 'qualified' });
  });

  it('converts a qualified lead and freezes it', () => {
    expect(decideLead('qualified', ready, { type: 'CONVERT' })).toEqual({
      ok: true,
      from: 'qualified',
      to: 'converted',
      effects: [{ type: 'converted' }, { type: 'frozen' }],
    });
  });

  it('recycles disqualified and nurtured leads back to working', () => {
    expect(decideLead('disqualified', ready, { type: 'RECYCLE' })).toMatchObject({ ok: true, to: 'working' });
    expect(decideLead('nurture', ready, { type: 'RECYCLE' })).toMatchObject({ ok: true, to: 'working' });
  });

  it.each<[LeadStatus, LeadFacts, LeadEvent, string]>([
    [
      'working',
      { hasCompany: false, hasContact: true },
      { type: 'CONVERT' },
      'needs the customer company before it can be converted',
    ],
    [
      'qualified',
      { hasCompany: true, hasContact: false },
      { type: 'CONVERT' },
      'needs a contact person before it can be converted',
    ],
    ['working', ready, { type: 'DISQUALIFY', reason: '  ' }, 'needs a reason why the lead is disqualified'],
    ['converted', ready, { type: 'CONTACT' }, 'the lead was converted; work on the opportunity instead'],
    ['disqualified', ready, { type: 'QUALIFY' }, 'the lead was disqualified; recycle it to work on it again'],
    ['working', ready, { type: 'RECYCLE' }, 'only a disqualified or nurtured lead can be recycled'],
    ['qualified', ready, { type: 'QUALIFY' }, 'the lead is already qualified'],
    ['nurture', ready, { type: 'NURTURE' }, 'the lead is already being nurtured'],
    ['nurture', ready, { type: 'CONVERT' }, 'the lead is being nurtured; recycle it to work on it again'],
    ['new', ready, { type: 'CONVERT' }, 'the lead has not been worked yet; contact the customer first'],
    ['bogus' as LeadStatus, ready, { type: 'CONTACT' }, '"bogus" is not a lead status'],
    [
      'new',
      ready,
      { type: 'EXPLODE' } as unknown as LeadEvent,
      '"EXPLODE" is not something that can happen to a lead',
    ],
  ])('refuses %s --%j--> with its reason', (from, facts, event, reason) => {
    expect(decideLead(from, facts, event)).toMatchObject({ ok: false, from, event: event.type, reason });
  });

  it('assertDecision turns a refusal into an InvalidTransitionError', () => {
    const refusal = decideLead('converted', ready, { type: 'QUALIFY' });
    try {
      assertDecision(refusal);
      expect.unreachable();
    } catch (error) {
      expect(isCrmError(error, 'INVALID_TRANSITION')).toBe(true);
      expect(error).toMatchObject({
        from: 'converted',
        event: 'QUALIFY',
        reason: 'the lead was converted; work on the opportunity instead',
      });
    }
    expect(assertDecision(decideLead('new', ready, { type: 'CONTACT' })).to).toBe('working');
  });

  it('classifies statuses', () => {
    expect(LEAD_STATUSES.filter(isLeadTerminal)).toEqual(['converted']);
    expect(LEAD_STATUSES.filter(isLeadOpen)).toEqual(['new', 'working', 'qualified', 'nurture']);
  });
});
