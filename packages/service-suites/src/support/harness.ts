import type { CrmOptions, CrmStorage, Lead, User } from '@gongfu/core';
import { type Crm, createCrm, ManualClock, sequentialIds } from '@gongfu/core';

/** Opens a fresh, migrated, empty storage; the suite closes it. */
export type StorageFactory = () => Promise<CrmStorage>;

/** The source document's sales department, as users of a fresh tenant. */
export interface SalesOrg {
  admin: User;
  /** 李庆成, the sales manager. */
  manager: User;
  /** 销售员甲 and 销售员乙, key-account reps under the manager. */
  repA: User;
  repB: User;
  /** A distribution rep under another manager. */
  otherManager: User;
  otherRep: User;
  presales: User;
  service: User;
}

export interface ServiceWorld {
  crm: Crm;
  clock: ManualClock;
  org: SalesOrg;
  storage: CrmStorage;
}

let tenantCounter = 0;

/** A new tenant on the given storage with the story's people in it, at 2026-03-02 09:00 Shanghai. */
export async function openWorld(
  storage: CrmStorage,
  start = '2026-03-02T01:00:00.000Z',
  catalogue: CrmOptions['catalogue'] = { skus: 'checked' },
): Promise<ServiceWorld> {
  const tenant = `t${Date.now().toString(36)}${(tenantCounter++).toString(36)}`;
  await storage.tenants.create({ id: tenant, name: tenant, createdAt: start });
  const clock = new ManualClock(start);
  const crm = createCrm({
    storage,
    tenant,
    clock,
    ids: sequentialIds(),
    timeZone: 'Asia/Shanghai',
    catalogue,
  });
  const admin = await crm.users.create(crm.system, { name: 'Admin', role: 'admin' });
  const manager = await crm.users.create(admin, {
    name: '李庆成',
    role: 'sales_manager',
    email: 'li@example.com',
  });
  const repA = await crm.users.create(manager, {
    name: '销售员甲',
    role: 'sales_rep',
    managerId: manager.id,
    channel: 'key_account',
  });
  const repB = await crm.users.create(manager, {
    name: '销售员乙',
    role: 'sales_rep',
    managerId: manager.id,
    channel: 'key_account',
  });
  const otherManager = await crm.users.create(admin, { name: '分销经理', role: 'sales_manager' });
  const otherRep = await crm.users.create(otherManager, {
    name: '分销员丙',
    role: 'sales_rep',
    managerId: otherManager.id,
    channel: 'distribution',
  });
  const presales = await crm.users.create(admin, { name: '售前工程师', role: 'presales_engineer' });
  const service = await crm.users.create(admin, { name: '服务工程师', role: 'service_engineer' });
  if (catalogue?.skus === 'checked') await seedStoryCatalogue(crm, admin);
  return {
    crm,
    clock,
    storage,
    org: { admin, manager, repA, repB, otherManager, otherRep, presales, service },
  };
}

/** A valid key-account lead as 销售员甲 would capture it. */
export function storyLead(overrides: Record<string, unknown> = {}) {
  return {
    source: 'inbound_call' as const,
    receivedAt: '2026-03-02T09:15:00+08:00',
    company: '山东恒通系统集成有限公司',
    contact: { name: '王工', phone: '0531-8888 0000' },
    interests: [
      { sku: 'LS2208', quantity: 200 },
      { sku: 'SRV-R740', quantity: 1 },
    ],
    channel: 'key_account' as const,
    region: { province: '37' },
    ...overrides,
  };
}

/**
 * The products the suites sell, in every tenant `openWorld` opens with lines checked against the
 * catalogue (the default). No list prices: a test that relies on one sets it.
 */
export const STORY_CATALOGUE: readonly (readonly [sku: string, category: string])[] = [
  ['LS2208', 'laser_scanner'],
  ['LS4208', 'laser_scanner'],
  ['DS2208', 'imager'],
  ['MC3300', 'mobile_computer'],
  ['X-1', 'misc'],
  ['X1', 'misc'],
  ['SRV-R740', 'server'],
  ['LS-2000', 'laser_scanner'],
  ['LI4278', 'wireless_scanner'],
  ['DS4308', 'imager'],
  ['ZT410', 'printer'],
  ['SW-24', 'network'],
  ['NET-SW24', 'network'],
  ['WMS-STD', 'wms'],
  ['WMS-PRO', 'wms'],
  ['CRADLE-01', 'accessory'],
  ['HH-201', 'mobile_computer'],
  ['KIT-1', 'accessory'],
  ['LAS-1', 'laser_scanner'],
  ['SKU-A', 'misc'],
  ['SKU-B', 'misc'],
  ['SKU-C', 'misc'],
  ['SKU-SEED', 'misc'],
  ['X', 'misc'],
];

async function seedStoryCatalogue(crm: Crm, admin: User): Promise<void> {
  for (const [sku, category] of STORY_CATALOGUE)
    await crm.products.create(admin, { sku, name: sku, category });
}

/**
 * A lead of `company` captured by `rep`, quoted 200 × `sku` at `unitPriceMinor` fen: one side of a
 * conflicting-quotes story (the reminder suites here, the reports' conflict suites).
 */
export async function quoteAs(
  w: ServiceWorld,
  rep: User,
  company: string,
  sku: string,
  unitPriceMinor: number,
): Promise<Lead> {
  const lead = await w.crm.leads.capture(
    rep,
    storyLead({ company, contact: { name: `${rep.name}的联系人` } }),
  );
  await w.crm.leads.quote(rep, lead.id, {
    sku,
    quantity: 200,
    unitPrice: { amount: unitPriceMinor, currency: 'CNY' },
    validUntil: '2026-06-30',
  });
  return lead;
}
