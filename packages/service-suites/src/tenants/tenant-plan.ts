import type { CrmStorage, User } from '@gongfu/core';
import { type Crm, createCrm, type IdGenerator, ManualClock } from '@gongfu/core';
import fc from 'fast-check';

/**
 * Customers shared by every tenant, so a search or a duplicate scan that forgot its tenant would
 * find the other workspace's look-alike records.
 */
const COMPANIES = [
  '山东恒通系统集成有限公司',
  '济南华信系统集成',
  '青岛港务物流',
  'Acme Barcode Ltd',
] as const;
const REPS = ['repA', 'repB'] as const;

export interface DealPlan {
  company: (typeof COMPANIES)[number];
  rep: (typeof REPS)[number];
  quote: boolean;
  /** none → stays a lead; converted → opportunity; won → won; ordered → won with an order. */
  reach: 'lead' | 'converted' | 'won' | 'ordered';
  /** Book a cost of this many fen (on the deal when there is one, else on the lead). */
  cost: number | null;
  /** Schedule a visit this many days after the start. */
  visitDay: number | null;
}

export const dealPlanArb: fc.Arbitrary<DealPlan> = fc.record({
  company: fc.constantFrom(...COMPANIES),
  rep: fc.constantFrom(...REPS),
  quote: fc.boolean(),
  reach: fc.constantFrom('lead', 'converted', 'won', 'ordered'),
  cost: fc.option(fc.integer({ min: 1, max: 1_000_000 }), { nil: null }),
  visitDay: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
});

export const tenantPlanArb = fc.array(dealPlanArb, { minLength: 1, maxLength: 4 });

export const START = '2026-03-02T01:00:00.000Z';

/** A tenant built from a plan, and every id it holds (per read path), for the checks. */
export interface TenantFixture {
  tenantId: string;
  crm: Crm;
  clock: ManualClock;
  org: { admin: User; manager: User; repA: User; repB: User; presales: User };
  ids: {
    leads: string[];
    opportunities: string[];
    orders: string[];
    accounts: string[];
    contacts: string[];
    activities: string[];
    costs: string[];
  };
  /** Sum of every cost booked, in fen (all CNY). */
  costTotal: number;
}

/** Ids `<prefix>_<tag><n>`: distinct tags give tenants disjoint ids, equal tags the very same ids. */
export function taggedIds(tag: string): IdGenerator {
  const counters = new Map<string, number>();
  return {
    next(prefix) {
      const n = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, n);
      return `${prefix}_${tag}${n}`;
    },
  };
}

const cny = (amount: number) => ({ amount, currency: 'CNY' });

/** Creates the tenant, its sales team and the planned deals, all through `createCrm`. */
export async function buildTenant(
  storage: CrmStorage,
  tenantId: string,
  idTag: string,
  plan: readonly DealPlan[],
): Promise<TenantFixture> {
  await storage.tenants.create({ id: tenantId, name: `workspace ${tenantId}`, createdAt: START });
  const clock = new ManualClock(START);
  const crm = createCrm({ storage, tenant: tenantId, clock, ids: taggedIds(idTag) });
  const admin = await crm.users.create(crm.system, { name: 'Admin', role: 'admin' });
  // Lines are checked against the catalogue (the default): the one product every deal sells.
  await crm.products.create(admin, {
    sku: 'LS2208',
    name: 'LS2208 laser scanner',
    category: 'laser_scanner',
  });
  const manager = await crm.users.create(admin, { name: '李庆成', role: 'sales_manager' });
  const rep = (name: string) =>
    crm.users.create(manager, { name, role: 'sales_rep', managerId: manager.id, channel: 'key_account' });
  const org = {
    admin,
    manager,
    repA: await rep('销售员甲'),
    repB: await rep('销售员乙'),
    presales: await crm.users.create(admin, { name: '售前工程师', role: 'presales_engineer' }),
  };
  const f: TenantFixture = {
    tenantId,
    crm,
    clock,
    org,
    ids: { leads: [], opportunities: [], orders: [], accounts: [], contacts: [], activities: [], costs: [] },
    costTotal: 0,
  };
  for (const deal of plan) await buildDeal(f, deal);
  return f;
}

async function buildDeal(f: TenantFixture, deal: DealPlan): Promise<void> {
  const { crm, org, ids } = f;
  const actor = org[deal.rep];
  const lead = await crm.leads.capture(actor, {
    source: 'inbound_call',
    receivedAt: '2026-03-02T09:15:00+08:00',
    company: deal.company,
    contact: { name: '王工', phone: '0531-8888 0000' },
    interests: [{ sku: 'LS2208', quantity: 200 }],
    channel: 'key_account',
    region: { province: '37' },
  });
  ids.leads.push(lead.id);
  const quoted = deal.quote || deal.reach === 'won' || deal.reach === 'ordered';
  if (quoted) {
    await crm.leads.quote(actor, lead.id, {
      sku: 'LS2208',
      quantity: 200,
      unitPrice: cny(120_000),
      validUntil: '2026-04-30',
    });
  }
  let dealId: string | null = null;
  if (deal.reach !== 'lead') {
    // A quote counts as working the lead; an unquoted one is qualified by hand first.
    if (!quoted) await crm.leads.qualify(actor, lead.id);
    const converted = await crm.leads.convert(actor, lead.id, {
      account: { kind: 'system_integrator' },
      team: [{ userId: org.presales.id, role: 'presales' }],
      requiredDelivery: '2026-06-30',
    });
    dealId = converted.opportunity.id;
    ids.opportunities.push(dealId);
    ids.accounts.push(converted.account.id);
    ids.contacts.push(converted.contact.id);
    if (deal.reach === 'won' || deal.reach === 'ordered') await crm.opportunities.win(actor, dealId);
    if (deal.reach === 'ordered') ids.orders.push((await crm.orders.createFromOpportunity(actor, dealId)).id);
  }
  if (deal.cost !== null) {
    const cost = await crm.costs.record(actor, {
      category: 'travel',
      amount: cny(deal.cost),
      incurredOn: '2026-03-02',
      ...(dealId ? { opportunityId: dealId } : { leadId: lead.id }),
    });
    ids.costs.push(cost.id);
    f.costTotal += deal.cost;
  }
  if (deal.visitDay !== null) {
    const startAt = new Date(Date.parse(START) + deal.visitDay * 86_400_000).toISOString();
    const visit = await crm.activities.schedule(actor, {
      kind: 'visit',
      subject: `visit ${deal.company}`,
      startAt,
      leadId: lead.id,
    });
    ids.activities.push(visit.id);
  }
}
