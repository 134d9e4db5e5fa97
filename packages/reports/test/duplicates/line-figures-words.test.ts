import { renderBuiltIn } from '@gongfu/core';
import { DealDuplicateEngine, type DealRecord } from '@gongfu/reports';
import { describe, expect, it } from 'vitest';

const lines = [
  { sku: 'LS2208', category: 'laser_scanner', quantity: 200 },
  { sku: 'SRV-R740', category: 'server', quantity: 1 },
  { sku: 'WMS-STD', category: 'wms', quantity: 1 },
  { sku: 'SW-24', category: 'network', quantity: 8 },
];
const hengtong: DealRecord = {
  id: 'hengtong',
  name: '恒通 仓库扫描项目',
  ownerId: 'repA',
  accountId: 'acc-hengtong',
  accountName: '山东恒通系统集成有限公司',
  accountKind: 'system_integrator',
  accountKeys: [],
  endCustomer: null,
  lines,
  requiredDelivery: '2026-06-28',
  province: '37',
  amountMinor: 37_680_000,
  currency: 'CNY',
};
const ruida: DealRecord = {
  ...hengtong,
  id: 'ruida',
  name: '瑞达 仓储扫描项目',
  ownerId: 'repB',
  accountId: 'acc-ruida',
  accountName: '青岛瑞达信息技术有限公司',
  lines: [...lines.slice(0, 3), { sku: 'SW-24', category: 'network', quantity: 5 }],
  requiredDelivery: '2026-06-30',
  amountMinor: 38_200_000,
};

/**
 * In a tenant where no other deal holds the lines two deals share, the figures a line was read with
 * say nothing ("of the 0 other deals…", "the shared … is in 0 other deals, so it counts little"):
 * a manager reading the story pair must not be told them.
 */
describe('the line figures of a pair no other deal resembles', () => {
  const engine = new DealDuplicateEngine([hengtong, ruida]);
  const basket = engine.score('hengtong', 'ruida').signals.find((s) => s.name === 'basket');
  const message = basket?.message ?? { key: '', params: {} };

  it('names no figure of zero other deals, in zh-CN or en', () => {
    const zh = renderBuiltIn(message, 'zh-CN');
    const en = renderBuiltIn(message, 'en');
    expect(zh).toContain('200 台激光扫描器');
    expect(zh).not.toMatch(/另外 0 笔|另有 0 笔/);
    expect(en).not.toMatch(/\b0 other deals\b/);
  });
});
