import { describe, expect, it } from 'vitest';
import type { Channel } from '../../src/domain/enums.js';
import {
  decideOpportunity,
  OPPORTUNITY_CHANNELS,
  type OpportunityEvent,
  type OpportunityFacts,
  type OpportunityStage,
  PIPELINE_TEMPLATES,
  pipelineFor,
  stageInfo,
} from '../../src/index.js';

const full: OpportunityFacts = {
  lineCount: 2,
  amountMinor: 12_000_00,
  teamRoles: ['sales', 'presales'],
  hasOrder: false,
  endCustomerKnown: true,
};
const salesOnly: OpportunityFacts = { ...full, teamRoles: ['sales'] };

describe('pipeline templates', () => {
  it('orders each channel as specified, open stages first, then won and lost', () => {
    expect(pipelineFor('key_account').map((s) => s.id)).toMatchObject([
      'qualification',
      'needs_analysis',
      'solution',
      'bid',
      'negotiation',
      'won',
      'lost',
    ]);
    expect(pipelineFor('distribution').map((s) => s.id)).toMatchObject([
      'qualification',
      'proposal',
      'negotiation',
      'won',
      'lost',
    ]);
    expect(pipelineFor('wireless').map((s) => s.id)).toMatchObject([
      'qualification',
      'demo',
      'proposal',
      'negotiation',
      'won',
      'lost',
    ]);
  });

  it.each(OPPORTUNITY_CHANNELS)(
    '%s: probabilities rise through open stages and stale limits exist only while open',
    (c) => {
      const open = PIPELINE_TEMPLATES[c].filter((s) => s.kind === 'open');
      for (const [i, s] of open.entries()) {
        expect(s.probability).toBeGreaterThan(i === 0 ? 0 : open[i - 1]!.probability);
        expect(s.probability).toBeLessThan(100);
        expect(s.staleAfterDays).toBeGreaterThan(0);
      }
      expect(stageInfo(c, 'won')).toMatchObject({
        probability: 100,
        forecastCategory: 'closed',
        staleAfterDays: null,
      });
      expect(stageInfo(c, 'lost')).toMatchObject({
        probability: 0,
        forecastCategory: 'omitted',
        staleAfterDays: null,
      });
    },
  );

  it('answers undefined for a stage the channel does not use', () => {
    expect(stageInfo('distribution', 'bid')).toBeUndefined();
    expect(stageInfo('key_account', 'bid')?.label).toBe('Bid');
  });
});

