import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type Crm,
  type DistributionStage,
  type KeyAccountStage,
  OPPORTUNITY_STAGES,
  type OpenStageOf,
  type Opportunity,
  type OpportunityStage,
  pipelineFor,
  type StageOf,
  type User,
  type WirelessStage,
} from '../../src/index.js';

/**
 * The stage ids of each pipeline are types read off `PIPELINE_TEMPLATES`. The calls below are never
 * run: `npm run typecheck` compiles them, and every `@ts-expect-error` fails the build if the line
 * under it ever compiles — a wrong stage id must stay a compile error.
 */
async function stageMovesTheCompilerChecks(crm: Crm, jia: User, accountId: string, leadId: string) {
  const deal = await crm.opportunities.create(jia, {
    name: '恒通仓储条码项目',
    accountId,
    channel: 'key_account',
  });
  expectTypeOf(deal.channel).toEqualTypeOf<'key_account'>();
  await crm.opportunities.advance(jia, deal, { to: 'bid' });
  // @ts-expect-error key-account projects bid; they have no 'proposal' stage
  await crm.opportunities.advance(jia, deal, { to: 'proposal' });
  // @ts-expect-error a deal is marked won with `win`, not moved there
  await crm.opportunities.advance(jia, deal, { to: 'won' });
  await crm.opportunities.retreat(jia, deal, { to: 'solution' });
  // @ts-expect-error 'demo' is a wireless stage
  await crm.opportunities.retreat(jia, deal, { to: 'demo' });
  await crm.opportunities.reopen(jia, deal, { to: 'negotiation' });
  // @ts-expect-error a typo is caught on the deal's own pipeline
  await crm.opportunities.reopen(jia, deal, { to: 'negotation' });

  // The result keeps the channel, so a chain of moves stays checked.
  const advanced = await crm.opportunities.advance(jia, deal, { to: 'needs_analysis' });
  expectTypeOf(advanced.channel).toEqualTypeOf<'key_account'>();
  // @ts-expect-error still a key-account deal
  await crm.opportunities.advance(jia, advanced, { to: 'proposal' });

  // A bare id names no channel: any pipeline's stage id compiles, a typo still does not.
  const byId = await crm.opportunities.advance(jia, deal.id, { to: 'proposal' });
  expectTypeOf(byId).toEqualTypeOf<Opportunity>();
  // @ts-expect-error 'proposl' is no stage of any pipeline
  await crm.opportunities.advance(jia, deal.id, { to: 'proposl' });

  // A deal as `get` returns it has any channel: the open stages of every pipeline compile.
  const stored = await crm.opportunities.get(jia, deal.id);
  await crm.opportunities.advance(jia, stored, { to: 'demo' });
  // @ts-expect-error closed stages are reached with win and lose
  await crm.opportunities.advance(jia, stored, { to: 'lost' });

  // Converting a lead into a new deal keeps the channel it names.
  const { opportunity } = await crm.leads.convert(jia, leadId, { channel: 'wireless' });
  expectTypeOf(opportunity.channel).toEqualTypeOf<'wireless'>();
  await crm.opportunities.advance(jia, opportunity, { to: 'demo' });
  // @ts-expect-error wireless deals have no bid stage
  await crm.opportunities.advance(jia, opportunity, { to: 'bid' });
  // Merged into an existing deal, the deal keeps its own channel, so none is promised.
  const merged = await crm.leads.convert(jia, leadId, { channel: 'wireless', opportunityId: deal.id });
  expectTypeOf(merged.opportunity.channel).toEqualTypeOf<Opportunity['channel']>();
}

describe('stage ids typed per pipeline', () => {
  it('derives each channel’s stage union from its template, in pipeline order', () => {
    const keyAccount: KeyAccountStage[] = pipelineFor('key_account').map((s) => s.id);
    const distribution: DistributionStage[] = pipelineFor('distribution').map((s) => s.id);
    const wireless: WirelessStage[] = pipelineFor('wireless').map((s) => s.id);
    expect(keyAccount).toEqual([
      'qualification',
      'needs_analysis',
      'solution',
      'bid',
      'negotiation',
      'won',
      'lost',
    ]);
    expect(distribution).toEqual(['qualification', 'proposal', 'negotiation', 'won', 'lost']);
    expect(wireless).toEqual(['qualification', 'demo', 'proposal', 'negotiation', 'won', 'lost']);

    expectTypeOf<KeyAccountStage>().toEqualTypeOf<
      'qualification' | 'needs_analysis' | 'solution' | 'bid' | 'negotiation' | 'won' | 'lost'
    >();
    expectTypeOf<DistributionStage>().toEqualTypeOf<
      'qualification' | 'proposal' | 'negotiation' | 'won' | 'lost'
    >();
    expectTypeOf<OpenStageOf<'wireless'>>().toEqualTypeOf<
      'qualification' | 'demo' | 'proposal' | 'negotiation'
    >();
    expectTypeOf(stageMovesTheCompilerChecks).toBeFunction();
  });

  it('uses every id of the stage vocabulary in some pipeline, and no other', () => {
    // Both directions: the vocabulary (persisted stages, report order) and the templates agree.
    expectTypeOf<StageOf<'key_account' | 'distribution' | 'wireless'>>().toEqualTypeOf<OpportunityStage>();
    const used = new Set(
      (['key_account', 'distribution', 'wireless'] as const).flatMap((c) => pipelineFor(c).map((s) => s.id)),
    );
    expect([...used].sort()).toEqual([...OPPORTUNITY_STAGES].sort());
  });
});
