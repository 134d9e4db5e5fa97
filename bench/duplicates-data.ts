/**
 * Seeded generator of opportunities for the duplicate-deal benchmark: a realistic background, planted
 * duplicates of three kinds and hard non-duplicates, with the truth about every planted pair.
 */
import type { DealLine, DealRecord } from '@gongfu/reports';
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';

export type DupKind = 'same_customer' | 'story' | 'hard';
export type DecoyKind = 'bundle_months' | 'twin_names' | 'branch';
export interface Generated {
  records: DealRecord[];
  /** pair key → kind, for planted duplicates. */
  truth: Map<string, DupKind>;
  /** pair key → kind, for planted hard non-duplicates. */
  decoys: Map<string, DecoyKind>;
}

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
const CATEGORIES: Record<string, { skus: number; price: number }> = {
  laser_scanner: { skus: 8, price: 980 },
  imager: { skus: 5, price: 1500 },
  rfid_reader: { skus: 4, price: 6000 },
  label_printer: { skus: 5, price: 9800 },
  mobile_computer: { skus: 6, price: 7000 },
  server: { skus: 4, price: 32000 },
  wms: { skus: 2, price: 120000 },
  network: { skus: 5, price: 3500 },
  access_point: { skus: 3, price: 2200 },
  service: { skus: 3, price: 5000 },
};
const CATALOGUE = Object.entries(CATEGORIES).flatMap(([category, c]) =>
  Array.from({ length: c.skus }, (_, i) => ({
    sku: `${category.slice(0, 3).toUpperCase()}-${i + 1}`,
    category,
    price: c.price * (1 + i * 0.15),
  })),
);
const PRICE = new Map(CATALOGUE.map((p) => [p.sku, p.price]));
const BUNDLES: DealLine[][] = [
  [line('SER-1', 1), line('LAS-1', 5), line('LAB-1', 1)],
  [line('SER-1', 1), line('NET-1', 2)],
  [line('LAS-1', 10), line('LAB-2', 2)],
  [line('MOB-1', 5), line('ACC-1', 2)],
  [line('SER-2', 1)],
];
const PROVINCES = [
  '37',
  '37',
  '37',
  '37',
  '32',
  '32',
  '44',
  '44',
  '33',
  '11',
  '31',
  '41',
  '42',
  '51',
  '13',
  '21',
  '35',
  '34',
  '43',
  '61',
];
const CITIES: Record<string, string[]> = {
  '37': ['济南', '青岛', '烟台', '潍坊', '淄博', '临沂'],
  '32': ['南京', '苏州', '无锡'],
  '44': ['广州', '深圳', '佛山'],
  '33': ['杭州', '宁波'],
  '11': ['北京'],
  '31': ['上海'],
  '41': ['郑州'],
  '42': ['武汉'],
  '51': ['成都'],
  '13': ['石家庄'],
  '21': ['沈阳', '大连'],
  '35': ['厦门', '福州'],
  '34': ['合肥'],
  '43': ['长沙'],
  '61': ['西安'],
};
const PROVINCE_ZH: Record<string, string> = {
  '37': '山东',
  '32': '江苏',
  '44': '广东',
  '33': '浙江',
  '11': '北京',
  '31': '上海',
  '41': '河南',
  '42': '湖北',
  '51': '四川',
  '13': '河北',
  '21': '辽宁',
  '35': '福建',
  '34': '安徽',
  '43': '湖南',
  '61': '陕西',
};
const TRADE_CHARS =
  '恒通瑞达华宇新海博达金信天成宏远鑫源中科海特联创万佳和正泰东方汇丰永盛泰安德隆兴旺昌隆凯越明辉腾飞锦程卓越云峰睿智启航优联捷诚鼎立浩然嘉禾';
const INDUSTRIES = [
  ['系统集成', 'System Integration'],
  ['信息技术', 'Information Technology'],
  ['物流', 'Logistics'],
  ['科技', 'Technology'],
  ['仓储', 'Warehousing'],
  ['电子', 'Electronics'],
  ['贸易', 'Trading'],
] as const;
const KINDS = ['system_integrator', 'system_integrator', 'end_user', 'end_user', 'dealer', 'distributor'];

