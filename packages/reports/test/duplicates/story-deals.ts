import type { DealRecord } from '@gongfu/reports';

/** The source document's story deal, as the pure engine sees it. */
export const storyDeal: DealRecord = {
  id: 'hengtong',
  name: '恒通 仓库扫描项目',
  ownerId: 'repA',
  accountId: 'acc-hengtong',
  accountName: '山东恒通系统集成有限公司',
  accountKind: 'system_integrator',
  accountKeys: [],
  endCustomer: null,
  lines: [
    { sku: 'LS2208', category: 'laser_scanner', quantity: 200 },
    { sku: 'SRV-R740', category: 'server', quantity: 1 },
    { sku: 'WMS-STD', category: 'wms', quantity: 1 },
    { sku: 'SW-24', category: 'network', quantity: 8 },
  ],
  requiredDelivery: '2026-06-28',
  province: '37',
  amountMinor: 36_200_000,
  currency: 'CNY',
};
/** The same deal entered again: same rep, same customer, same basket and date. */
export const exactCopy: DealRecord = { ...storyDeal, id: 'hengtong-again' };
/** The story twin: 销售员乙 through another Shandong integrator, two days later, 6 switches. */
export const storyTwin: DealRecord = {
  ...storyDeal,
  id: 'ruida',
  name: '瑞达 物流中心条码改造',
  ownerId: 'repB',
  accountId: 'acc-ruida',
  accountName: '青岛瑞达信息技术有限公司',
  lines: [...storyDeal.lines.slice(0, 3), { sku: 'SW-24', category: 'network', quantity: 6 }],
  requiredDelivery: '2026-06-30',
  amountMinor: 36_193_000,
};
