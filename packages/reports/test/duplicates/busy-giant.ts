import { DealDuplicateEngine, type DealRecord, type DuplicateWeights } from '@gongfu/reports';
import { CorpusStats, checkedBasket, statKeys } from '../../src/duplicates/corpus-stats.js';
import { plainDeal } from './plain-deal.js';

/**
 * A busy giant entered under re-typed accounts, for the tests of one customer under two accounts
 * (`one-customer-accounts`, `only-deal`): 40 other deals, the giant's 30 (山东恒通机电有限公司),
 * `retyped` deals under re-typed accounts (恒通机电; each account id with its deal ids), and a
 * small customer entered twice (青岛海鑫物流有限公司 / 海鑫物流).
 */
export function busyGiantDeals(retyped: readonly [string, string][]): DealRecord[] {
  return [
    ...Array.from({ length: 40 }, (_, i) => plainDeal(`o${i}`)),
    ...Array.from({ length: 30 }, (_, i) =>
      plainDeal(`g${i}`, { accountId: 'giant', accountName: '山东恒通机电有限公司' }),
    ),
    ...retyped.map(([accountId, id]) => plainDeal(id, { accountId, accountName: '恒通机电' })),
    plainDeal('s', { accountId: 'small', accountName: '青岛海鑫物流有限公司' }),
    plainDeal('s-re', { accountId: 'small-re', accountName: '海鑫物流' }),
  ];
}

/** The customer signal of two deals as the engine scores them. */
export const customerOf = (engine: DealDuplicateEngine, a: string, b: string) =>
  engine.score(a, b).signals.find((s) => s.name === 'customer');

/**
 * The giant's deal g0 checked against its customer's other deals (every account whose id starts
 * with "giant") on statistics holding only the keys a stored check reads: the pairs found.
 */
export function storedCheckOfGiant(records: readonly DealRecord[], weights: DuplicateWeights) {
  const counts = new Map<string, number>();
  for (const r of records) for (const k of statKeys(r)) counts.set(k, (counts.get(k) ?? 0) + 1);
  const self = records.find((r) => r.id === 'g0') as DealRecord;
  const partners = records.filter((r) => r.id !== 'g0' && r.accountId.startsWith('giant'));
  const against = checkedBasket(self);
  const read = new Set(statKeys(self));
  for (const p of partners) for (const k of statKeys(p, against)) read.add(k);
  const stored = CorpusStats.fromCounts(new Map([...read].map((k) => [k, counts.get(k) ?? 0])));
  stored.weights = weights;
  return DealDuplicateEngine.checkAgainst(self, partners, stored, { minScore: -40, limit: 100 });
}
