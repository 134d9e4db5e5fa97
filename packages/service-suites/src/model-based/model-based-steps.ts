/**
 * The commands of the model-based suite as plain data. Records and users are named by index and
 * resolved against the model when the step runs (modulo the count), so any generated sequence is
 * meaningful and shrinks well. `actor: 'owner'` acts as the target record's owner, which keeps
 * enough commands accepted for records to travel their whole lifecycle.
 */

import type { AccessLevel, Channel, TeamRole } from '@gongfu/core';
import { OPPORTUNITY_STAGES, type OpportunityStage } from '@gongfu/core';
import fc from 'fast-check';

export type ActorPick = 'owner' | number;
/** `stale` sends a version that is not the stored one; `current` the stored one; `none` omits it. */
export type VersionMode = 'none' | 'current' | 'stale';
export type LinkPick = { lead: number } | { opp: number };
export const SKUS = ['LS2208', 'SRV-R740'] as const;

export type Step =
  | { t: 'capture'; actor: number; owner: number | null; channel: Channel; skus: string[]; bad: boolean }
  | { t: 'logContact'; actor: ActorPick; lead: number; kind: 'call' | 'visit' | 'email' }
  | { t: 'quote'; actor: ActorPick; lead: number; sku: string; price: number }
  | { t: 'qualify' | 'nurture' | 'recycle'; actor: ActorPick; lead: number }
  | { t: 'disqualify'; actor: ActorPick; lead: number; version: VersionMode }
  | {
      t: 'convert';
      actor: ActorPick;
      lead: number;
      into: number | null;
      team: { user: number; role: TeamRole; access: AccessLevel }[];
      version: VersionMode;
    }
  /** `to: 'next'` is the neighbouring stage of the deal's own pipeline (forward for advance, back for retreat). */
  | {
      t: 'advance' | 'retreat';
      actor: ActorPick;
      opp: number;
      to: OpportunityStage | 'next';
      version: VersionMode;
    }
  | { t: 'win'; actor: ActorPick; opp: number; createOrder: boolean; version: VersionMode }
  | { t: 'lose'; actor: ActorPick; opp: number; reason: string; version: VersionMode }
  | { t: 'reopen'; actor: ActorPick; opp: number; to: OpportunityStage | null; version: VersionMode }
  | { t: 'addMember'; actor: ActorPick; opp: number; user: number; role: TeamRole; access: AccessLevel }
  | { t: 'removeMember'; actor: ActorPick; opp: number; user: number; onTeam: boolean }
  | { t: 'schedule'; actor: ActorPick; link: LinkPick; kind: 'call' | 'visit' | 'email' | 'task' }
  /** `scheduled`: pick among the still scheduled activities (when there are any). */
  | { t: 'complete'; actor: ActorPick; activity: number; scheduled: boolean; outcome: boolean }
  | { t: 'cost'; actor: ActorPick; link: LinkPick; currency: 'CNY' | 'USD'; amount: number }
  /** `actor: 'owner'` is the leaver's manager (else an admin); `to: 'actor'` hands the book to whoever acts. */
  | { t: 'transfer'; actor: ActorPick; from: number; to: number | 'actor' }
  | { t: 'deactivate'; actor: number; target: number };

const idx = fc.nat({ max: 50 });
const actor: fc.Arbitrary<ActorPick> = fc.oneof(
  { arbitrary: fc.constant<ActorPick>('owner'), weight: 3 },
  { arbitrary: idx, weight: 2 },
);
const version = fc.constantFrom<VersionMode>('none', 'none', 'current', 'stale');
const role = fc.constantFrom<TeamRole>('sales', 'presales', 'service');
const access = fc.constantFrom<AccessLevel>('read', 'edit');
const stage = fc.constantFrom(...OPPORTUNITY_STAGES);
const link = fc.oneof(
  idx.map((lead): LinkPick => ({ lead })),
  idx.map((opp): LinkPick => ({ opp })),
);

