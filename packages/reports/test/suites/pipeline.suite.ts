import { type CrmStorage, stageInfo, type User } from '@gongfu/core';
import { openWorld, type ServiceWorld, type StorageFactory } from '@gongfu/service-suites';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipeline } from '../../src/index.js';
import { cny, mayView, spenders, viewers } from './fixtures.js';

/** Distribution deals move through stages without gates, so any generated path is legal. */
const STAGES = ['qualification', 'proposal', 'negotiation'] as const;

const dealArb = fc.record({
  owner: fc.integer({ min: 0, max: 2 }),
  lines: fc.array(
    fc.record({
      quantity: fc.integer({ min: 1, max: 5000 }),
      price: fc.integer({ min: 0, max: 50_000_000 }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  steps: fc.integer({ min: 0, max: 2 }),
  end: fc.constantFrom('open', 'open', 'won', 'lost'),
  closeMonth: fc.option(fc.constantFrom('2026-04', '2026-05', '2026-12')),
});
type GenDeal = typeof dealArb extends fc.Arbitrary<infer T> ? T : never;

/** A distribution deal of ten scanners at ¥100 for `accountId`, by `rep`. */
const dealerDeal = (w: ServiceWorld, rep: User, accountId: string, name: string) =>
  w.crm.opportunities.create(rep, {
    name,
    accountId,
    channel: 'distribution',
    lines: [{ sku: 'LS2208', quantity: 10, unitPrice: cny(100_00) }],
  });

interface Made {
  ownerId: string;
  stage: string;
  amount: number;
  closeMonth: string | null;
}

async function makeDeals(w: ServiceWorld, deals: readonly GenDeal[]): Promise<Made[]> {
  const out: Made[] = [];
  for (const [i, d] of deals.entries()) {
    const owner = spenders(w)[d.owner]!;
    const account = await w.crm.accounts.create(owner, { name: `经销商 ${i}`, kind: 'dealer' });
    let deal = await w.crm.opportunities.create(owner, {
      name: `deal ${i}`,
      accountId: account.id,
      channel: 'distribution',
      lines: d.lines.map((l) => ({ sku: 'LS2208', quantity: l.quantity, unitPrice: cny(l.price) })),
      ...(d.closeMonth ? { expectedClose: `${d.closeMonth}-15` } : {}),
    });
    for (let s = 1; s <= d.steps; s++)
      deal = await w.crm.opportunities.advance(owner, deal.id, { to: STAGES[s]! });
    const amount = d.lines.reduce((sum, l) => sum + l.quantity * l.price, 0);
    let stage: string = STAGES[d.steps]!;
    if (d.end === 'won' && amount > 0) {
      await w.crm.opportunities.win(owner, deal.id);
      stage = 'won';
    } else if (d.end === 'lost') {
      await w.crm.opportunities.lose(owner, deal.id, { reason: '价格' });
      stage = 'lost';
    }
    out.push({ ownerId: owner.id, stage, amount, closeMonth: d.closeMonth });
  }
  return out;
}

/** round(amount × p / 100), half up, exactly. */
const weigh = (amount: number, stage: string) =>
  Number((BigInt(amount) * BigInt(stageInfo('distribution', stage)!.probability) + 50n) / 100n);

function expectedBy(made: readonly Made[], keyOf: (m: Made) => string | null) {
  const out = new Map<string | null, { count: number; amount: number; weighted: number }>();
  for (const m of made) {
    const t = out.get(keyOf(m)) ?? { count: 0, amount: 0, weighted: 0 };
    t.count += 1;
    t.amount += m.amount;
    t.weighted += weigh(m.amount, m.stage);
    out.set(keyOf(m), t);
  }
  return out;
}

const asMap = (rows: readonly { key: string | null; count: number; amount: number; weighted: number }[]) =>
  new Map(rows.map((r) => [r.key, { count: r.count, amount: r.amount, weighted: r.weighted }]));

/** The pipeline report (@gongfu/reports) on any storage engine. */
export function describePipelineReport(makeStorage: StorageFactory): void {
  describe('reports: pipeline and forecast', () => {
    let storage: CrmStorage;
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(async () => {
      await storage.close();
    });

    it('weighted sums, win counts and the funnel equal a brute-force count over the visible deals', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(dealArb, { maxLength: 8 }), async (deals) => {
          const w = await openWorld(storage);
          const made = await makeDeals(w, deals);
          for (const viewer of viewers(w) as User[]) {
            const visible = made.filter((m) => mayView(w, viewer, m.ownerId));
            const open = visible.filter((m) => m.stage !== 'won' && m.stage !== 'lost');
            const report = await pipeline(w.crm, viewer);
            expect(asMap(report.open.byStage), viewer.name).toEqual(expectedBy(open, (m) => m.stage));
            expect(asMap(report.open.byOwner)).toEqual(expectedBy(open, (m) => m.ownerId));
            expect(asMap(report.forecast.byCategory)).toEqual(
              expectedBy(open, (m) => stageInfo('distribution', m.stage)!.forecastCategory),
            );
            expect(new Map(report.forecast.byMonth.map((r) => [`${r.key}/${r.subKey}`, r.weighted]))).toEqual(
              new Map(
                [
                  ...expectedBy(
                    open,
                    (m) => `${m.closeMonth}/${stageInfo('distribution', m.stage)!.forecastCategory}`,
                  ),
                ].map(([k, v]) => [k, v.weighted]),
              ),
            );
            const won = visible.filter((m) => m.stage === 'won');
            const lost = visible.filter((m) => m.stage === 'lost');
            expect(report.closed.map((c) => [c.won, c.lost, c.wonAmount])).toEqual(
              won.length + lost.length === 0
                ? []
                : [[won.length, lost.length, won.reduce((s, m) => s + m.amount, 0)]],
            );
            expect(report.funnel).toMatchObject({
              opportunities: visible.length,
              wonOpportunities: won.length,
            });
          }
        }),
        { numRuns: 10 },
      );
    });

    it('weights each deal exactly, half up: three deals of 3 fen at 20% weigh 3 × 1 fen (not round(1.8) = 2, not 0)', async () => {
      const w = await openWorld(storage);
      const { otherRep } = w.org;
      const account = await w.crm.accounts.create(otherRep, { name: '经销商', kind: 'dealer' });
      for (const i of [1, 2, 3]) {
        await w.crm.opportunities.create(otherRep, {
          name: `tiny ${i}`,
          accountId: account.id,
          channel: 'distribution',
          lines: [{ sku: 'LS2208', quantity: 3, unitPrice: cny(1) }],
        });
      }
      const big = await w.crm.opportunities.create(otherRep, {
        name: 'big',
        accountId: account.id,
        channel: 'distribution',
        lines: [{ sku: 'LS2208', quantity: 9_000, unitPrice: cny(999_999_999_99) }],
      });
      await w.crm.opportunities.advance(otherRep, big.id, { to: 'proposal' });
      const report = await pipeline(w.crm, otherRep);
      expect(report.open.byStage.map((r) => [r.key, r.amount, r.weighted])).toEqual([
        ['qualification', 9, 3],
        ['proposal', 899_999_999_991_000, 449_999_999_995_500],
      ]);
      expect(report.open.totals).toEqual([
        expect.objectContaining({ count: 4, amount: 899_999_999_991_009, weighted: 449_999_999_995_503 }),
      ]);
    });

    it("names every row in the reader's language: a workspace's own stages in its words and its order", async () => {
      const w = await openWorld(storage);
      const { admin, otherRep, otherManager } = w.org;
      const open = (id: string, label: string | { 'zh-CN': string; en: string }, probability: number) =>
        ({ id, label, probability, forecastCategory: 'pipeline', staleAfterDays: 7, kind: 'open' }) as const;
      await w.crm.config.update(admin, {
        expectedVersion: 0,
        pipelines: {
          distribution: [
            open('visit', { 'zh-CN': '上门拜访', en: 'Site visit' }, 20),
            { ...open('offer', '报价单', 60), forecastCategory: 'commit' },
            { id: 'won', label: '成交', probability: 100, forecastCategory: 'closed', kind: 'won' },
            { id: 'lost', label: '丢单', probability: 0, forecastCategory: 'omitted', kind: 'lost' },
          ],
        },
      });
      const account = await w.crm.accounts.create(otherRep, { name: '经销商', kind: 'dealer' });
      const make = (name: string) => dealerDeal(w, otherRep, account.id, name);
      const offered = await make('报价中');
      await make('刚拜访');
      await w.crm.opportunities.advance(otherRep, offered.id, { to: 'offer' as never });

      const labels = async (locale: 'zh-CN' | 'en') => {
        const r = await pipeline(w.crm.with({ locale }), otherManager);
        const sorted = (rows: readonly { key: string | null; label: string }[]) =>
          rows.map((x) => [x.key, x.label]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
        return {
          // Pipeline order (visit before offer), not the ids' alphabetical order.
          byStage: r.open.byStage.map((x) => [x.key, x.label]),
          totals: r.open.totals.map((x) => x.label),
          byChannel: sorted(r.open.byChannel),
          byCategory: sorted(r.forecast.byCategory),
          months: [...new Set(r.forecast.byMonth.map((x) => x.label))],
        };
      };
      expect(await labels('zh-CN')).toEqual({
        byStage: [
          ['visit', '上门拜访'],
          ['offer', '报价单'],
        ],
        totals: ['合计'],
        byChannel: [['distribution', '分销']],
        byCategory: [
          ['commit', '承诺'],
          ['pipeline', '早期'],
        ],
        months: ['无预计成交日期'],
      });
      expect(await labels('en')).toEqual({
        byStage: [
          ['visit', 'Site visit'],
          ['offer', '报价单'],
        ],
        totals: ['total'],
        byChannel: [['distribution', 'distribution']],
        byCategory: [
          ['commit', 'commit'],
          ['pipeline', 'pipeline'],
        ],
        months: ['no close date'],
      });
    });

    it('win rate and average cycle time over deals closed in the period; the funnel counts what was created', async () => {
      const w = await openWorld(storage);
      const { otherRep, otherManager, manager } = w.org;
      const account = await w.crm.accounts.create(otherRep, { name: '经销商', kind: 'dealer' });
      const lead = await w.crm.leads.capture(otherRep, {
        source: 'inbound_call',
        receivedAt: '2026-03-02T09:00:00+08:00',
        company: '天津港物流中心',
        contact: { name: '陈主任' },
        channel: 'distribution',
      });
      await w.crm.leads.capture(otherRep, {
        source: 'web',
        receivedAt: '2026-03-02T09:00:00+08:00',
        company: '另一家',
        contact: { name: '王' },
        channel: 'distribution',
      });
      await w.crm.leads.qualify(otherRep, lead.id);
      const { opportunity: fromLead } = await w.crm.leads.convert(otherRep, lead.id, {});
      const make = (name: string) => dealerDeal(w, otherRep, account.id, name);
      const d1 = await make('d1');
      const d2 = await make('d2');
      void fromLead;
      w.clock.set('2026-03-12T01:00:00.000Z'); // 10 days after creation
      await w.crm.opportunities.win(otherRep, d1.id, { createOrder: {} });
      w.clock.set('2026-03-22T01:00:00.000Z');
      await w.crm.opportunities.lose(otherRep, d2.id, { reason: '预算取消' });

      const report = await pipeline(w.crm, otherManager, { from: '2026-03-01', to: '2026-03-31' });
      expect(report.closed).toEqual([
        { currency: 'CNY', won: 1, lost: 1, winRate: 0.5, wonAmount: 100_000, averageCycleDays: 10 },
      ]);
      expect(report.funnel).toEqual({
        leads: 2,
        convertedLeads: 1,
        opportunities: 3,
        wonOpportunities: 1,
        orders: 1,
        leadToOpportunity: 0.5,
        opportunityToWon: 1 / 3,
      });
      const april = await pipeline(w.crm, otherManager, { from: '2026-04-01', to: '2026-04-30' });
      expect(april.closed).toEqual([]);
      expect(april.funnel.leadToOpportunity).toBeNull();
      // The other team's manager sees none of it.
      const other = await pipeline(w.crm, manager, { from: '2026-03-01', to: '2026-03-31' });
      expect([other.closed, other.funnel.leads, other.open.byStage]).toEqual([[], 0, []]);
    });
  });
}
