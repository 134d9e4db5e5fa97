import {
  type Account,
  type Contact,
  type CrmStorage,
  createCrm,
  type IdGenerator,
  type Opportunity,
  type User,
} from '@gongfu/core';
import { openWorld, storyLead } from '@gongfu/service-suites';
import { type StoryWorld, seedStory } from '../duplicates/story-world.js';
import { cny } from './fixtures.js';

/** One real company's unified social credit code, registered in both workspaces. */
const CREDIT_CODE = '91370600MA3C8K2L7Q';

/** Ids `<prefix>_<tag><n>`, so a row of one tenant is recognisable wherever it turns up. */
function taggedIds(tag: string): IdGenerator {
  let n = 0;
  return { next: (prefix) => `${prefix}_${tag}${++n}` };
}

export interface BookedCost {
  id: string;
  spender: string;
  opportunityId: string | null;
  amount: number;
}

/** A workspace holding the story, a customer and a contact entered twice, costs, a lead and a won deal. */
export interface ReportTenant extends StoryWorld {
  /** Matches every id this tenant's service generated: records, history, reminders. */
  ownId: RegExp;
  /** A rep who exists in this tenant only (the people of `openWorld` share ids across tenants). */
  extraRep: User;
  accountPair: [Account, Account];
  contactPair: [Contact, Contact];
  won: Opportunity;
  /** Every opportunity made, open or won, as created. */
  deals: Opportunity[];
  costs: BookedCost[];
}

/**
 * A new tenant on `storage` with the same data as every other tenant made here — same names, SKUs,
 * province, dates and amounts — so any pair across two tenants would look like a perfect duplicate
 * and any mixed total would be off by exactly one tenant's worth. Only the id tag differs.
 */
export async function openReportTenant(storage: CrmStorage, tag: string): Promise<ReportTenant> {
  const base = await openWorld(storage);
  const crm = createCrm({
    storage,
    tenant: base.crm.tenantId,
    clock: base.clock,
    ids: taggedIds(tag),
    timeZone: base.crm.timeZone,
  });
  const world = await seedStory({ ...base, crm });
  const { org, hengtong } = world;
  const extraRep = await crm.users.create(org.manager, {
    name: '销售员丁',
    role: 'sales_rep',
    managerId: org.manager.id,
    channel: 'key_account',
  });
  const company = { kind: 'end_user', region: { province: '37' }, creditCode: CREDIT_CODE } as const;
  const accountPair: [Account, Account] = [
    await crm.accounts.create(org.repA, {
      ...company,
      name: '烟台鲁信仓储设备有限公司',
      phones: ['0535-6666 1234'],
    }),
    await crm.accounts.create(org.repB, {
      ...company,
      name: '煙台魯信倉儲設備股份有限公司',
      phones: ['+86 535 66661234'],
    }),
  ];
  const contactPair: [Contact, Contact] = [
    await crm.contacts.create(org.repA, { accountId: hengtong.id, name: '王芳', mobile: '138 0013 8000' }),
    await crm.contacts.create(org.repA, { accountId: hengtong.id, name: '王 芳', mobile: '+8613800138000' }),
  ];
  const won = await crm.opportunities.create(org.repA, {
    name: '恒通 一期',
    accountId: hengtong.id,
    channel: 'key_account',
    team: [{ userId: org.presales.id, role: 'presales' }],
    lines: [{ sku: 'LS2208', quantity: 50, unitPrice: cny(98_000) }],
    requiredDelivery: '2026-05-01',
    region: { province: '37' },
  });
  await crm.opportunities.win(org.repA, won.id);
  const spent = [
    { by: org.repA, amount: 126_050, opportunityId: world.dealA.id },
    { by: org.repB, amount: 88_000, opportunityId: world.dealB.id },
    { by: org.repA, amount: 500_000, opportunityId: won.id },
    { by: org.repA, amount: 3_300, opportunityId: null },
  ];
  const costs: BookedCost[] = [];
  for (const c of spent) {
    const cost = await crm.costs.record(c.by, {
      category: 'travel',
      amount: cny(c.amount),
      incurredOn: '2026-03-02',
      ...(c.opportunityId ? { opportunityId: c.opportunityId } : { accountId: hengtong.id }),
    });
    costs.push({ id: cost.id, spender: c.by.id, opportunityId: c.opportunityId, amount: c.amount });
  }
  // Yesterday's calls and leads, for the morning review of 3 March.
  const lead = await crm.leads.capture(org.repA, storyLead());
  await crm.leads.quote(org.repA, lead.id, {
    sku: 'LS2208',
    quantity: 200,
    unitPrice: cny(98_000),
    validUntil: '2026-03-31',
  });
  await crm.leads.logContact(org.repA, lead.id, {
    kind: 'call',
    at: '2026-03-02T14:00:00+08:00',
    outcome: { metWith: '王工', opinion: 'positive', summary: '需要方案', nextStep: '拜访' },
  });
  await crm.leads.capture(extraRep, storyLead({ company: '青岛港务物流' }));
  return {
    ...world,
    ownId: new RegExp(`_${tag}\\d+$`),
    extraRep,
    accountPair,
    contactPair,
    won,
    deals: [world.dealA, world.dealB, ...world.decoys, won],
    costs,
  };
}
