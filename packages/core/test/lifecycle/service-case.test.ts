import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideServiceCase,
  isServiceCaseOpen,
  isServiceCaseTerminal,
  SERVICE_CASE_STATUSES,
  type ServiceCaseEvent,
  type ServiceCaseFacts,
  type ServiceCaseStatus,
} from '../../src/index.js';
import { isBlank, run, serviceCaseEventArb, serviceCaseFactsArb, stepsArb } from './arbitraries.js';

const repair: ServiceCaseFacts = { kind: 'repair' };

describe('service case lifecycle properties', () => {
  it('never reaches an illegal status from any run of events', () => {
    fc.assert(
      fc.property(stepsArb(serviceCaseFactsArb, serviceCaseEventArb), (steps) => {
        const { visits } = run<ServiceCaseStatus, ServiceCaseFacts, ServiceCaseEvent>(
          'open',
          steps,
          decideServiceCase,
        );
        for (const { decision, facts, event } of visits) {
          if (!decision.ok) {
            expect(isBlank(decision.reason)).toBe(false);
            continue;
          }
          expect(SERVICE_CASE_STATUSES).toContain(decision.to);
          expect(decision.from).not.toBe('closed');
          if (decision.to === 'resolved') {
            expect(isBlank((event as { resolution: string }).resolution)).toBe(false);
            if (decision.from === 'diagnosing') expect(facts.kind).toBe('maintenance');
          }
          if (decision.to === 'closed') expect(decision.from).toBe('resolved');
        }
      }),
    );
  });
});

describe('service case single decisions', () => {
  it('from any status with any facts, resolves only with a resolution and never leaves closed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SERVICE_CASE_STATUSES),
        serviceCaseFactsArb,
        serviceCaseEventArb,
        (s, f, e) => {
          const decision = decideServiceCase(s, f, e);
          if (!decision.ok) {
            expect(isBlank(decision.reason)).toBe(false);
            return;
          }
          expect(s).not.toBe('closed');
          expect(SERVICE_CASE_STATUSES).toContain(decision.to);
          if (decision.to === 'resolved')
            expect(isBlank((e as { resolution: string }).resolution)).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('service case examples', () => {
  it('walks a repair from open to closed and can reopen a resolved case', () => {
    let status: ServiceCaseStatus = 'open';
    for (const event of [
      { type: 'DIAGNOSE' },
      { type: 'REPAIR' },
      { type: 'RESOLVE', resolution: 'replaced the scan engine' },
    ] as const) {
      const d = decideServiceCase(status, repair, event);
      if (!d.ok) throw new Error(d.reason);
      status = d.to;
    }
    expect(status).toBe('resolved');
    expect(decideServiceCase('resolved', repair, { type: 'REOPEN' })).toMatchObject({
      ok: true,
      to: 'diagnosing',
      effects: [{ type: 'reopened' }],
    });
    expect(decideServiceCase('resolved', repair, { type: 'CLOSE' })).toMatchObject({
      ok: true,
      to: 'closed',
    });
    expect(decideServiceCase('repair', repair, { type: 'REPLACE' })).toMatchObject({
      ok: true,
      to: 'replacement',
    });
    expect(
      decideServiceCase('diagnosing', { kind: 'maintenance' }, { type: 'RESOLVE', resolution: 'cleaned' }),
    ).toEqual({
      ok: true,
      from: 'diagnosing',
      to: 'resolved',
      effects: [{ type: 'resolved', resolution: 'cleaned' }],
    });
  });

  it.each<[ServiceCaseStatus, ServiceCaseFacts, ServiceCaseEvent, string]>([
    [
      'repair',
      repair,
      { type: 'RESOLVE', resolution: ' ' },
      'needs a resolution describing what was done for the customer',
    ],
    [
      'diagnosing',
      repair,
      { type: 'RESOLVE', resolution: 'fixed' },
      'a repair or replacement case is resolved only after the repair or replacement',
    ],
    ['closed', repair, { type: 'REOPEN' }, 'the case is closed; open a new case instead'],
    ['repair', repair, { type: 'REOPEN' }, 'only a resolved case can be reopened'],
    ['resolved', repair, { type: 'REPAIR' }, 'the case is resolved; reopen it first'],
    ['open', repair, { type: 'REPAIR' }, 'the case must be diagnosed first'],
    ['diagnosing', repair, { type: 'DIAGNOSE' }, 'the case is already being diagnosed'],
    ['repair', repair, { type: 'DIAGNOSE' }, 'the case is already diagnosed'],
    ['diagnosing', repair, { type: 'CLOSE' }, 'the case must be resolved before it is closed'],
    ['replacement', repair, { type: 'REPAIR' }, 'the unit is already being replaced'],
    ['repair', repair, { type: 'REPAIR' }, 'the unit is already being repaired'],
  ])('refuses %s --%j--> with its reason', (from, facts, event, reason) => {
    expect(decideServiceCase(from, facts, event)).toMatchObject({
      ok: false,
      from,
      event: event.type,
      reason,
    });
  });

  it('classifies statuses', () => {
    expect(SERVICE_CASE_STATUSES.filter(isServiceCaseTerminal)).toEqual(['closed']);
    expect(SERVICE_CASE_STATUSES.filter(isServiceCaseOpen)).toEqual([
      'open',
      'diagnosing',
      'repair',
      'replacement',
    ]);
  });
});
