import type { PreparedDeal } from './prepared-deal.js';

/**
 * Whether two deals are compared for what they buy alone: they share none of the keys that name who
 * buys (`block-keys.ts`: the account, its identity keys, trade name and pinyin, the end customer,
 * its account, the tender). Only such a pair can owe its meeting to a popular line's block split by
 * province and delivery month, so only its line is read past the block cap (`comparedHolders`); a
 * pair that shares a name key is compared for the name, province and month unselected, and two deals
 * of one customer are read as `account-reading.ts` says.
 */
export function metByLine(x: PreparedDeal, y: PreparedDeal): boolean {
  const [a, b] = [x.record, y.record];
  if (a.accountId === b.accountId) return false;
  for (const key of a.accountKeys) if (b.accountKeys.includes(key)) return false;
  if (x.customer.tradeName.length >= 2 && x.customer.tradeName === y.customer.tradeName) return false;
  if (x.customer.pinyin.length >= 4 && x.customer.pinyin === y.customer.pinyin) return false;
  if (x.endCustomer !== null && x.endCustomer === y.endCustomer) return false;
  if (x.endCustomerAccountId !== null && x.endCustomerAccountId === y.endCustomerAccountId) return false;
  return x.tender === null || x.tender !== y.tender;
}
