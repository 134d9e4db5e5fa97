import fc from 'fast-check';
import {
  type ActivityEvent,
  type ActivityFacts,
  type Decision,
  type LeadEvent,
  type LeadFacts,
  OPPORTUNITY_CHANNELS,
  OPPORTUNITY_GATE_IDS,
  OPPORTUNITY_STAGES,
  type OpportunityEvent,
  type OpportunityFacts,
  type OpportunityStage,
  type OrderEvent,
  type OrderFacts,
  type PipelineStage,
  pipelineStagesSchema,
  type ResolvedPipeline,
  type ServiceCaseEvent,
  type ServiceCaseFacts,
} from '../../src/index.js';

/** Reasons are blank about a third of the time, so every "needs a reason" gate gets exercised. */
export const reasonArb = fc.oneof(
  fc.constantFrom('', '   ', '\n'),
  fc.constantFrom('price too high', 'lost to a competitor', 'no budget this year'),
  fc.string(),
);

export const leadFactsArb: fc.Arbitrary<LeadFacts> = fc.record({
  hasCompany: fc.boolean(),
  hasContact: fc.boolean(),
});
export const leadEventArb: fc.Arbitrary<LeadEvent> = fc.oneof(
  fc.constantFrom<LeadEvent>(
    { type: 'CONTACT' },
    { type: 'QUALIFY' },
    { type: 'CONVERT' },
    { type: 'NURTURE' },
    { type: 'RECYCLE' },
  ),
  reasonArb.map((reason): LeadEvent => ({ type: 'DISQUALIFY', reason })),
);

export const opportunityFactsArb: fc.Arbitrary<OpportunityFacts> = fc.record({
  lineCount: fc.integer({ min: 0, max: 3 }),
  amountMinor: fc.oneof(fc.constant(0), fc.integer({ min: -100, max: 10_000_000 })),
  teamRoles: fc.subarray(['sales', 'presales', 'service'] as const),
  hasOrder: fc.boolean(),
  endCustomerKnown: fc.boolean(),
});
/**
 * Facts that pass every stage gate most of the time. Key-account deals need presales, lines and an
 * amount to go deep; fully random facts block them so often that late stages are rarely visited.
 */
export const readyOpportunityFactsArb: fc.Arbitrary<OpportunityFacts> = fc.oneof(
  { arbitrary: opportunityFactsArb, weight: 1 },
  {
    arbitrary: fc.record({
      lineCount: fc.integer({ min: 1, max: 3 }),
      amountMinor: fc.integer({ min: 1, max: 10_000_000 }),
      teamRoles: fc.constant(['sales', 'presales'] as const),
      hasOrder: fc.boolean(),
      endCustomerKnown: fc.boolean(),
    }),
    weight: 3,
  },
);
/**
 * Opportunity events whose ADVANCE/RETREAT/REOPEN targets come from `targets`. Moves between open
 * stages are weighted up because each names one target among many, and closing is weighted down.
 */
export function opportunityEventsOver(targets: readonly string[]): fc.Arbitrary<OpportunityEvent> {
  const to = fc.constantFrom(...(targets as readonly OpportunityStage[]));
  return fc.oneof(
    { arbitrary: to.map((t): OpportunityEvent => ({ type: 'ADVANCE', to: t })), weight: 3 },
    { arbitrary: to.map((t): OpportunityEvent => ({ type: 'RETREAT', to: t })), weight: 3 },
    { arbitrary: fc.constant<OpportunityEvent>({ type: 'WIN' }), weight: 1 },
    { arbitrary: reasonArb.map((reason): OpportunityEvent => ({ type: 'LOSE', reason })), weight: 1 },
    {
      arbitrary: fc
        .option(to, { nil: undefined })
        .map((t): OpportunityEvent => (t ? { type: 'REOPEN', to: t } : { type: 'REOPEN' })),
      weight: 2,
    },
  );
}

/** Targets include stages other channels use and a made-up one, to hit the unknown-stage refusals. */
export const opportunityEventArb = opportunityEventsOver([...OPPORTUNITY_STAGES, 'bogus']);

export const orderFactsArb: fc.Arbitrary<OrderFacts> = fc.record({
  lineCount: fc.integer({ min: 0, max: 3 }),
  shippedQuantity: fc.integer({ min: 0, max: 6 }),
  totalQuantity: fc.integer({ min: 0, max: 5 }),
});
/** Cancelling is rare, so runs usually live long enough to ship, deliver and close. */
export const orderEventArb: fc.Arbitrary<OrderEvent> = fc.oneof(
  {
    arbitrary: fc.constantFrom<OrderEvent>(
      { type: 'CONFIRM' },
      { type: 'SHIP' },
      { type: 'DELIVER' },
      { type: 'CLOSE' },
    ),
    weight: 8,
  },
  { arbitrary: reasonArb.map((reason): OrderEvent => ({ type: 'CANCEL', reason })), weight: 1 },
);

