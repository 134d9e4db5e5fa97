import type { Account, ActorRef, Crm, Opportunity } from '@gongfu/core';
import { openWorld, type ServiceWorld, type StorageFactory } from '@gongfu/service-suites';

const price = (yuan: number) => ({ amount: yuan * 100, currency: 'CNY' });

const CATALOGUE = [
  { sku: 'LS2208', name: 'LS2208 laser scanner', category: 'laser_scanner', listPrice: price(980) },
  { sku: 'DS4308', name: 'DS4308 imager', category: 'laser_scanner', listPrice: price(1200) },
  { sku: 'SRV-R740', name: 'PowerEdge R740', category: 'server', listPrice: price(32_000) },
  { sku: 'WMS-STD', name: 'Warehouse management solution', category: 'wms', listPrice: price(120_000) },
  { sku: 'SW-24', name: '24-port switch', category: 'network', listPrice: price(3_500) },
  { sku: 'ZT410', name: 'ZT410 label printer', category: 'label_printer', listPrice: price(9_800) },
] as const;

type Line = { sku: string; quantity: number };
const unit: Record<string, number> = Object.fromEntries(
  CATALOGUE.map((p) => [p.sku, p.listPrice.amount / 100]),
);

export async function deal(
  crm: Crm,
  actor: ActorRef,
  account: Account,
  name: string,
  lines: readonly Line[],
  requiredDelivery: string,
  province = '37',
): Promise<Opportunity> {
  return crm.opportunities.create(actor, {
    name,
    accountId: account.id,
    channel: 'key_account',
    lines: lines.map((l) => ({ ...l, unitPrice: price(unit[l.sku] ?? 100) })),
    requiredDelivery,
    region: { province },
  });
}

/** The basket of the story: 200 laser scanners, a server, a WMS and some network gear. */
export const STORY_BASKET: Line[] = [
  { sku: 'LS2208', quantity: 200 },
  { sku: 'SRV-R740', quantity: 1 },
  { sku: 'WMS-STD', quantity: 1 },
  { sku: 'SW-24', quantity: 8 },
];
/** A standard bundle sold all the time: it must count for little. */
export const STANDARD_BUNDLE: Line[] = [
  { sku: 'SRV-R740', quantity: 1 },
  { sku: 'LS2208', quantity: 5 },
  { sku: 'ZT410', quantity: 1 },
];

export interface StoryWorld extends ServiceWorld {
  hengtong: Account;
  ruida: Account;
  /** 销售员甲's deal with 山东恒通 and 销售员乙's with 青岛瑞达: one deal in truth. */
  dealA: Opportunity;
  dealB: Opportunity;
  decoys: Opportunity[];
}

/**
 * The opening story on a fresh storage of any engine: two reps, two integrators in Shandong, one
 * basket, delivery two days apart — among decoys that share the standard bundle or the province but
 * not the rest. The storage is the caller's to close (`world.storage`).
 */
export async function openStoryWorld(makeStorage: StorageFactory): Promise<StoryWorld> {
  return seedStory(await openWorld(await makeStorage()));
}

/** The story's catalogue, customers and deals, added to a tenant that already has the story's people. */
export async function seedStory(world: ServiceWorld): Promise<StoryWorld> {
  const { crm, org } = world;
  // The harness already stocks the story's SKUs (without prices): this world prices and files them.
  for (const { sku, ...p } of CATALOGUE) {
    const stocked = await crm.products.get(org.admin, sku).catch(() => null);
    if (stocked) await crm.products.update(org.admin, sku, p);
    else await crm.products.create(org.admin, { sku, ...p });
  }
  const account = (actor: ActorRef, name: string, kind: 'system_integrator' | 'end_user' | 'dealer') =>
    crm.accounts.create(actor, { name, kind, region: { province: '37' } });
  const hengtong = await account(org.repA, '山东恒通系统集成有限公司', 'system_integrator');
  const ruida = await account(org.repB, '青岛瑞达信息技术有限公司', 'system_integrator');
  const huayu = await account(org.repA, '济南华宇物流有限公司', 'end_user');
  const xinhai = await account(org.repB, '烟台新海贸易有限公司', 'dealer');
  const boda = await account(org.repA, '潍坊博达仓储有限公司', 'end_user');
  const dealA = await deal(crm, org.repA, hengtong, '恒通 仓库扫描项目', STORY_BASKET, '2026-06-28');
  const dealB = await deal(
    crm,
    org.repB,
    ruida,
    '瑞达 物流中心条码改造',
    [...STORY_BASKET.slice(0, 3), { sku: 'SW-24', quantity: 6 }],
    '2026-06-30',
  );
  const decoys = [
    await deal(crm, org.repA, huayu, '华宇 标准套装', STANDARD_BUNDLE, '2026-04-10'),
    await deal(crm, org.repB, xinhai, '新海 标准套装', STANDARD_BUNDLE, '2026-09-15'),
    await deal(crm, org.repA, boda, '博达 标准套装', STANDARD_BUNDLE, '2026-12-01'),
    await deal(crm, org.repB, xinhai, '新海 扫描枪补货', [{ sku: 'DS4308', quantity: 30 }], '2026-06-29'),
  ];
  return { ...world, hengtong, ruida, dealA, dealB, decoys };
}
