import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Channel } from '../../src/domain/enums.js';
import {
  type Decision,
  decideOpportunity,
  isOpportunityOpen,
  OPPORTUNITY_CHANNELS,
  type OpportunityEvent,
  type OpportunityFacts,
  type OpportunityStage,
  pipelineFor,
} from '../../src/index.js';
import {
  isBlank,
  opportunityEventArb,
  opportunityFactsArb,
  readyOpportunityFactsArb,
  run,
  stepsArb,
} from './arbitraries.js';

const KEY_ACCOUNT_PRESALES_STAGES: readonly OpportunityStage[] = ['solution', 'bid', 'negotiation', 'won'];
const channelArb = fc.constantFrom(...OPPORTUNITY_CHANNELS);

/** The rules every single decision must respect, whatever led up to it. */
function expectLegal(
  channel: Channel,
  decision: Decision<OpportunityStage>,
  facts: OpportunityFacts,
  event: OpportunityEvent,
): void {
  if (!decision.ok) {
    expect(isBlank(decision.reason)).toBe(false);
    return;
  }
  const order = pipelineFor(channel).map((s) => s.id);
  expect(order).toContain(decision.to);
  if (!isOpportunityOpen(decision.from)) {
    expect(event.type).toBe('REOPEN');
    if (decision.from === 'won') expect(facts.hasOrder).toBe(false);
  }
  if (event.type === 'ADVANCE' || event.type === 'RETREAT') {
    const step = order.indexOf(decision.to) - order.indexOf(decision.from);
    expect(event.type === 'ADVANCE' ? step > 0 : step < 0).toBe(true);
    expect(isOpportunityOpen(decision.to)).toBe(true);
  }
  if (decision.to === 'won') {
    expect(facts.lineCount).toBeGreaterThanOrEqual(1);
    expect(facts.amountMinor).toBeGreaterThan(0);
  }
  if (decision.to === 'lost') {
    expect(event.type).toBe('LOSE');
    expect(isBlank((event as { reason: string }).reason)).toBe(false);
  }
  if (channel === 'key_account' && KEY_ACCOUNT_PRESALES_STAGES.includes(decision.to)) {
    expect(facts.teamRoles).toContain('presales');
  }
  if (channel === 'key_account' && ['bid', 'negotiation'].includes(decision.to)) {
    expect(facts.lineCount).toBeGreaterThanOrEqual(1);
  }
}

describe('opportunity lifecycle properties', () => {
  it('never reaches an illegal stage from any run of events, in any channel', () => {
    fc.assert(
      fc.property(channelArb, stepsArb(readyOpportunityFactsArb, opportunityEventArb), (channel, steps) => {
        const decide = (stage: OpportunityStage, facts: OpportunityFacts, event: OpportunityEvent) =>
          decideOpportunity(channel, stage, facts, event);
        for (const { decision, facts, event } of run('qualification', steps, decide).visits) {
          expectLegal(channel, decision, facts, event);
        }
      }),
    );
  });

  it('decides legally from every stage of every pipeline with any facts', () => {
    const startArb = channelArb.chain((channel) =>
      fc.tuple(fc.constant(channel), fc.constantFrom(...pipelineFor(channel).map((s) => s.id))),
    );
    fc.assert(
      fc.property(startArb, opportunityFactsArb, opportunityEventArb, ([channel, stage], facts, event) => {
        expectLegal(channel, decideOpportunity(channel, stage, facts, event), facts, event);
      }),
      { numRuns: 2000 },
    );
  });
});