/** Weighted so that leads get captured early and deals get far enough to win. */
export const stepArbitraries: { arbitrary: fc.Arbitrary<Step>; weight: number }[] = [
  {
    weight: 5,
    arbitrary: fc.record({
      t: fc.constant('capture' as const),
      actor: idx,
      owner: fc.option(idx, { freq: 3, nil: null }),
      channel: fc.constantFrom<Channel>('key_account', 'distribution', 'wireless'),
      skus: fc.subarray([...SKUS], { minLength: 1 }).chain((skus) => fc.constantFrom(skus, skus, [])),
      bad: fc.constantFrom(false, false, false, true),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('logContact' as const),
      actor,
      lead: idx,
      kind: fc.constantFrom('call' as const, 'visit' as const, 'email' as const),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('quote' as const),
      actor,
      lead: idx,
      sku: fc.constantFrom(...SKUS),
      price: fc.constantFrom(0, 1_500, 120_000, 120_000),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constantFrom('qualify' as const, 'nurture' as const, 'recycle' as const),
      actor,
      lead: idx,
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('disqualify' as const), actor, lead: idx, version }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('convert' as const),
      actor,
      lead: idx,
      into: fc.option(idx, { freq: 3, nil: null }),
      team: fc.uniqueArray(fc.record({ user: idx, role, access }), { maxLength: 2, selector: (m) => m.user }),
      version,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constantFrom('advance' as const, 'retreat' as const),
      actor,
      opp: idx,
      to: fc.oneof(fc.constant('next' as const), stage),
      version,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('win' as const),
      actor,
      opp: idx,
      createOrder: fc.boolean(),
      version,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('lose' as const),
      actor,
      opp: idx,
      reason: fc.constantFrom('价格', '', '预算取消'),
      version,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('reopen' as const),
      actor,
      opp: idx,
      to: fc.option(stage, { nil: null }),
      version,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ t: fc.constant('addMember' as const), actor, opp: idx, user: idx, role, access }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('removeMember' as const),
      actor,
      opp: idx,
      user: idx,
      onTeam: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('schedule' as const),
      actor,
      link,
      kind: fc.constantFrom('call' as const, 'visit' as const, 'email' as const, 'task' as const),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('complete' as const),
      actor,
      activity: idx,
      scheduled: fc.constantFrom(true, true, false),
      outcome: fc.constantFrom(true, true, false),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('cost' as const),
      actor,
      link,
      currency: fc.constantFrom('CNY' as const, 'CNY' as const, 'USD' as const),
      amount: fc.integer({ min: 1, max: 500_000 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('transfer' as const),
      actor: fc.constantFrom<ActorPick>('owner', 'owner', 0, 1, 2, 3),
      from: idx,
      to: fc.oneof(fc.constant('actor' as const), idx),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('deactivate' as const), actor: idx, target: idx }) },
];

export const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(...stepArbitraries);

/**
 * A deal-shaped opening for each run, so that generated commands meet converted, quoted deals with a
 * presales engineer on the team and not only fresh leads: capture, quote, contact, convert.
 */
export const prologueArbitrary: fc.Arbitrary<Step[]> = fc
  .array(
    fc.record({
      user: idx,
      presales: idx,
      channel: fc.constantFrom<Channel>('key_account', 'distribution', 'wireless'),
      sku: fc.constantFrom(...SKUS),
    }),
    { maxLength: 3 },
  )
  .map((deals) =>
    deals.flatMap(({ user, presales, channel, sku }): Step[] => [
      { t: 'capture', actor: user, owner: null, channel, skus: [sku], bad: false },
      { t: 'quote', actor: 'owner', lead: -1, sku, price: 120_000 },
      { t: 'logContact', actor: 'owner', lead: -1, kind: 'call' },
      {
        t: 'convert',
        actor: 'owner',
        lead: -1,
        into: null,
        team: [{ user: presales, role: 'presales', access: 'edit' }],
        version: 'none',
      },
    ]),
  );
