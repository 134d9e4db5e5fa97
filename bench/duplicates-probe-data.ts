/**
 * The probe's world, written from the user's chair and independent of the other two generators:
 * an industrial-automation and instrumentation distributor (PLCs, drives, sensors, flow meters and
 * analysers with their reagents and electrodes, commissioning and maintenance contracts, and a small
 * auto-ID line), its reps in nine provinces, and a year and a half of deals as people type them.
 *
 * It only plans: `plan(n)` returns plain records (users, products, accounts, deals) and the planted
 * truth. `duplicates-probe-load.ts` enters the plan through the public commands.
 *
 * What makes it hard, on purpose and as in real data: about a third of the deals are one of 30
 * standard kits in round set counts; a few sensor SKUs are in a third of the project baskets; customer sizes
 * follow a power law (a few plants order every month); consumables and maintenance contracts
 * repeat (not duplicates); integrators bid on many tenders; deliveries bunch at month ends, in the
 * spring tender season and before the year end; unrelated companies share trade names.
 */

import {
  KITS,
  PRODUCTS,
  type ProbeProduct,
  productOf,
  type Ratio,
  SET_COUNTS,
  siblingsOf,
} from './duplicates-probe-catalogue.js';
import {
  type CompanyParts,
  companyParts,
  nameVariant,
  PROVINCES,
  type ProbeKind,
  registeredName,
} from './duplicates-probe-names.js';
import { type ProbeRng, probeRng } from './duplicates-probe-rng.js';

export { PRODUCTS, type ProbeProduct, productOf } from './duplicates-probe-catalogue.js';
export { probeRng } from './duplicates-probe-rng.js';

export interface PlannedUser {
  key: string;
  name: string;
  role: 'sales_rep' | 'sales_manager';
  managerKey: string | null;
  province: string;
}
export interface PlannedAccount {
  key: string;
  name: string;
  kind: ProbeKind;
  province: string;
  phones: string[];
  ownerKey: string;
}
export interface PlannedLine {
  sku: string;
  quantity: number;
  /** Unit price in yuan (list price with the customer's discount tier). */
  price: number;
}
export interface PlannedDeal {
  key: string;
  name: string;
  accountKey: string;
  ownerKey: string;
  channel: 'key_account' | 'distribution';
  lines: PlannedLine[];
  requiredDelivery: string;
  province: string;
  /** The end customer as the rep typed it, with the tender number when they had it. */
  endCustomer?: { name: string; tender?: string };
  /** The end user whose project this is (the plan's truth; never loaded). */
  projectOf?: string;
}
export type PlantedKind = 'same_customer' | 'story' | 'hard';
export interface PlantedPair {
  a: string;
  b: string;
  kind: PlantedKind;
  /** What was varied between the two entries, for reading a miss. */
  how: string;
}
export interface ProbePlan {
  users: PlannedUser[];
  accounts: PlannedAccount[];
  deals: PlannedDeal[];
  planted: PlantedPair[];
  /** The source document's pair: 销售员甲 and 销售员乙, two Shandong integrators, one project. */
  story: { a: string; b: string };
}

/** Rates of planted pairs per deal (before the pairs' second sides are added). */
export const RATES: Record<PlantedKind, number> = { same_customer: 0.012, story: 0.01, hard: 0.006 };

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const addDays = (date: string, days: number) =>
  iso(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));

/** Month weights over 2026-01 … 2027-06: spring tenders (Mar–Apr), June, and the year end. */
const MONTH_WEIGHT = [1, 0.6, 2.2, 2.4, 1.2, 1.8, 1, 0.8, 1.2, 1.1, 2, 2.8, 1, 0.6, 2.2, 2.4, 1.2, 1.8];