function line(sku: string, quantity: number): DealLine {
  const p = CATALOGUE.find((c) => c.sku === sku);
  return { sku, category: p?.category ?? null, quantity };
}

interface Company {
  id: string;
  name: string;
  trade: string;
  industry: (typeof INDUSTRIES)[number];
  kind: string;
  province: string;
  city: string;
  keys: string[];
}

export function generate(n: number, seed = 42): Generated {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  let companySeq = 0;
  let dealSeq = 0;
  const company = (o: Partial<Company> = {}): Company => {
    const province = o.province ?? pick(PROVINCES);
    const city = pick(CITIES[province] ?? ['']);
    const trade = o.trade ?? `${pick([...TRADE_CHARS])}${pick([...TRADE_CHARS])}`;
    const industry = o.industry ?? pick(INDUSTRIES);
    const kind = o.kind ?? pick(KINDS);
    const id = `acc${companySeq++}`;
    const keys = [`ph:+86${int(130, 189)}${String(int(0, 99_999_999)).padStart(8, '0')}`];
    if (r() < 0.6) keys.push(`cc:9137${String(int(0, 1e12)).padStart(14, '0')}`);
    const prefix = r() < 0.5 ? (PROVINCE_ZH[province] ?? '') : city;
    return {
      id,
      name: o.name ?? `${prefix}${trade}${industry[0]}有限公司`,
      trade,
      industry,
      kind,
      province,
      city,
      keys,
      ...o,
    };
  };
  const day = (d: number) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
  const amount = (lines: readonly DealLine[]) =>
    Math.round(lines.reduce((s, l) => s + (PRICE.get(l.sku) ?? 100) * l.quantity, 0) * 100);
  const mk = (c: Company, lines: DealLine[], delivery: number, o: Partial<DealRecord> = {}): DealRecord => ({
    id: `opp${dealSeq++}`,
    name: `${c.trade} project`,
    ownerId: `rep${int(1, 60)}`,
    accountId: c.id,
    accountName: c.name,
    accountKind: c.kind,
    accountKeys: c.keys,
    endCustomer: null,
    lines,
    requiredDelivery: day(delivery),
    province: c.province,
    amountMinor: amount(lines),
    currency: 'CNY',
    ...o,
  });
  const randomLine = (big = false): DealLine => {
    const p = pick(CATALOGUE);
    const q = big ? int(50, 500) : Math.max(1, Math.round(Math.exp(r() * Math.log(200))));
    return { sku: p.sku, category: p.category, quantity: q };
  };
  const project = (): DealLine[] => {
    const lines = [randomLine(true)];
    for (let i = int(3, 5); i > 1; i--) lines.push(randomLine());
    return dedupe(lines);
  };
  const records: DealRecord[] = [];
  const truth = new Map<string, DupKind>();
  const decoys = new Map<string, DecoyKind>();
  const key = (a: DealRecord, b: DealRecord) =>
    a.id < b.id ? `${a.id}\u0000${b.id}` : `${b.id}\u0000${a.id}`;
  const companies: Company[] = Array.from({ length: Math.max(50, Math.round(n / 3)) }, () => company());

  const planted = Math.max(10, Math.round(n * 0.01));
  for (let i = 0; i < planted; i++) {
    // The same customer entered twice, the name spelled differently.
    const c = pick(companies);
    const a = mk(c, project(), int(60, 700));
    const alias = { ...c, id: `acc${companySeq++}`, name: noisyName(c, r), keys: r() < 0.5 ? c.keys : [] };
    const b = mk(alias, jiggle(a.lines, r, 0.05), dayOf(a) + int(-3, 3));
    records.push(a, b);
    truth.set(key(a, b), 'same_customer');
  }
  for (let i = 0; i < planted; i++) {
    // The story: two integrators in one province, one basket, delivery within a week.
    const c1 = company({ kind: 'system_integrator' });
    const c2 = company({ kind: 'system_integrator', province: c1.province });
    const a = mk(c1, project(), int(60, 700));
    const lines = jiggle(a.lines, r, 0.05);
    if (r() < 0.3) lines.push(randomLine());
    const b = mk(c2, dedupe(lines), dayOf(a) + int(-7, 7));
    records.push(a, b);
    truth.set(key(a, b), 'story');
  }
  for (let i = 0; i < planted; i++) {
    // The hard case: a month apart, two lines changed, amount ±20%.
    const c1 = company();
    const c2 = company({ province: c1.province });
    const base = project();
    while (base.length < 4) base.push(randomLine());
    const a = mk(c1, dedupe(base), int(60, 700));
    const lines = [...a.lines];
    lines[lines.length - 1] = randomLine();
    lines[lines.length - 2] = randomLine();
    const b = mk(c2, dedupe(lines), dayOf(a) + int(-30, 30));
    records.push(a, { ...b, amountMinor: Math.round(a.amountMinor * (0.8 + r() * 0.4)) });
    truth.set(key(a, records[records.length - 1]!), 'hard');
  }
  for (let i = 0; i < planted; i++) {
    // The same standard bundle, the same province, months apart.
    const bundle = pick(BUNDLES);
    const c1 = company();
    const c2 = company({ province: c1.province });
    const a = mk(c1, bundle, int(60, 500));
    const b = mk(c2, bundle, dayOf(a) + int(60, 200) * (r() < 0.5 ? -1 : 1));
    records.push(a, b);
    decoys.set(key(a, b), 'bundle_months');
    // Two real companies with near-identical names.
    const t1 = company();
    const t2 = company({ trade: t1.trade, province: t1.province, industry: pick(INDUSTRIES) });
    const ta = mk(t1, project(), int(60, 700));
    const tb = mk(t2, project(), int(60, 700));
    records.push(ta, tb);
    decoys.set(key(ta, tb), 'twin_names');
    // Head office and its branch, buying separately.
    const head = company();
    const branch = {
      ...head,
      id: `acc${companySeq++}`,
      name: `${head.name}${head.city}分公司`,
      keys: [`ph:+86${int(130, 189)}${int(10_000_000, 99_999_999)}`],
    };
    const ha = mk(head, project(), int(60, 700));
    const hb = mk(branch, project(), int(60, 700));
    records.push(ha, hb);
    decoys.set(key(ha, hb), 'branch');
  }
  while (records.length < n) {
    const c = pick(companies);
    const lines =
      r() < 0.4
        ? pick(BUNDLES)
        : r() < 0.5
          ? project()
          : dedupe(Array.from({ length: int(1, 3) }, () => randomLine()));
    records.push(mk(c, lines, int(0, 730)));
  }
  // Shuffle so planted pairs are not neighbours.
  for (let i = records.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [records[i], records[j]] = [records[j]!, records[i]!];
  }
  return { records, truth, decoys };
}

