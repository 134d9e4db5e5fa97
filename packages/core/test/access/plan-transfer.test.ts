import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TransferInput, TransferRecord } from '../../src/index.js';
import {
  buildCatalogues,
  builtInMessages,
  planTransfer,
  renderMessage,
  TRANSFER_RECORD_KINDS,
} from '../../src/index.js';
import { isCrmError } from '../../src/kernel/errors.js';
import { grantArbitrary } from '../../src/testing/arbitraries/org-arbitraries.js';

/** The plan's items as a manager reads them (the English text); the keys are tested with the service. */
const catalogues = () => buildCatalogues([builtInMessages()]);

const spoken = <T extends { reasonDetail: unknown }>(items: readonly T[]) =>
  items.map(({ reasonDetail: _, ...rest }) => rest);

const PEOPLE = ['leaver', 'heir', 'other', 'boss'];

const recordsArbitrary: fc.Arbitrary<TransferRecord[]> = fc
  .array(
    fc.record({
      kind: fc.constantFrom(...TRANSFER_RECORD_KINDS),
      ownerId: fc.constantFrom(...PEOPLE),
      open: fc.boolean(),
      grants: fc.uniqueArray(grantArbitrary(PEOPLE), { selector: (g) => g.userId, maxLength: 3 }),
    }),
    { maxLength: 20 },
  )
  .map((rs) => rs.map((r, i) => ({ ...r, id: `x${i}` })));

const optionsArbitrary = fc.record({
  openLeads: fc.boolean(),
  openOpportunities: fc.boolean(),
  scheduledActivities: fc.boolean(),
  openOrders: fc.boolean(),
  keepDealTeams: fc.boolean(),
  closedRecords: fc.constantFrom('stay' as const, 'move' as const),
});

const key = (r: { kind: string; id: string }) => `${r.kind}:${r.id}`;

function expectValidationError(input: TransferInput, field: string) {
  try {
    planTransfer(input);
    expect.unreachable();
  } catch (e) {
    expect(isCrmError(e, 'VALIDATION') && e.issues.some((i) => i.field === field)).toBe(true);
  }
}

