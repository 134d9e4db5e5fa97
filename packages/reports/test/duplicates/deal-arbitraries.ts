import type { DealRecord } from '@gongfu/reports';
import fc from 'fast-check';

// Small alphabets on purpose: generated deals must collide often enough to form candidate pairs.
const product = fc.constantFrom(
  { sku: 'LS2208', category: 'laser_scanner' },
  { sku: 'DS4308', category: 'laser_scanner' },
  { sku: 'SRV-R740', category: 'server' },
  { sku: 'WMS-STD', category: 'wms' },
  { sku: 'SW-24', category: 'network' },
  { sku: 'X-1', category: null },
);
const line = fc.record({ product, quantity: fc.constantFrom(1, 2, 5, 30, 195, 200, 210) }).map((l) => ({
  ...l.product,
  quantity: l.quantity,
}));
const day = fc
  .integer({ min: 0, max: 120 })
  .map((d) => new Date(Date.UTC(2026, 5, 1) + d * 86_400_000).toISOString().slice(0, 10));
const account = fc.constantFrom(
  { accountId: 'a1', accountName: '山东恒通系统集成有限公司', accountKind: 'system_integrator' },
  { accountId: 'a2', accountName: '山東恆通系統集成有限公司', accountKind: 'system_integrator' },
  { accountId: 'a3', accountName: '青岛瑞达信息技术有限公司', accountKind: 'system_integrator' },
  { accountId: 'a4', accountName: 'Hengtong System Integration Co., Ltd.', accountKind: null },
  { accountId: 'a5', accountName: '济南瑞达信息科技有限公司', accountKind: 'dealer' },
  { accountId: 'a6', accountName: '山东恒通系统集成有限公司青岛分公司', accountKind: 'end_user' },
);

export const dealFields = fc.record({
  account,
  accountKeys: fc.subarray(['cc:91370100MA3C5K1X2Y', 'cc:91370200MA3D6L2Y3Z', 'ph:+8653188880000']),
  lines: fc.array(line, { maxLength: 5 }),
  province: fc.option(fc.constantFrom('37', '32', '44'), { nil: null }),
  requiredDelivery: fc.option(day, { nil: null }),
  endCustomer: fc.option(fc.constantFrom('济南机场物流中心', '青岛港 二期', '青岛港二期'), { nil: null }),
  // Linked end-user accounts and tender numbers (two spellings of one): the strongest evidence.
  endCustomerAccountId: fc.option(fc.constantFrom('e1', 'e2'), { nil: null }),
  tender: fc.option(fc.constantFrom('SD-2026-0315', 'sd 2026 0315', 'SD-2026-0412'), { nil: null }),
  amountMinor: fc.constantFrom(0, 1_000_00, 19_600_000, 20_000_000, 36_900_000),
  currency: fc.constantFrom('CNY', 'CNY', 'USD'),
  ownerId: fc.constantFrom('u1', 'u2'),
});

export type DealFields = typeof dealFields extends fc.Arbitrary<infer T> ? T : never;

export function toRecord(f: DealFields, i: number): DealRecord {
  return {
    id: `d${String(i).padStart(3, '0')}`,
    name: `deal ${i}`,
    ownerId: f.ownerId,
    ...f.account,
    accountKeys: f.accountKeys,
    endCustomer: f.endCustomer,
    endCustomerAccountId: f.endCustomerAccountId,
    tender: f.tender,
    lines: f.lines,
    requiredDelivery: f.requiredDelivery,
    province: f.province,
    amountMinor: f.amountMinor,
    currency: f.currency,
  };
}

export const corpus = (maxLength: number) =>
  fc.array(dealFields, { minLength: 2, maxLength }).map((fs) => fs.map(toRecord));
