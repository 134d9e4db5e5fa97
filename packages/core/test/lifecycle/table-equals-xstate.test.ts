import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import {
  ACTIVITY_STATUSES,
  activityMachine,
  compilePipelineMachine,
  type Decision,
  decideActivity,
  decideLead,
  decideOpportunity,
  decideOrder,
  decideServiceCase,
  LEAD_STATUSES,
  leadMachine,
  OPPORTUNITY_CHANNELS,
  type OpportunityStage,
  ORDER_STATUSES,
  opportunityMachines,
  orderMachine,
  pipelineFor,
  SERVICE_CASE_STATUSES,
  serviceCaseMachine,
} from '../../src/index.js';
import { decideByXstate } from '../../src/lifecycle/compile-machine.js';
import {
  activityEventArb,
  activityFactsArb,
  leadEventArb,
  leadFactsArb,
  opportunityEventArb,
  opportunityEventsOver,
  opportunityFactsArb,
  orderEventArb,
  orderFactsArb,
  pipelineArb,
  readyOpportunityFactsArb,
  serviceCaseEventArb,
  serviceCaseFactsArb,
} from './arbitraries.js';

/**
 * `decide` walks the machine's configuration as a table instead of running an xstate macrostep.
 * These properties hold it equal to xstate's own `transition` on the same machine, decision for
 * decision (target, effects and their parameters, refusal reason and gate), for every state of
 * every machine with arbitrary facts and events: the xstate definition stays what decides.
 */
function sameAsXstate<S extends string, F, E extends { type: string }>(
  machine: AnyStateMachine,
  states: readonly S[],
  facts: fc.Arbitrary<F>,
  events: fc.Arbitrary<E>,
  decide: (state: S, facts: F, event: E) => Decision<S>,
  numRuns = 60,
): void {
  for (const state of states) {
    fc.assert(
      fc.property(facts, events, (f, event) => {
        expect(decide(state, f, event)).toEqual(decideByXstate(machine, state, f, event));
      }),
      { seed: 20261205, numRuns },
    );
  }
}

describe('lifecycle decisions: the table walk equals xstate', () => {
  it('lead', () => {
    sameAsXstate(leadMachine, LEAD_STATUSES, leadFactsArb, leadEventArb, decideLead);
  });

  it('order', () => {
    sameAsXstate(orderMachine, ORDER_STATUSES, orderFactsArb, orderEventArb, decideOrder);
  });

  it('service case', () => {
    sameAsXstate(
      serviceCaseMachine,
      SERVICE_CASE_STATUSES,
      serviceCaseFactsArb,
      serviceCaseEventArb,
      decideServiceCase,
    );
  });

  it('activity', () => {
    sameAsXstate(activityMachine, ACTIVITY_STATUSES, activityFactsArb, activityEventArb, decideActivity);
  });

  it.each(OPPORTUNITY_CHANNELS)('opportunity, %s pipeline', (channel) => {
    const stages = pipelineFor(channel).map((s) => s.id as OpportunityStage);
    const facts = fc.oneof(opportunityFactsArb, readyOpportunityFactsArb);
    sameAsXstate(opportunityMachines[channel], stages, facts, opportunityEventArb, (stage, f, event) =>
      decideOpportunity(channel, stage, f, event),
    );
  });

  it("a tenant's own pipeline", () => {
    fc.assert(
      fc.property(pipelineArb, ({ channel, stages }) => {
        const compiled = compilePipelineMachine('opportunity.tenant', channel, stages);
        const all = stages.map((s) => s.id as OpportunityStage);
        sameAsXstate(
          compiled.machine,
          all,
          fc.oneof(opportunityFactsArb, readyOpportunityFactsArb),
          opportunityEventsOver([...all, 'bogus']),
          (stage, f, event) => compiled.decide(stage, f, event),
          15,
        );
      }),
      { seed: 20261205, numRuns: 25 },
    );
  });
});