function seasonalDate(rng: ProbeRng): string {
  const m = rng.weighted(MONTH_WEIGHT);
  const year = 2026 + Math.floor(m / 12);
  const month = (m % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  // People ask for the month's end or its middle far more often than any other day.
  const day = rng.chance(0.3) ? last : rng.chance(0.15) ? 15 : rng.int(1, last);
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * The plan for about `n` deals (the planted second sides included), deterministic per seed.
 * `n` ≥ 200.
 */
export function plan(n: number, seed = 20261205): ProbePlan {
  const rng = probeRng(seed);
  const users: PlannedUser[] = [];
  const repsByProvince = new Map<string, PlannedUser[]>();
  const surnames = '王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗高';
  const given = '伟芳娜敏静强磊军洋勇艳杰涛明超秀霞平刚桂';
  let person = 0;
  const personName = () => `${surnames[person % surnames.length]}${given[(person++ * 7) % given.length]}`;
  const repCount = Math.max(9, Math.min(90, Math.round(n / 120)));
  for (const [code, , weight] of PROVINCES) {
    const manager: PlannedUser = {
      key: `mgr-${code}`,
      name: `${personName()}(经理)`,
      role: 'sales_manager',
      managerKey: null,
      province: code,
    };
    users.push(manager);
    const reps: PlannedUser[] = [];
    const count = Math.max(1, Math.round((repCount * weight) / 54));
    for (let i = 0; i < count; i++)
      reps.push({
        key: `rep-${code}-${i}`,
        name: personName(),
        role: 'sales_rep',
        managerKey: manager.key,
        province: code,
      });
    users.push(...reps);
    repsByProvince.set(code, reps);
  }
  // The story's two salespeople: 销售员甲 and 销售员乙 in Shandong.
  const jia: PlannedUser = {
    key: 'rep-jia',
    name: '销售员甲',
    role: 'sales_rep',
    managerKey: 'mgr-37',
    province: '37',
  };
  const yi: PlannedUser = {
    key: 'rep-yi',
    name: '销售员乙',
    role: 'sales_rep',
    managerKey: 'mgr-37',
    province: '37',
  };
  users.push(jia, yi);
  repsByProvince.get('37')?.push(jia, yi);

  const provinceWeights = PROVINCES.map(([, , w]) => w);
  const provinceDraw = () => PROVINCES[rng.weighted(provinceWeights)] as (typeof PROVINCES)[number];

  const accounts: PlannedAccount[] = [];
  const parts = new Map<string, CompanyParts>();
  const makeAccount = (kind: ProbeKind): PlannedAccount => {
    const [province, cities] = provinceDraw();
    const p = companyParts(rng, kind, cities);
    const owner = rng.pick(repsByProvince.get(province) ?? []);
    const account: PlannedAccount = {
      key: `acc-${accounts.length}`,
      name: registeredName(p),
      kind,
      province,
      phones: rng.chance(0.4)
        ? [`+86 ${rng.int(130, 189)} ${rng.int(1000, 9999)} ${rng.int(1000, 9999)}`]
        : [],
      ownerKey: owner.key,
    };
    accounts.push(account);
    parts.set(account.key, p);
    return account;
  };
  const endUsers = Array.from({ length: Math.max(20, Math.round(n / 7)) }, () => makeAccount('end_user'));
  const integrators = Array.from({ length: Math.max(8, Math.round(n / 45)) }, () =>
    makeAccount('system_integrator'),
  );
  const dealers = Array.from({ length: Math.max(5, Math.round(n / 80)) }, () => makeAccount('dealer'));
  // Skewed sizes: the first customers of each list are the big plants and the busy integrators.
  const endUserDraw = rng.zipf(endUsers.length, 1.05);
  const integratorDraw = rng.zipf(integrators.length, 0.9);
  const dealerDraw = rng.zipf(dealers.length, 1.0);
  const integratorsIn = (province: string) => integrators.filter((a) => a.province === province);
  const tierOf = new Map<string, number>();
  const discount = (accountKey: string) => {
    const known = tierOf.get(accountKey);
    if (known !== undefined) return known;
    const tier = rng.pick([1, 1, 0.95, 0.9, 0.85, 0.8]);
    tierOf.set(accountKey, tier);
    return tier;
  };

  const popularity = PRODUCTS.map((p) => p.popularity);
  const popularSku = () => (PRODUCTS[rng.weighted(popularity)] as ProbeProduct).sku;
  const projectQuantity = (sku: string) => {
    const c = productOf(sku).category;
    if (c === 'prox_sensor' || c === 'photo_sensor' || c === 'cable')
      return rng.chance(0.5) ? rng.pick([50, 100, 200, 300, 500]) : rng.int(12, 480);
    if (c.startsWith('service') || c === 'scada' || c === 'wms' || c === 'server')
      return rng.chance(0.7) ? 1 : rng.int(2, 10);
    return rng.chance(0.4) ? rng.pick([2, 4, 5, 8, 10, 20]) : rng.int(1, 24);
  };
  const linesOf = (items: [string, number][], accountKey: string): PlannedLine[] =>
    items.map(([sku, quantity]) => ({
      sku,
      quantity,
      price: Math.round(productOf(sku).price * discount(accountKey)),
    }));

  const deals: PlannedDeal[] = [];
  const planted: PlantedPair[] = [];
  const tenderNo = (province: string) =>
    `${province}ZB-${rng.int(2026, 2027)}-${pad(rng.int(1, 99))}${rng.int(10, 99)}`;
  const endCustomerTyped = (e: PlannedAccount) => {
    const p = parts.get(e.key) as CompanyParts;
    if (rng.chance(0.5)) return e.name;
    return nameVariant(rng, p).name;
  };

  /** One ordinary deal of the year; the planted ones are added after. */
  const ordinaryDeal = (): PlannedDeal => {
    const key = `deal-${deals.length}`;
    const r = rng.next();
    if (r < 0.34) {
      // A standard kit in a round set count, to an end user or a dealer.
      const kitNo = rng.int(0, KITS.length - 1);
      const kit = KITS[kitNo] as Ratio[];
      const account = rng.chance(0.6)
        ? (endUsers[endUserDraw()] as PlannedAccount)
        : (dealers[dealerDraw()] as PlannedAccount);
      const sets = rng.pick(SET_COUNTS);
      return {
        key,
        name: `${shortName(account)} 标准套装${kitNo + 1} ×${sets}`,
        accountKey: account.key,
        ownerKey: account.ownerKey,
        channel: 'distribution',
        lines: linesOf(
          kit.map(([sku, per]) => [sku, per * sets]),
          account.key,
        ),
        requiredDelivery: seasonalDate(rng),
        province: account.province,
      };
    }
    if (r < 0.52) {
      // Consumables and spares: the big plants reorder the same things month after month.
      const account = endUsers[endUserDraw()] as PlannedAccount;
      const items: [string, number][] = [
        [
          rng.pick(['RG-COD-500', 'RG-NH3-500', 'EL-PH-S', 'EL-DO-M', 'PX-M12', 'CB-M12-2', 'PE-R10']),
          rng.pick([10, 20, 20, 50, 100]),
        ],
      ];
      if (rng.chance(0.4))
        items.push([rng.pick(['SVC-CAL', 'CB-ENC-5', 'PX-M18']), rng.pick([1, 5, 10, 20])]);
      return {
        key,
        name: `${shortName(account)} 备件补货`,
        accountKey: account.key,
        ownerKey: account.ownerKey,
        channel: 'distribution',
        lines: linesOf(dedupeSkus(items), account.key),
        requiredDelivery: seasonalDate(rng),
        province: account.province,
      };
    }
    if (r < 0.6) {
      // Maintenance and calibration contracts, renewed every year.
      const account = endUsers[endUserDraw()] as PlannedAccount;
      return {
        key,
        name: `${shortName(account)} 年度维保`,
        accountKey: account.key,
        ownerKey: account.ownerKey,
        channel: 'key_account',
        lines: linesOf(
          [
            [rng.pick(['SVC-AMC-1Y', 'SVC-AMC-1Y', 'SVC-AMC-3Y']), 1],
            ...(rng.chance(0.5) ? [['SVC-CAL', rng.pick([10, 20, 40])] as [string, number]] : []),
          ],
          account.key,
        ),
        requiredDelivery: seasonalDate(rng),
        province: account.province,
      };
    }
    // A project: 3–8 lines, direct or through an integrator bidding on the end user's tender.
    const endUser = endUsers[endUserDraw()] as PlannedAccount;
    const viaIntegrator = rng.chance(0.6);
    const local = integratorsIn(endUser.province);
    const account = viaIntegrator
      ? local.length > 0 && rng.chance(0.85)
        ? rng.pick(local)
        : (integrators[integratorDraw()] as PlannedAccount)
      : endUser;
    const size = rng.int(3, 8);
    const items = new Map<string, number>();
    while (items.size < size) {
      const sku = popularSku();
      if (!items.has(sku)) items.set(sku, projectQuantity(sku));
    }
    const deal: PlannedDeal = {
      key,
      name: `${shortName(endUser)} ${rng.pick(['产线改造', '自动化升级', '污水站仪表', 'DCS 扩容', '新厂区', '节能改造', '智能仓储'])} ${nextProjectNo(endUser.key)}号车间`,
      accountKey: account.key,
      ownerKey: account.ownerKey,
      channel: 'key_account',
      lines: linesOf([...items], account.key),
      requiredDelivery: seasonalDate(rng),
      province: endUser.province,
      projectOf: endUser.key,
    };
    if (viaIntegrator && rng.chance(0.5))
      deal.endCustomer = {
        name: endCustomerTyped(endUser),
        ...(rng.chance(0.4) ? { tender: tenderNo(endUser.province) } : {}),
      };
    return deal;
  };
  /** A big plant runs many projects at once: each gets its own workshop number in its name. */
  const projectsOf = new Map<string, number>();
  function nextProjectNo(endUserKey: string): number {
    const no = (projectsOf.get(endUserKey) ?? 0) + 1;
    projectsOf.set(endUserKey, no);
    return no;
  }
  function shortName(a: PlannedAccount): string {
    const p = parts.get(a.key);
    return p ? p.core : a.name.slice(0, 4);
  }

  const plantedPairs = (kind: PlantedKind) => Math.max(2, Math.round(n * RATES[kind]));
  const base = Math.max(
    50,
    n - plantedPairs('same_customer') - plantedPairs('story') - plantedPairs('hard') - 2,
  );
  for (let i = 0; i < base; i++) deals.push(ordinaryDeal());
  const dropped = spaceRepeatOrders(deals);
  const projects = deals.filter((d) => d.channel === 'key_account' && d.lines.length >= 3);
  // Past the dropped renewals' keys: every key stays unique, and a plan that dropped none is as before.
  const nextKey = () => `deal-${deals.length + dropped}`;
  const otherRep = (province: string, not: string) => {
    const reps = (repsByProvince.get(province) ?? []).filter((r) => r.key !== not);
    return reps.length > 0 ? rng.pick(reps).key : not;
  };
  /** Quantities as a second person types them: one line surely differs, each other one in four. */
  const jiggle = (lines: PlannedLine[]) => {
    const surely = rng.int(0, lines.length - 1);
    return lines.map((l, i) => ({
      ...l,
      quantity:
        i === surely || rng.chance(0.25) ? Math.max(1, l.quantity + rng.pick([-2, -1, 1, 2, 4])) : l.quantity,
    }));
  };

  // Each original is duplicated once, so every true pair is a planted pair (no implied third pairs).
  const used = new Set<string>();
  const unused = (pool: readonly PlannedDeal[]) => {
    for (let t = 0; t < 1000; t++) {
      const d = rng.pick(pool);
      if (!used.has(d.key)) {
        used.add(d.key);
        return d;
      }
    }
    return null;
  };

  // Same customer entered again: by a colleague or the same rep, often under a re-typed account.
  for (let i = 0; i < plantedPairs('same_customer'); i++) {
    const original = unused(deals.slice(0, base));
    if (!original) break;
    const account = accounts.find((a) => a.key === original.accountKey) as PlannedAccount;
    const hows: string[] = [];
    let accountKey = account.key;
    if (rng.chance(0.45)) {
      const v = nameVariant(rng, parts.get(account.key) as CompanyParts);
      const copy: PlannedAccount = {
        ...account,
        key: `acc-${accounts.length}`,
        name: v.name,
        phones: rng.chance(0.35) ? account.phones : [],
        ownerKey: otherRep(account.province, account.ownerKey),
      };
      accounts.push(copy);
      parts.set(copy.key, parts.get(account.key) as CompanyParts);
      accountKey = copy.key;
      hows.push(`account re-entered as 「${v.name}」 (${v.how})`);
    }
    const sameRep = accountKey === account.key && rng.chance(0.4);
    let lines = original.lines.map((l) => ({ ...l }));
    if (rng.chance(0.5)) {
      lines = jiggle(lines);
      hows.push('quantities retyped');
    }
    if (lines.length > 2 && rng.chance(0.2)) {
      lines = lines.slice(0, -1);
      hows.push('one line left out');
    }
    const shift = rng.chance(0.4) ? 0 : rng.int(-10, 10);
    if (shift !== 0) hows.push(`delivery ${shift > 0 ? '+' : ''}${shift} days`);
    const copy: PlannedDeal = {
      ...original,
      key: nextKey(),
      name: rng.chance(0.5) ? original.name : `${original.name}(重录)`,
      accountKey,
      ownerKey: sameRep ? original.ownerKey : otherRep(original.province, original.ownerKey),
      lines,
      requiredDelivery: addDays(original.requiredDelivery, shift),
    };
    if (hows.length === 0) hows.push('exact copy');
    deals.push(copy);
    planted.push({ a: original.key, b: copy.key, kind: 'same_customer', how: hows.join('; ') });
  }

  /** A second integrator's entry of a project: another rep, another integrator of the province. */
  const secondBid = (original: PlannedDeal, days: number, lines: PlannedLine[]): PlannedDeal | null => {
    const firstRep = original.ownerKey;
    const others = integratorsIn(original.province).filter((a) => a.key !== original.accountKey);
    if (others.length === 0) return null;
    const integrator = rng.pick(others);
    const endUserName = original.name.split(' ')[0] ?? '';
    const bid: PlannedDeal = {
      key: nextKey(),
      name: `${endUserName} ${rng.pick(['项目', '投标', '招标项目', '改造'])}`,
      accountKey: integrator.key,
      ownerKey: otherRep(original.province, firstRep),
      channel: 'key_account',
      lines: lines.map((l) => ({
        ...l,
        price: Math.round(productOf(l.sku).price * discount(integrator.key)),
      })),
      requiredDelivery: addDays(original.requiredDelivery, days),
      province: original.province,
    };
    return bid;
  };
  const endCustomerOfProject = (d: PlannedDeal) => endUsers.find((e) => e.key === d.projectOf);

  // The story kind: one end customer's project entered by two reps through two integrators.
  const integratorProjects = projects.filter(
    (d) => accounts.find((a) => a.key === d.accountKey)?.kind === 'system_integrator',
  );
  for (let i = 0, tries = 0; i < plantedPairs('story') && tries < 50 * n; tries++) {
    const original = unused(integratorProjects);
    if (!original) break;
    const hows: string[] = [];
    let lines = original.lines.map((l) => ({ ...l }));
    if (rng.chance(0.5)) {
      lines = jiggle(lines);
      hows.push('some quantities differ');
    }
    const days = rng.chance(0.5) ? 0 : rng.int(-7, 7);
    if (days !== 0) hows.push(`delivery ${days > 0 ? '+' : ''}${days} days`);
    const bid = secondBid(original, days, lines);
    if (!bid) continue;
    const endUser = endCustomerOfProject(original);
    if (endUser && rng.chance(0.5)) {
      bid.endCustomer = { name: endCustomerTyped(endUser) };
      hows.push(`end customer typed 「${bid.endCustomer.name}」 on the second bid`);
    }
    if (!original.endCustomer) hows.push('no end customer on the first bid');
    deals.push(bid);
    planted.push({
      a: original.key,
      b: bid.key,
      kind: 'story',
      how: hows.join('; ') || 'same basket, same day',
    });
    i++;
  }

  // Hard: the same project, but partial basket overlap, other accounts and a month between dates.
  for (let i = 0, tries = 0; i < plantedPairs('hard') && tries < 50 * n; tries++) {
    const original = unused(projects.filter((d) => d.lines.length >= 4));
    if (!original) break;
    const hows: string[] = [];
    let lines = original.lines.map((l) => ({ ...l }));
    const swap = rng.int(0, lines.length - 1);
    const sibling = siblingsOf((lines[swap] as PlannedLine).sku).find(
      (p) => !lines.some((l) => l.sku === p.sku),
    );
    if (sibling && rng.chance(0.6)) {
      lines[swap] = { ...(lines[swap] as PlannedLine), sku: sibling.sku };
      hows.push(`${original.lines[swap]?.sku} → ${sibling.sku}`);
    } else {
      lines.splice(swap, 1);
      hows.push(`${original.lines[swap]?.sku} left out`);
    }
    if (rng.chance(0.5)) {
      const extra = popularSku();
      if (!lines.some((l) => l.sku === extra)) {
        lines.push({ sku: extra, quantity: projectQuantity(extra), price: productOf(extra).price });
        hows.push(`${extra} added`);
      }
    }
    lines = jiggle(lines);
    const days = rng.pick([-1, 1]) * rng.int(20, 40);
    hows.push(`delivery ${days > 0 ? '+' : ''}${days} days`);
    const bid = secondBid(original, days, lines);
    if (!bid) continue;
    deals.push(bid);
    planted.push({ a: original.key, b: bid.key, kind: 'hard', how: hows.join('; ') });
    i++;
  }

  // The source document's pair, planted as told: 200 laser scanners, a server, a WMS and network
  // gear, both customers Shandong integrators, delivery the same, 销售员甲 and 销售员乙.
  const hengtong: PlannedAccount = {
    key: 'acc-story-a',
    name: '山东恒通系统集成有限公司',
    kind: 'system_integrator',
    province: '37',
    phones: [],
    ownerKey: jia.key,
  };
  const ruida: PlannedAccount = {
    key: 'acc-story-b',
    name: '青岛瑞达信息技术有限公司',
    kind: 'system_integrator',
    province: '37',
    phones: [],
    ownerKey: yi.key,
  };
  accounts.push(hengtong, ruida);
  const storyLines = (switches: number): PlannedLine[] => [
    { sku: 'SCN-L200', quantity: 200, price: 980 },
    { sku: 'SRV-2U', quantity: 1, price: 32_000 },
    { sku: 'WMS-LIC', quantity: 1, price: 120_000 },
    { sku: 'NET-ES16', quantity: switches, price: 3_400 },
  ];
  const storyA: PlannedDeal = {
    key: 'deal-story-a',
    name: '恒通 仓库扫描项目',
    accountKey: hengtong.key,
    ownerKey: jia.key,
    channel: 'key_account',
    lines: storyLines(8),
    requiredDelivery: '2026-06-28',
    province: '37',
  };
  const storyB: PlannedDeal = {
    ...storyA,
    key: 'deal-story-b',
    name: '瑞达 物流中心条码改造',
    accountKey: ruida.key,
    ownerKey: yi.key,
    lines: storyLines(6),
    requiredDelivery: '2026-06-30',
  };
  deals.push(storyA, storyB);
  planted.push({ a: storyA.key, b: storyB.key, kind: 'story', how: 'the source document’s pair' });
  return { users, accounts, deals, planted, story: { a: storyA.key, b: storyB.key } };
}

/** The last delivery date the public commands accept (docs/input.md: 1970-01-01 … 2199-12-31). */
const LATEST_DELIVERY = '2199-12-31';

/**
 * A customer reorders the same basket at a steady rhythm, not twice in a week: the same account's
 * identical baskets are moved apart to at least four weeks (a year for maintenance contracts), so
 * the only near-identical orders of one customer are the planted re-entries. A giant's yearly
 * contracts at 100,000 deals would run past the last date the commands accept: those renewals are
 * left out of the plan (none is at 30,000 deals, whose plan is unchanged). Returns how many.
 */
function spaceRepeatOrders(deals: PlannedDeal[]): number {
  const groups = new Map<string, PlannedDeal[]>();
  for (const d of deals) {
    const basket = d.lines
      .map((l) => `${l.sku}×${l.quantity}`)
      .sort()
      .join('+');
    const key = `${d.accountKey} ${basket}`;
    const group = groups.get(key);
    if (group) group.push(d);
    else groups.set(key, [d]);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const gap = group[0]?.lines.some((l) => l.sku.startsWith('SVC-AMC')) ? 365 : 28;
    group.sort((a, b) => a.requiredDelivery.localeCompare(b.requiredDelivery));
    for (let i = 1; i < group.length; i++) {
      const earliest = addDays((group[i - 1] as PlannedDeal).requiredDelivery, gap);
      const d = group[i] as PlannedDeal;
      if (d.requiredDelivery < earliest) d.requiredDelivery = earliest;
    }
  }
  const kept = deals.filter((d) => d.requiredDelivery <= LATEST_DELIVERY);
  const dropped = deals.length - kept.length;
  deals.splice(0, deals.length, ...kept);
  return dropped;
}

function dedupeSkus(items: [string, number][]): [string, number][] {
  const seen = new Map<string, number>();
  for (const [sku, q] of items) seen.set(sku, (seen.get(sku) ?? 0) + q);
  return [...seen];
}
