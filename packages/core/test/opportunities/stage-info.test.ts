import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Channel,
  type CrmStorage,
  createCrm,
  decideOpportunity,
  isCrmError,
  OPPORTUNITY_CHANNELS,
  type OpportunityFacts,
  stageInfo,
} from '../../src/index.js';

// `stageInfo` reads no storage, so a service over a storage that is never touched is enough.
const crm = createCrm({ storage: {} as CrmStorage });

/** The error a call threw, or undefined when it returned. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Keys every object literal inherits: a lookup by them finds a prototype member, not a pipeline. */
const INHERITED = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

const facts: OpportunityFacts = {
  lineCount: 1,
  amountMinor: 100,
  teamRoles: ['sales', 'presales'],
  hasOrder: false,
  endCustomerKnown: false,
};

describe('opportunities.stageInfo', () => {
  it('answers a stage of the channel’s pipeline, and undefined for a stage it does not use', () => {
    expect(crm.opportunities.stageInfo('key_account', 'bid')).toMatchObject({
      id: 'bid',
      label: 'Bid',
      probability: 60,
      kind: 'open',
    });
    expect(crm.opportunities.stageInfo('distribution', 'bid')).toBeUndefined();
    expect(crm.opportunities.stageInfo('wireless', 'won')).toMatchObject({ probability: 100, kind: 'won' });
  });

  it.each(['bogus', ...INHERITED])(
    'throws a typed ValidationError naming the channel for an unknown channel %j, never a TypeError',
    (channel) => {
      const error = thrown(() => crm.opportunities.stageInfo(channel as Channel, 'bid'));
      expect(isCrmError(error, 'VALIDATION')).toBe(true);
      expect(error).toMatchObject({ field: 'channel' });
    },
  );

  it('throws a ValidationError naming the stage when the stage is not a stage id', () => {
    for (const stage of ['', 42, null, undefined, 'x'.repeat(65)]) {
      const error = thrown(() => crm.opportunities.stageInfo('key_account', stage as string));
      expect(isCrmError(error, 'VALIDATION')).toBe(true);
      expect(error).toMatchObject({ field: 'stage' });
    }
  });

  it('property: any channel and stage either answers or throws a ValidationError', () => {
    const channel = fc.oneof(fc.constantFrom(...OPPORTUNITY_CHANNELS, ...INHERITED), fc.string());
    fc.assert(
      fc.property(channel, fc.string({ maxLength: 70 }), (c, stage) => {
        const error = thrown(() => crm.opportunities.stageInfo(c as Channel, stage));
        const known = (OPPORTUNITY_CHANNELS as readonly string[]).includes(c);
        if (error === undefined) expect(known).toBe(true);
        else expect(isCrmError(error, 'VALIDATION')).toBe(true);
      }),
    );
  });
});

describe('pipeline lookups by an inherited key', () => {
  it.each(INHERITED)('the pure stageInfo answers undefined for %j', (channel) => {
    expect(stageInfo(channel as Channel, 'bid')).toBeUndefined();
  });

  it.each(INHERITED)('the machine refuses %j as a sales channel instead of throwing', (channel) => {
    const decision = decideOpportunity(channel as Channel, 'qualification', facts, {
      type: 'ADVANCE',
      to: 'needs_analysis',
    });
    expect(decision).toMatchObject({ ok: false, reason: `"${channel}" is not a sales channel` });
  });
});