describe('opportunity decisions', () => {
  it('advances, wins and reports the effects the service must run', () => {
    expect(
      decideOpportunity('key_account', 'needs_analysis', full, { type: 'ADVANCE', to: 'bid' }),
    ).toMatchObject({
      ok: true,
      from: 'needs_analysis',
      to: 'bid',
      effects: [{ type: 'stageEntered', stage: 'bid' }],
    });
    expect(decideOpportunity('distribution', 'qualification', full, { type: 'WIN' })).toMatchObject({
      ok: true,
      from: 'qualification',
      to: 'won',
      effects: [{ type: 'stageEntered', stage: 'won' }, { type: 'closedWon' }],
    });
    expect(decideOpportunity('wireless', 'demo', full, { type: 'LOSE', reason: ' price ' })).toMatchObject({
      ok: true,
      to: 'lost',
      effects: [
        { type: 'stageEntered', stage: 'lost' },
        { type: 'closedLost', reason: 'price' },
      ],
    });
  });

  it('reopens a lost deal at qualification and a won deal at its last open stage unless told where', () => {
    expect(decideOpportunity('key_account', 'lost', full, { type: 'REOPEN' })).toMatchObject({
      ok: true,
      to: 'qualification',
      effects: [{ type: 'stageEntered', stage: 'qualification' }, { type: 'reopened' }],
    });
    expect(decideOpportunity('key_account', 'lost', full, { type: 'REOPEN', to: 'bid' })).toMatchObject({
      to: 'bid',
    });
    expect(decideOpportunity('wireless', 'won', full, { type: 'REOPEN' })).toMatchObject({
      to: 'negotiation',
    });
  });

  it.each<[Channel, OpportunityStage, OpportunityFacts, OpportunityEvent, string]>([
    [
      'key_account',
      'needs_analysis',
      salesOnly,
      { type: 'ADVANCE', to: 'solution' },
      'needs a presales engineer on the deal team',
    ],
    [
      'key_account',
      'bid',
      salesOnly,
      { type: 'RETREAT', to: 'solution' },
      'needs a presales engineer on the deal team',
    ],
    [
      'key_account',
      'qualification',
      salesOnly,
      { type: 'WIN' },
      'needs a presales engineer on the deal team',
    ],
    [
      'key_account',
      'solution',
      { ...full, lineCount: 0 },
      { type: 'ADVANCE', to: 'bid' },
      'needs at least one product line on the deal',
    ],
    [
      'distribution',
      'proposal',
      { ...full, lineCount: 0 },
      { type: 'WIN' },
      'needs at least one product line on the deal',
    ],
    [
      'wireless',
      'negotiation',
      { ...full, amountMinor: 0 },
      { type: 'WIN' },
      'needs a deal amount greater than zero',
    ],
    ['distribution', 'proposal', full, { type: 'LOSE', reason: '' }, 'needs a reason why the deal was lost'],
    [
      'key_account',
      'won',
      { ...full, hasOrder: true },
      { type: 'REOPEN' },
      'an order already exists; cancel the order first',
    ],
    ['key_account', 'won', full, { type: 'ADVANCE', to: 'bid' }, 'the deal is won; reopen it first'],
    [
      'distribution',
      'lost',
      full,
      { type: 'RETREAT', to: 'qualification' },
      'the deal is lost; reopen it first',
    ],
    ['distribution', 'won', full, { type: 'WIN' }, 'the deal is already won'],
    ['distribution', 'lost', full, { type: 'LOSE', reason: 'again' }, 'the deal is already lost'],
    [
      'distribution',
      'won',
      full,
      { type: 'LOSE', reason: 'changed mind' },
      'the deal was won; reopen it first',
    ],
    [
      'distribution',
      'lost',
      full,
      { type: 'REOPEN', to: 'bid' },
      'the distribution pipeline has no open stage "bid"',
    ],
    ['distribution', 'proposal', full, { type: 'REOPEN' }, 'the deal is still open'],
    [
      'distribution',
      'proposal',
      full,
      { type: 'ADVANCE', to: 'bid' },
      'the distribution pipeline has no stage "bid"',
    ],
    [
      'distribution',
      'proposal',
      full,
      { type: 'ADVANCE', to: 'won' },
      'mark the deal won instead of moving it there',
    ],
    ['wireless', 'demo', full, { type: 'RETREAT', to: 'demo' }, 'the deal is already at Demo'],
    [
      'wireless',
      'proposal',
      full,
      { type: 'ADVANCE', to: 'demo' },
      'Demo comes before Proposal; move the deal back instead',
    ],
    [
      'wireless',
      'demo',
      full,
      { type: 'RETREAT', to: 'negotiation' },
      'Negotiation comes after Demo; advance the deal instead',
    ],
    ['distribution', 'bid', full, { type: 'WIN' }, 'the distribution pipeline has no stage "bid"'],
    [
      'key_account',
      'bid',
      full,
      { type: 'SHOUT' } as unknown as OpportunityEvent,
      '"SHOUT" is not something that can happen to an opportunity',
    ],
    ['retail' as Channel, 'bid', full, { type: 'WIN' }, '"retail" is not a sales channel'],
  ])('%s: refuses %s --%j--> with its reason', (channel, from, facts, event, reason) => {
    expect(decideOpportunity(channel, from, facts, event)).toMatchObject({
      ok: false,
      from,
      event: event.type,
      reason,
    });
  });
});