function dayOf(d: DealRecord): number {
  return Math.round(
    Date.parse(`${d.requiredDelivery}T00:00:00Z`) / 86_400_000 - Date.UTC(2026, 0, 1) / 86_400_000,
  );
}

function dedupe(lines: DealLine[]): DealLine[] {
  const seen = new Set<string>();
  return lines.filter((l) => !seen.has(l.sku) && seen.add(l.sku));
}

/** The basket copied by hand: one quantity off by up to `share`. */
function jiggle(lines: readonly DealLine[], r: () => number, share: number): DealLine[] {
  const copy = lines.map((l) => ({ ...l }));
  const target = copy[Math.floor(r() * copy.length)];
  if (target) target.quantity = Math.max(1, Math.round(target.quantity * (1 + (r() * 2 - 1) * share)));
  return copy;
}

function noisyName(c: Company, r: () => number): string {
  const variant = Math.floor(r() * 5);
  if (variant === 0) return toTraditional(c.name);
  if (variant === 1) return c.name.replace('有限公司', '');
  if (variant === 2) return `${c.trade}${c.industry[0]}(${c.city})有限公司`;
  if (variant === 3) {
    const py = pinyin(c.trade, { toneType: 'none', separator: '' });
    return `${py.charAt(0).toUpperCase()}${py.slice(1)} ${c.industry[1]} Co., Ltd.`;
  }
  return `${PROVINCE_ZH[c.province] ?? ''}省${c.trade}${c.industry[0]}股份有限公司`;
}
