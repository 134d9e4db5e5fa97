import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_STATUSES,
  type ActivityEvent,
  type ActivityFacts,
  type ActivityStatus,
  decideActivity,
  isActivityOpen,
  isActivityTerminal,
  OUTCOME_REQUIRED_KINDS,
} from '../../src/index.js';
import { activityEventArb, activityFactsArb, isBlank, run, stepsArb } from './arbitraries.js';

describe('activity lifecycle properties', () => {
  it('completes customer-facing activities only with an outcome, and never leaves a final status', () => {
    fc.assert(
      fc.property(stepsArb(activityFactsArb, activityEventArb), (steps) => {
        const { visits } = run<ActivityStatus, ActivityFacts, ActivityEvent>(
          'scheduled',
          steps,
          decideActivity,
        );
        for (const { decision, facts } of visits) {
          if (!decision.ok) {
            expect(isBlank(decision.reason)).toBe(false);
            continue;
          }
          expect(ACTIVITY_STATUSES).toContain(decision.to);
          expect(decision.from).toBe('scheduled');
          if (decision.to === 'completed' && OUTCOME_REQUIRED_KINDS.includes(facts.kind)) {
            expect(facts.hasOutcome).toBe(true);
          }
        }
      }),
    );
  });
});

describe('activity examples', () => {
  it('lets tasks and emails complete without an outcome, and reschedules in place', () => {
    expect(decideActivity('scheduled', { kind: 'task', hasOutcome: false }, { type: 'COMPLETE' })).toEqual({
      ok: true,
      from: 'scheduled',
      to: 'completed',
      effects: [{ type: 'frozen' }],
    });
    expect(decideActivity('scheduled', { kind: 'email', hasOutcome: false }, { type: 'COMPLETE' }).ok).toBe(
      true,
    );
    expect(decideActivity('scheduled', { kind: 'visit', hasOutcome: false }, { type: 'RESCHEDULE' })).toEqual(
      {
        ok: true,
        from: 'scheduled',
        to: 'scheduled',
        effects: [],
      },
    );
  });

  it.each<[ActivityStatus, ActivityFacts, ActivityEvent, string]>([
    [
      'scheduled',
      { kind: 'demo_loan', hasOutcome: false },
      { type: 'COMPLETE' },
      'needs the outcome logged: who was met, what they thought, what they asked for',
    ],
    [
      'completed',
      { kind: 'call', hasOutcome: true },
      { type: 'RESCHEDULE' },
      'the activity is already completed',
    ],
    [
      'cancelled',
      { kind: 'call', hasOutcome: true },
      { type: 'COMPLETE' },
      'the activity was cancelled; schedule a new one instead',
    ],
  ])('refuses %s --%j--> with its reason', (from, facts, event, reason) => {
    expect(decideActivity(from, facts, event)).toMatchObject({ ok: false, from, event: event.type, reason });
  });

  it('classifies statuses', () => {
    expect(ACTIVITY_STATUSES.filter(isActivityOpen)).toEqual(['scheduled']);
    expect(ACTIVITY_STATUSES.filter(isActivityTerminal)).toEqual(['completed', 'cancelled']);
  });
});
