import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideOnPipeline,
  issueMessage,
  OPPORTUNITY_CHANNELS,
  OPPORTUNITY_GATES,
  type OpportunityEvent,
  type OpportunityFacts,
  pipelineFor,
  pipelineStagesSchema,
  renderBuiltIn,
} from '../../src/index.js';
import { isBlank, opportunityEventsOver, pipelineArb, readyOpportunityFactsArb } from './arbitraries.js';

/** Runs per property; `GONGFU_PIPELINE_RUNS=2000` digs deeper. */
const RUNS = Number(process.env.GONGFU_PIPELINE_RUNS ?? 80);

const gate = (id: string) => OPPORTUNITY_GATES.find((g) => g.id === id)!;

/** The configured pipeline, a walk of (facts, event) steps over its own ids and a made-up one. */
const walkArb = pipelineArb.chain((pipeline) =>
  fc.tuple(
    fc.constant(pipeline),
    fc.array(
      fc.tuple(
        readyOpportunityFactsArb,
        opportunityEventsOver([...pipeline.stages.map((s) => s.id), 'bogus']),
      ),
      { maxLength: 30 },
    ),
  ),
);

function firstFailingGate(gates: readonly string[], facts: OpportunityFacts, event: OpportunityEvent) {
  return gates.find((id) => !gate(id).check(facts, event));
}

describe('generated tenant pipelines', () => {
  it('the built-in templates are valid configurations', () => {
    for (const channel of OPPORTUNITY_CHANNELS)
      expect(pipelineStagesSchema.safeParse(pipelineFor(channel)).success).toBe(true);
  });

  it('keep the lifecycle invariants: known states only, closed stays closed unless reopened, gates hold and explain refusals', () => {
    fc.assert(
      fc.property(walkArb, ([pipeline, steps]) => {
        const ids = pipeline.stages.map((s) => s.id);
        const open = pipeline.stages.filter((s) => s.kind === 'open').map((s) => s.id);
        let stage = ids[0]!;
        for (const [facts, event] of steps) {
          const decision = decideOnPipeline(pipeline, stage, facts, event);
          if (!decision.ok) {
            expect(isBlank(decision.reason)).toBe(false);
            const target = (event as { to?: string }).to;
            // A move to a known later open stage is refused by its first failing gate, in its words.
            if (
              event.type === 'ADVANCE' &&
              open.includes(stage) &&
              target !== undefined &&
              open.indexOf(target) > open.indexOf(stage)
            ) {
              const blocking = firstFailingGate(
                pipeline.stages.find((s) => s.id === target)!.entryGates,
                facts,
                event,
              );
              expect(blocking).toBeDefined();
              // The refusal names the first failing gate: by id, and by its keyed, translatable reason.
              expect(decision.gate).toBe(blocking);
              expect(decision.reasonDetail).toEqual(gate(blocking!).reason);
            }
            continue;
          }
          expect(ids).toContain(decision.to);
          const to = pipeline.stages.find((s) => s.id === decision.to)!;
          if (stage === 'won' || stage === 'lost') {
            expect(event.type).toBe('REOPEN');
            expect(to.kind).toBe('open');
            if (stage === 'won') expect(facts.hasOrder).toBe(false);
          }
          if (event.type === 'ADVANCE' || event.type === 'RETREAT') {
            const step = open.indexOf(decision.to) - open.indexOf(stage);
            expect(event.type === 'ADVANCE' ? step > 0 : step < 0).toBe(true);
          }
          if (event.type === 'WIN') expect(decision.to).toBe('won');
          if (event.type === 'LOSE') {
            expect(decision.to).toBe('lost');
            expect(isBlank((event as { reason: string }).reason)).toBe(false);
          }
          // Whatever moved the deal into a stage, that stage's entry gates held.
          for (const id of to.entryGates) expect(gate(id).check(facts, event)).toBe(true);
          stage = decision.to;
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('configurations that break the shape are refused with the reason', () => {
    const won = { id: 'won', label: 'Won', probability: 100, forecastCategory: 'closed', kind: 'won' };
    const lost = { id: 'lost', label: 'Lost', probability: 0, forecastCategory: 'omitted', kind: 'lost' };
    const stage = (id: string) => ({
      id,
      label: id,
      probability: 10,
      forecastCategory: 'pipeline',
      staleAfterDays: 14,
      kind: 'open',
    });
    const messages = (stages: unknown) =>
      (pipelineStagesSchema.safeParse(stages).error?.issues ?? []).map((i) => {
        // A schema's own sentence is a message key with its parameters, rendered in English here.
        const said = issueMessage(i);
        return typeof said === 'string' ? said : renderBuiltIn(said);
      });
    expect(messages([stage('a'), won, lost])).toEqual([]);
    expect(messages([won, stage('a'), lost])).toContain('a pipeline starts with at least one open stage');
    expect(messages([stage('a'), won, stage('b'), lost])).toContain(
      'open stages come before the won and lost stages',
    );
    expect(messages([stage('a'), stage('a'), won, lost])).toContain('stage a is named twice');
    expect(messages([stage('a'), stage('b'), lost])).toContain('a pipeline has exactly one won stage');
    expect(messages([stage('a'), { ...won, entryGates: ['vip'] }, lost]).length).toBeGreaterThan(0);
  });
});
