import type { CalendarDate, Opportunity, User } from '@gongfu/core';
import { shiftCalendarDate } from '@gongfu/core';
import type { ServiceWorld } from '@gongfu/service-suites';
import fc from 'fast-check';

export const cny = (amount: number) => ({ amount, currency: 'CNY' });

/** A report period within 70 days of `base`, either end possibly open. */
export const periodArb = (base: CalendarDate) =>
  fc.record({ from: fc.option(fc.nat(70)), to: fc.option(fc.nat(70)) }).map(({ from, to }) => {
    const [a, b] = from !== null && to !== null && from > to ? [to, from] : [from, to];
    return {
      ...(a === null ? {} : { from: shiftCalendarDate(base, a) }),
      ...(b === null ? {} : { to: shiftCalendarDate(base, b) }),
    } as { from?: CalendarDate; to?: CalendarDate };
  });

/** The three salespeople of the story's org, in a fixed order generators index into. */
export const spenders = (w: ServiceWorld): User[] => [w.org.repA, w.org.repB, w.org.otherRep];

/** One account and one open deal per salesperson, in their own channel. */
export async function dealsPerRep(w: ServiceWorld): Promise<Opportunity[]> {
  const out: Opportunity[] = [];
  for (const [i, rep] of spenders(w).entries()) {
    const account = await w.crm.accounts.create(rep, { name: `客户 ${i}`, kind: 'system_integrator' });
    out.push(
      await w.crm.opportunities.create(rep, {
        name: `项目 ${i}`,
        accountId: account.id,
        channel: rep.channel ?? 'key_account',
      }),
    );
  }
  return out;
}

/**
 * Who may see what `spender` spent, by the written rule (not the code under test): admins all,
 * managers their reports, salespeople their own.
 */
export function mayView(w: ServiceWorld, viewer: User, owner: string): boolean {
  if (viewer.role === 'admin') return true;
  if (viewer.id === owner) return true;
  const ownerUser = [w.org.repA, w.org.repB, w.org.otherRep].find((u) => u.id === owner);
  return ownerUser?.managerId === viewer.id;
}

export const viewers = (w: ServiceWorld): User[] => [
  w.org.admin,
  w.org.manager,
  w.org.otherManager,
  w.org.repA,
  w.org.repB,
  w.org.otherRep,
];

/** Adds to a `key|currency` → {count, amount} map, exactly (BigInt, then back). */
export function tally(
  map: Map<string, { count: number; amount: bigint }>,
  key: string | null,
  currency: string,
  amount: number,
): void {
  const id = `${key}|${currency}`;
  const t = map.get(id) ?? { count: 0, amount: 0n };
  t.count += 1;
  t.amount += BigInt(amount);
  map.set(id, t);
}

export function asRows(map: Map<string, { count: number; amount: bigint }>) {
  return [...map.entries()]
    .map(([id, t]) => ({ id, count: t.count, amount: Number(t.amount) }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}