export const serviceCaseFactsArb: fc.Arbitrary<ServiceCaseFacts> = fc.record({
  kind: fc.constantFrom('repair', 'replacement', 'maintenance'),
});
export const serviceCaseEventArb: fc.Arbitrary<ServiceCaseEvent> = fc.oneof(
  fc.constantFrom<ServiceCaseEvent>(
    { type: 'DIAGNOSE' },
    { type: 'REPAIR' },
    { type: 'REPLACE' },
    { type: 'CLOSE' },
    { type: 'REOPEN' },
  ),
  reasonArb.map((resolution): ServiceCaseEvent => ({ type: 'RESOLVE', resolution })),
);

export const activityFactsArb: fc.Arbitrary<ActivityFacts> = fc.record({
  kind: fc.constantFrom('call', 'visit', 'meeting', 'demo_loan', 'email', 'task'),
  hasOutcome: fc.boolean(),
});
export const activityEventArb: fc.Arbitrary<ActivityEvent> = fc.constantFrom<ActivityEvent>(
  { type: 'COMPLETE' },
  { type: 'CANCEL' },
  { type: 'RESCHEDULE' },
);

export interface Step<F, E> {
  facts: F;
  event: E;
}

/** A run: arbitrary facts with each event, as the service would see them over a record's life. */
export function stepsArb<F, E>(
  facts: fc.Arbitrary<F>,
  event: fc.Arbitrary<E>,
  length: { minLength?: number; maxLength?: number } = {},
): fc.Arbitrary<Step<F, E>[]> {
  // 'medium' lets runs grow past fast-check's small default (~10), long enough to reach late stages.
  return fc.array(fc.record({ facts, event }), { maxLength: 60, size: 'medium', ...length });
}

export interface Visit<S extends string, F, E> extends Step<F, E> {
  decision: Decision<S>;
}

/** Folds a run through a decide function, keeping every decision so properties can inspect it. */
export function run<S extends string, F, E>(
  initial: S,
  steps: readonly Step<F, E>[],
  decide: (state: S, facts: F, event: E) => Decision<S>,
): { final: S; visits: Visit<S, F, E>[] } {
  let state = initial;
  const visits: Visit<S, F, E>[] = [];
  for (const step of steps) {
    const decision = decide(state, step.facts, step.event);
    visits.push({ ...step, decision });
    if (decision.ok) state = decision.to;
  }
  return { final: state, visits };
}

export const isBlank = (text: string): boolean => text.trim().length === 0;

const gatesArb = fc.subarray([...OPPORTUNITY_GATE_IDS]);
const forecastArb = fc.constantFrom('pipeline', 'best_case', 'commit', 'closed', 'omitted' as const);

/** A tenant's pipeline: 1–8 open stages with their own ids, probabilities, forecasts and gates, then won and lost. */
export const pipelineArb: fc.Arbitrary<ResolvedPipeline> = fc
  .record({
    channel: fc.constantFrom(...OPPORTUNITY_CHANNELS),
    ids: fc.uniqueArray(
      fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/).filter((id) => id !== 'won' && id !== 'lost'),
      { minLength: 1, maxLength: 8 },
    ),
    open: fc.array(
      fc.record({
        probability: fc.integer({ min: 0, max: 100 }),
        forecastCategory: forecastArb,
        staleAfterDays: fc.integer({ min: 1, max: 365 }),
        entryGates: gatesArb,
      }),
      { minLength: 8, maxLength: 8 },
    ),
    wonGates: gatesArb,
  })
  .map(({ channel, ids, open, wonGates }) => {
    const stages = pipelineStagesSchema.parse([
      ...ids.map((id, i) => ({ id, label: id.toUpperCase(), kind: 'open', ...open[i]! })),
      {
        id: 'won',
        label: 'Won',
        probability: 100,
        forecastCategory: 'closed',
        kind: 'won',
        entryGates: wonGates,
      },
      { id: 'lost', label: 'Lost', probability: 0, forecastCategory: 'omitted', kind: 'lost' },
    ]) as PipelineStage<string>[];
    return { channel, version: 1, stages };
  });
