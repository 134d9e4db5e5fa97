import type { DealLine, DealRecord } from '@gongfu/reports';

/**
 * A small tenant's deals for the basket tests (common kits, line reading): each deal of its own
 * customer in Shandong with a one-off line; each test varies what it measures.
 */
export const deal = (id: string, over: Partial<DealRecord> = {}): DealRecord => ({
  id,
  name: id,
  ownerId: `rep-${id}`,
  accountId: `acc-${id}`,
  accountName: `山东${id}科技有限公司`,
  accountKind: 'end_user',
  accountKeys: [],
  endCustomer: null,
  lines: [{ sku: `ONE-${id}`, category: null, quantity: 37 }],
  requiredDelivery: '2026-06-01',
  province: '37',
  amountMinor: 1_000_000,
  currency: 'CNY',
  ...over,
});

/** The date `d` days after 2026-01-01. */
/** A deal of customer `account` (its account and Chinese trade name) holding `lines`, due `delivery`. */
export const kitDeal = (
  id: string,
  account: string,
  lines: DealLine[],
  delivery: string | null,
): DealRecord =>
  deal(id, {
    accountId: `acc-${account}`,
    accountName: `山东${account}有限公司`,
    lines,
    requiredDelivery: delivery,
  });

export const day = (d: number) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);

/** Provinces the tenant's other deals are spread over. */
export const provinces = ['11', '31', '32', '33', '37', '44'];

/** The basket clause of a scored pair. */
export const basketOf = <S extends { name: string }>(s: { signals: S[] }) =>
  s.signals.find((x) => x.name === 'basket');

/** 2,000 one-off projects of their own customers, spread over six provinces and two years. */
export const oneOffProjects = (): DealRecord[] =>
  Array.from({ length: 2000 }, (_, i) =>
    deal(`o${i}`, { province: provinces[i % 6] as string, requiredDelivery: day((i * 7) % 700) }),
  );

/** The first of `oneOffProjects` entered a second time by its customer (`o0-copy`). */
export function copiedProject(projects: readonly DealRecord[]): DealRecord {
  const first = projects[0];
  return deal('o0-copy', {
    accountId: 'acc-o0',
    accountName: '山东o0科技有限公司',
    lines: first?.lines,
    requiredDelivery: first?.requiredDelivery ?? null,
    province: first?.province ?? null,
  });
}
