import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideOnPipeline,
  gateMayRun,
  OPPORTUNITY_CHANNELS,
  type OpportunityFacts,
  pipelineFor,
  type ResolvedPipeline,
} from '../../src/index.js';
import { opportunityEventsOver, opportunityFactsArb, pipelineArb } from './arbitraries.js';

const builtIn = fc
  .constantFrom(...OPPORTUNITY_CHANNELS)
  .map((channel): ResolvedPipeline => ({ channel, version: 0, stages: pipelineFor(channel) }));

/** A pipeline, one of its stages (or a made-up one), an event over its stage ids and facts. */
const decisionArb = fc.oneof(builtIn, pipelineArb).chain((pipeline) => {
  const ids = [...pipeline.stages.map((s) => s.id), 'bogus'];
  return fc.record({
    pipeline: fc.constant(pipeline),
    stage: fc.constantFrom(...ids),
    event: opportunityEventsOver(ids),
    facts: opportunityFactsArb,
  });
});

// A stage move skips counting the deal's orders when `gateMayRun` says no gate it can check reads
// them; these hold that the count could not have changed the decision.
describe('gateMayRun — which facts a decision can read', () => {
  it('where noOrder cannot run, the decision is the same with and without an order', () => {
    fc.assert(
      fc.property(decisionArb, ({ pipeline, stage, event, facts }) => {
        if (gateMayRun(pipeline, stage, event.type, 'noOrder')) return;
        const withOrder: OpportunityFacts = { ...facts, hasOrder: true };
        const without: OpportunityFacts = { ...facts, hasOrder: false };
        expect(decideOnPipeline(pipeline, stage, withOrder, event)).toEqual(
          decideOnPipeline(pipeline, stage, without, event),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('says yes where an order decides: reopening a won deal, entering a stage a tenant gated on it', () => {
    for (const channel of OPPORTUNITY_CHANNELS) {
      const pipeline: ResolvedPipeline = { channel, version: 0, stages: pipelineFor(channel) };
      expect(gateMayRun(pipeline, 'won', 'REOPEN', 'noOrder')).toBe(true);
      expect(gateMayRun(pipeline, 'lost', 'REOPEN', 'noOrder')).toBe(false);
      const first = pipeline.stages[0]!.id;
      expect(gateMayRun(pipeline, first, 'ADVANCE', 'noOrder')).toBe(false);
    }
    let decidedByOrder = 0;
    // Won deals reopened often enough that an order decides some of the runs.
    const reopenWon = decisionArb.map((d) => (d.event.type === 'REOPEN' ? { ...d, stage: 'won' } : d));
    fc.assert(
      fc.property(reopenWon, ({ pipeline, stage, event, facts }) => {
        // Wherever an order changes the decision, the gate was reported as one that may run.
        const withOrder = decideOnPipeline(pipeline, stage, { ...facts, hasOrder: true }, event);
        const without = decideOnPipeline(pipeline, stage, { ...facts, hasOrder: false }, event);
        if (JSON.stringify(withOrder) !== JSON.stringify(without)) {
          decidedByOrder++;
          expect(gateMayRun(pipeline, stage, event.type, 'noOrder')).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
    expect(decidedByOrder).toBeGreaterThan(0);
  });

  it('an unknown channel assumes nothing', () => {
    const pipeline = { channel: 'bogus', version: 0, stages: [] } as unknown as ResolvedPipeline;
    expect(gateMayRun(pipeline, 'qualification', 'ADVANCE', 'noOrder')).toBe(true);
  });
});