describe('planTransfer — examples', () => {
  const records: TransferRecord[] = [
    { kind: 'lead', id: 'L1', ownerId: 'leaver', open: true, grants: [] },
    { kind: 'opportunity', id: 'O1', ownerId: 'leaver', open: false, grants: [] },
    { kind: 'account', id: 'A1', ownerId: 'leaver', open: true, grants: [] },
    {
      kind: 'opportunity',
      id: 'O2',
      ownerId: 'other',
      open: true,
      grants: [{ userId: 'leaver', role: 'presales', access: 'edit' }],
    },
    {
      kind: 'order',
      id: 'D1',
      ownerId: 'heir',
      open: true,
      grants: [{ userId: 'leaver', role: 'sales', access: 'read' }],
    },
  ];

  it('moves live work with defaults, leaves closed history, and hands over team seats', () => {
    const plan = planTransfer({ from: 'leaver', to: 'heir', records });
    expect(spoken(plan.moves)).toEqual([
      { kind: 'lead', id: 'L1', reason: 'open lead L1 moves to heir' },
      {
        kind: 'account',
        id: 'A1',
        reason: 'open account A1 always moves to heir so the customer is not orphaned',
      },
    ]);
    expect(spoken(plan.stays)).toEqual([
      {
        kind: 'opportunity',
        id: 'O1',
        reason:
          'closed opportunity O1 stays with leaver; closed records keep their history where it happened',
      },
    ]);
    expect(spoken(plan.teamChanges)).toEqual([
      {
        kind: 'opportunity',
        id: 'O2',
        remove: 'leaver',
        add: { userId: 'heir', role: 'presales', access: 'edit' },
        reason: "heir takes leaver's presales seat on the team of open opportunity O2",
      },
      // heir owns D1 already, so only the removal remains.
      {
        kind: 'order',
        id: 'D1',
        remove: 'leaver',
        reason: 'leaver leaves the team of open order D1; heir already has access',
      },
    ]);
  });

  it('speaks in names and record labels when given them, and decides by ids alone', () => {
    const records = [
      { kind: 'lead' as const, id: 'l1', ownerId: 'leaver', open: true, grants: [], label: '天津港物流中心' },
      {
        kind: 'opportunity' as const,
        id: 'o1',
        ownerId: 'other',
        open: true,
        grants: [{ userId: 'leaver', role: 'presales' as const, access: 'edit' as const }],
      },
    ];
    const names = { leaver: '销售员乙', heir: '销售员甲' };
    const named = planTransfer({ from: 'leaver', to: 'heir', records, names });
    expect(spoken(named.moves)).toEqual([
      { kind: 'lead', id: 'l1', reason: 'open lead 天津港物流中心 (l1) moves to 销售员甲' },
    ]);
    expect(named.teamChanges[0]?.reason).toBe(
      "销售员甲 takes 销售员乙's presales seat on the team of open opportunity o1",
    );
    const plain = planTransfer({ from: 'leaver', to: 'heir', records });
    expect(plain.moves.map((m) => m.id)).toEqual(named.moves.map((m) => m.id));
    expect(plain.teamChanges.map((c) => c.add)).toEqual(named.teamChanges.map((c) => c.add));
    expect(plain.moves[0]?.reason).toBe('open lead 天津港物流中心 (l1) moves to heir');
  });

  it("names the account a record follows by the account's name, not its id alone", () => {
    const records = [
      { kind: 'account' as const, id: 'a1', ownerId: 'leaver', open: true, grants: [], label: '青岛瑞达' },
      {
        kind: 'lead' as const,
        id: 'l1',
        ownerId: 'leaver',
        open: false,
        grants: [],
        label: '瑞达 仓储扫描',
        accountId: 'a1',
      },
    ];
    const plan = planTransfer({ from: 'leaver', to: 'heir', records, names: { heir: '销售员甲' } });
    expect(spoken(plan.moves).find((m) => m.id === 'l1')?.reason).toBe(
      "closed lead 瑞达 仓储扫描 (l1) follows its account 青岛瑞达 (a1) to 销售员甲, so the customer's records stay together",
    );
    // In Chinese the account's name closes with a full-width bracket: no space before or after it.
    const zh = catalogues();
    const followed = plan.moves.find((m) => m.id === 'l1');
    expect(followed && renderMessage(followed.reasonDetail, 'zh-CN', zh)).toBe(
      '已关闭的线索 瑞达 仓储扫描（l1）随所属客户青岛瑞达（a1）转给销售员甲，同一客户的记录不分散',
    );
  });

  it('honours the options', () => {
    const plan = planTransfer({
      from: 'leaver',
      to: 'heir',
      options: { openLeads: false, keepDealTeams: false, closedRecords: 'move' },
      records,
    });
    expect(plan.moves.map(key)).toEqual(['opportunity:O1', 'account:A1']);
    expect(spoken(plan.stays)).toEqual([
      { kind: 'lead', id: 'L1', reason: 'open lead L1 stays with leaver because openLeads is off' },
    ]);
    expect(plan.teamChanges.every((c) => c.add === undefined)).toBe(true);
  });

  it('rejects a transfer to oneself and duplicate records', () => {
    expectValidationError({ from: 'leaver', to: 'leaver', records: [] }, 'to');
    expectValidationError(
      { from: 'leaver', to: 'heir', records: [records[0]!, records[0]!] },
      'records.1.id',
    );
  });
});

describe('planTransfer — properties', () => {
  const inputs = fc.record({ options: optionsArbitrary, records: recordsArbitrary });
  const plan = (i: { options: TransferInput['options']; records: TransferRecord[] }) =>
    planTransfer({ from: 'leaver', to: 'heir', ...i });

  it('every record owned by `from` appears exactly once in moves ∪ stays, and nothing else does', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const { moves, stays } = plan(input);
        const planned = [...moves, ...stays].map(key).sort();
        const owned = input.records
          .filter((r) => r.ownerId === 'leaver')
          .map(key)
          .sort();
        expect(planned).toEqual(owned);
      }),
      { numRuns: 300 },
    );
  });

  it('closed records stay when closedRecords is stay', () => {
    fc.assert(
      fc.property(inputs, (generated) => {
        const input = { ...generated, options: { ...generated.options, closedRecords: 'stay' as const } };
        const moved = new Set(plan(input).moves.map(key));
        for (const r of input.records) if (!r.open) expect(moved.has(key(r))).toBe(false);
      }),
    );
  });

  it('team changes touch exactly the records `from` is a team member of, and only hand seats to `to`', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const { teamChanges } = plan(input);
        const onTeam = input.records.filter((r) => r.grants.some((g) => g.userId === 'leaver')).map(key);
        expect(teamChanges.map(key)).toEqual(onTeam);
        for (const change of teamChanges) {
          expect(change.remove).toBe('leaver');
          if (change.add) {
            expect(input.options.keepDealTeams).toBe(true);
            expect(change.add.userId).toBe('heir');
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
