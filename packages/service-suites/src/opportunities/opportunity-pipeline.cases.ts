import { expect, it } from 'vitest';
import type { ServiceWorld } from '../support/harness.js';
import { expectCode, expectInvalidField } from '../support/service-expect.js';
import { cny, expectReason, keyAccountDeal, stageOf } from './opportunity-fixtures.js';

/** The key-account pipeline and its gates, and line items, through the service. */
export function opportunityPipelineCases(world: () => Promise<ServiceWorld>): void {
  it('creates a deal only on an account the owner can see', async () => {
    const w = await world();
    const { repA, repB } = w.org;
    const { account, deal } = await keyAccountDeal(w);
    expect(deal).toMatchObject({
      accountId: account.id,
      ownerId: repA.id,
      currency: 'CNY',
      amount: cny(24_000_000),
      team: [],
      lostReason: null,
      closedAt: null,
      version: 1,
    });
    expect(stageOf(deal)).toEqual(['qualification', 10, 'pipeline']);
    const hidden = await expectCode(
      w.crm.opportunities.create(repB, { name: '抢单', accountId: account.id, channel: 'key_account' }),
      'NOT_FOUND',
    );
    expect(hidden).toMatchObject({ entity: 'account', id: account.id });
    await expectInvalidField(
      w.crm.opportunities.create(repA, { name: 'x', accountId: account.id, channel: 'retail' as 'wireless' }),
      'channel',
    );
  });

  it('walks the key-account pipeline: solution needs presales; probability and forecast follow', async () => {
    const w = await world();
    const { repA, presales } = w.org;
    const { deal } = await keyAccountDeal(w);
    const analysed = await w.crm.opportunities.advance(repA, deal.id, { to: 'needs_analysis' });
    expect(stageOf(analysed)).toEqual(['needs_analysis', 20, 'pipeline']);
    const refused = await expectCode(
      w.crm.opportunities.advance(repA, deal.id, { to: 'solution' }),
      'INVALID_TRANSITION',
    );
    expect(refused.reason).toContain('presales');
    expect(refused).toMatchObject({ from: 'needs_analysis', event: 'ADVANCE' });
    expect((await w.crm.opportunities.get(repA, deal.id)).version).toBe(analysed.version);

    await w.crm.opportunities.addTeamMember(repA, deal.id, { userId: presales.id, role: 'presales' });
    w.clock.advanceDays(1);
    const solution = await w.crm.opportunities.advance(repA, deal.id, { to: 'solution' });
    expect(stageOf(solution)).toEqual(['solution', 40, 'best_case']);
    expect(solution.stageEnteredAt).toBe(w.clock.now());
    expect(stageOf(await w.crm.opportunities.advance(repA, deal.id, { to: 'bid' }))).toEqual([
      'bid',
      60,
      'best_case',
    ]);
    expect(stageOf(await w.crm.opportunities.advance(repA, deal.id, { to: 'negotiation' }))).toEqual([
      'negotiation',
      80,
      'commit',
    ]);
    await expectReason(
      w.crm.opportunities.advance(repA, deal.id, { to: 'bid' }),
      'Bid comes before Negotiation; move the deal back instead',
    );
    await expectReason(
      w.crm.opportunities.advance(repA, deal.id, { to: 'won' }),
      'mark the deal won instead of moving it there',
    );
    await expectReason(
      w.crm.opportunities.advance(repA, deal.id, { to: 'demo' }),
      'the key account pipeline has no stage "demo"',
    );
    const back = await w.crm.opportunities.retreat(repA, deal.id, { to: 'solution' });
    expect(stageOf(back)).toEqual(['solution', 40, 'best_case']);
    const moves = (await w.crm.history.forRecord(repA, 'opportunity', deal.id))
      .filter((e) => e.event === 'opportunity.stage_changed')
      .map((e) => `${String(e.meta?.from)}→${String(e.meta?.to)}`);
    expect(moves).toEqual([
      'qualification→needs_analysis',
      'needs_analysis→solution',
      'solution→bid',
      'bid→negotiation',
      'negotiation→solution',
    ]);
  });

  it('recomputes the amount exactly as lines come and go, and freezes lines on a closed deal', async () => {
    const w = await world();
    const { repA } = w.org;
    const { deal } = await keyAccountDeal(w, [{ sku: 'LS2208', quantity: 3, price: 33_333 }]);
    const withServer = await w.crm.opportunities.addLine(repA, deal.id, {
      sku: 'SRV-R740',
      quantity: 1,
      unitPrice: cny(4_500_001),
      expectedVersion: 1,
    });
    expect(withServer.amount).toEqual(cny(3 * 33_333 + 4_500_001));
    const scanners = withServer.lines[0]!.id;
    const onlyServer = await w.crm.opportunities.removeLine(repA, deal.id, scanners, 2);
    expect(onlyServer.lines.map((l) => l.sku)).toEqual(['SRV-R740']);
    expect(onlyServer.amount).toEqual(cny(4_500_001));
    await expectInvalidField(w.crm.opportunities.removeLine(repA, deal.id, scanners), 'lineId');
    await expectInvalidField(
      w.crm.opportunities.addLine(repA, deal.id, {
        sku: 'LS2208',
        quantity: 1,
        unitPrice: { amount: 1, currency: 'USD' },
      }),
      'unitPrice.currency',
    );
    await expectInvalidField(
      w.crm.opportunities.addLine(repA, deal.id, { sku: 'LS2208', quantity: 0, unitPrice: cny(1) }),
      'quantity',
    );
    await w.crm.opportunities.lose(repA, deal.id, { reason: 'price' });
    await expectReason(
      w.crm.opportunities.addLine(repA, deal.id, { sku: 'LS2208', quantity: 1, unitPrice: cny(1) }),
      'the deal is lost; reopen it first',
    );
    await expectReason(
      w.crm.opportunities.removeLine(repA, deal.id, onlyServer.lines[0]!.id),
      'the deal is lost; reopen it first',
    );
    expect((await w.crm.opportunities.get(repA, deal.id)).amount).toEqual(cny(4_500_001));
  });
}
