import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_TRANSITIONS,
  type Decision,
  decideActivity,
  decideLead,
  decideOpportunity,
  decideOrder,
  decideServiceCase,
  LEAD_TRANSITIONS,
  MACHINES,
  OPPORTUNITY_CHANNELS,
  OPPORTUNITY_TRANSITIONS,
  ORDER_TRANSITIONS,
  pipelineFor,
  SERVICE_CASE_TRANSITIONS,
} from '../../src/index.js';
import {
  activityEventArb,
  activityFactsArb,
  leadEventArb,
  leadFactsArb,
  opportunityEventsOver,
  orderEventArb,
  orderFactsArb,
  readyOpportunityFactsArb,
  run,
  serviceCaseEventArb,
  serviceCaseFactsArb,
  stepsArb,
} from './arbitraries.js';

interface Declared {
  from: string;
  event: string;
  to: string;
}
const key = (r: Declared) => `${r.from} -${r.event}-> ${r.to}`;

/**
 * Walks generated runs from the machine's initial state and records every accepted move. Seeded,
 * so a missing row is a real gap in the generators or the table, not bad luck.
 */
function hits<S extends string, F, E extends { type: string }>(
  initial: S,
  facts: fc.Arbitrary<F>,
  events: fc.Arbitrary<E>,
  decide: (state: S, facts: F, event: E) => Decision<S>,
): Set<string> {
  const seen = new Set<string>();
  fc.assert(
    fc.property(stepsArb(facts, events, { minLength: 30, maxLength: 60 }), (steps) => {
      for (const { decision, event } of run(initial, steps, decide).visits) {
        if (decision.ok) seen.add(key({ from: decision.from, event: event.type, to: decision.to }));
      }
    }),
    { seed: 20240601, numRuns: 80 },
  );
  return seen;
}

function expectCovered(table: readonly Declared[], seen: Set<string>): void {
  const declared = table.map(key);
  expect(new Set(declared).size, 'rows are unique by (from, event, to)').toBe(declared.length);
  expect(
    declared.filter((k) => !seen.has(k)),
    'declared but never taken',
  ).toEqual([]);
  expect(
    [...seen].filter((k) => !declared.includes(k)),
    'taken but not declared',
  ).toEqual([]);
}

describe('every declared transition is taken, and nothing undeclared is', () => {
  it('lead', () => {
    expectCovered(LEAD_TRANSITIONS, hits(MACHINES.lead.initial, leadFactsArb, leadEventArb, decideLead));
  });

  it.each(OPPORTUNITY_CHANNELS)('opportunity (%s)', (channel) => {
    const events = opportunityEventsOver(pipelineFor(channel).map((s) => s.id));
    const seen = hits(MACHINES.opportunity.initial, readyOpportunityFactsArb, events, (s, f, e) =>
      decideOpportunity(channel, s, f, e),
    );
    expectCovered(OPPORTUNITY_TRANSITIONS[channel], seen);
  });

  it('order', () => {
    expectCovered(ORDER_TRANSITIONS, hits(MACHINES.order.initial, orderFactsArb, orderEventArb, decideOrder));
  });

  it('service case', () => {
    const seen = hits(
      MACHINES.service_case.initial,
      serviceCaseFactsArb,
      serviceCaseEventArb,
      decideServiceCase,
    );
    expectCovered(SERVICE_CASE_TRANSITIONS, seen);
  });

  it('activity', () => {
    expectCovered(
      ACTIVITY_TRANSITIONS,
      hits(MACHINES.activity.initial, activityFactsArb, activityEventArb, decideActivity),
    );
  });
});
