import { isCrmError } from '@gongfu/core';
import { expect, it } from 'vitest';
import type { ServiceWorld } from '../support/harness.js';
import { expectCode, expectInvalidField } from '../support/service-expect.js';
import { keyAccountDeal } from './opportunity-fixtures.js';

/** The deal's virtual team, who sees a deal and why, filtered lists, and racing writers. */
export function opportunityAccessCases(world: () => Promise<ServiceWorld>): void {
  it('lets the owner build the team; a team member may not change it', async () => {
    const w = await world();
    const { repA, repB, presales, service } = w.org;
    const { deal } = await keyAccountDeal(w);
    const staffed = await w.crm.opportunities.addTeamMember(repA, deal.id, {
      userId: presales.id,
      role: 'presales',
    });
    expect(staffed.team).toEqual([{ userId: presales.id, role: 'presales', access: 'edit' }]);
    const denied = await expectCode(
      w.crm.opportunities.addTeamMember(presales, deal.id, { userId: service.id, role: 'service' }),
      'PERMISSION_DENIED',
    );
    expect(denied.message).toContain('only the owner, a manager above the owner or an administrator');
    await expectCode(
      w.crm.opportunities.removeTeamMember(presales, deal.id, presales.id),
      'PERMISSION_DENIED',
    );
    await expectCode(
      w.crm.opportunities.addTeamMember(repB, deal.id, { userId: repB.id, role: 'sales' }),
      'NOT_FOUND',
    );
    await expectInvalidField(
      w.crm.opportunities.addTeamMember(repA, deal.id, { userId: repA.id, role: 'sales' }),
      'userId',
    );
    expect((await w.crm.opportunities.get(repA, deal.id)).team).toEqual(staffed.team);
    const unstaffed = await w.crm.opportunities.removeTeamMember(repA, deal.id, presales.id);
    expect(unstaffed.team).toEqual([]);
    await expectCode(w.crm.opportunities.get(presales, deal.id), 'NOT_FOUND');
  });

  it('gives a read-only member sight but not movement; the engineer’s manager sees the deal too', async () => {
    const w = await world();
    const { admin, repA } = w.org;
    const presalesHead = await w.crm.users.create(admin, { name: '售前经理', role: 'sales_manager' });
    const engineer = await w.crm.users.create(presalesHead, {
      name: '售前工程师二',
      role: 'presales_engineer',
      managerId: presalesHead.id,
    });
    const { deal } = await keyAccountDeal(w);
    await expectCode(w.crm.opportunities.get(presalesHead, deal.id), 'NOT_FOUND');
    await w.crm.opportunities.addTeamMember(repA, deal.id, {
      userId: engineer.id,
      role: 'presales',
      access: 'read',
    });
    expect((await w.crm.opportunities.get(engineer, deal.id)).id).toBe(deal.id);
    const denied = await expectCode(
      w.crm.opportunities.advance(engineer, deal.id, { to: 'needs_analysis' }),
      'PERMISSION_DENIED',
    );
    expect(denied.message).toContain('read access only');
    expect((await w.crm.opportunities.get(presalesHead, deal.id)).id).toBe(deal.id);
    expect((await w.crm.opportunities.list(presalesHead)).items.map((o) => o.id)).toEqual([deal.id]);
    expect((await w.crm.opportunities.list(engineer)).items.map((o) => o.id)).toEqual([deal.id]);
    const why = await w.crm.opportunities.explainAccess(presalesHead, deal.id);
    expect(why).toMatchObject({ canRead: true, canEdit: false });
    expect(why.grants).toMatchObject([
      {
        kind: 'team',
        detail: "manages 售前工程师二, who is on the record's team as presales with read access",
        level: 'read',
      },
    ]);
  });

  it('explains access in words for the owner, the manager and a team member', async () => {
    const w = await world();
    const { repA, manager, presales } = w.org;
    const { deal } = await keyAccountDeal(w);
    await w.crm.opportunities.addTeamMember(repA, deal.id, {
      userId: presales.id,
      role: 'presales',
      access: 'read',
    });
    // The owner's own team row (role sales) is also reported as a team grant today (see the
    // report of issue 3), so the owner and manager explanations are checked by their leading grant.
    const owner = await w.crm.opportunities.explainAccess(repA, deal.id);
    expect(owner).toMatchObject({ canRead: true, canEdit: true });
    expect(owner.grants[0]).toMatchObject({ kind: 'owner', detail: 'owns the record', level: 'edit' });
    expect(owner.summary).toMatch(/^销售员甲 can read and edit this record because 销售员甲 owns the record/);
    const boss = await w.crm.opportunities.explainAccess(manager, deal.id);
    expect(boss).toMatchObject({ canRead: true, canEdit: true });
    expect(boss.grants[0]).toMatchObject({
      kind: 'manager',
      detail: 'manages 销售员甲 (1 level up)',
      level: 'edit',
    });
    expect(boss.summary).toMatch(
      /^李庆成 can read and edit this record because 李庆成 manages 销售员甲 \(1 level up\)/,
    );
    expect(boss.grants.map((g) => g.kind)).not.toContain('owner');
    expect(await w.crm.opportunities.explainAccess(presales, deal.id)).toMatchObject({
      canRead: true,
      canEdit: false,
      grants: [
        { kind: 'team', detail: "is on the record's team as presales with read access", level: 'read' },
      ],
      summary:
        "售前工程师 can read but not edit this record because 售前工程师 is on the record's team as presales with read access.",
    });
    await expectCode(w.crm.opportunities.explainAccess(w.org.repB, deal.id), 'NOT_FOUND');
  });

  it('filters lists by stage, open and channel within what the actor may see', async () => {
    const w = await world();
    const { repA, repB, manager, otherRep, otherManager } = w.org;
    const { deal: a1 } = await keyAccountDeal(w);
    const { deal: a2 } = await keyAccountDeal(w);
    await w.crm.opportunities.advance(repA, a2.id, { to: 'needs_analysis' });
    const { deal: b1 } = await keyAccountDeal(w, undefined, repB);
    await w.crm.opportunities.lose(repB, b1.id, { reason: 'no budget' });
    const { deal: c1 } = await keyAccountDeal(w, undefined, otherRep, 'distribution');
    const ids = async (actor: typeof repA, query: Parameters<typeof w.crm.opportunities.list>[1] = {}) =>
      new Set((await w.crm.opportunities.list(actor, query)).items.map((o) => o.id));

    expect(await ids(repA)).toEqual(new Set([a1.id, a2.id]));
    expect(await ids(repA, { stage: ['needs_analysis'] })).toEqual(new Set([a2.id]));
    expect(await ids(repB)).toEqual(new Set([b1.id]));
    expect(await ids(manager)).toEqual(new Set([a1.id, a2.id, b1.id]));
    expect(await ids(manager, { open: true })).toEqual(new Set([a1.id, a2.id]));
    expect(await ids(manager, { open: false })).toEqual(new Set([b1.id]));
    expect(await ids(manager, { channel: ['distribution'] })).toEqual(new Set());
    expect(await ids(otherManager, { channel: ['distribution'] })).toEqual(new Set([c1.id]));
    expect(await ids(otherManager, { channel: ['key_account'] })).toEqual(new Set());
    expect(await ids(w.org.admin, { channel: ['key_account'], open: true })).toEqual(new Set([a1.id, a2.id]));
  });

  it('lets one of two writers with the same version win; the other changes nothing', async () => {
    const w = await world();
    const { repA, manager } = w.org;
    const { deal } = await keyAccountDeal(w);
    const outcomes = await Promise.allSettled([
      w.crm.opportunities.update(repA, deal.id, { name: '甲的名字', expectedVersion: deal.version }),
      w.crm.opportunities.update(manager, deal.id, { name: '经理的名字', expectedVersion: deal.version }),
    ]);
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect([won.length, lost.length]).toEqual([1, 1]);
    const error: unknown = lost[0]?.reason;
    if (!isCrmError(error, 'CONCURRENCY')) throw new Error(`expected CONCURRENCY, got ${String(error)}`);
    expect({ expected: error.expected, actual: error.actual }).toEqual({ expected: 1, actual: 2 });
    const stored = await w.crm.opportunities.get(repA, deal.id);
    expect(stored).toEqual(won[0]?.status === 'fulfilled' ? won[0].value : null);
    const updates = (await w.crm.history.forRecord(repA, 'opportunity', deal.id)).filter(
      (e) => e.event === 'opportunity.updated',
    );
    expect(updates).toHaveLength(1);
    // A stale stage move is refused the same way.
    await expectCode(
      w.crm.opportunities.advance(repA, deal.id, { to: 'needs_analysis', expectedVersion: 1 }),
      'CONCURRENCY',
    );
    expect((await w.crm.opportunities.get(repA, deal.id)).stage).toBe('qualification');
  });
}
