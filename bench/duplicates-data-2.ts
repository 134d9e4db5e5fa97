/**
 * A second, independent generator for the duplicate-deal benchmark, written from its own brief and
 * used for evaluation only (never for tuning): a distributor's catalogue of device families with
 * accessories and consumables, a few dozen standard kits (1–3 lines in round quantities) that about
 * a third of all deals are, customers whose sizes are skewed (a few buy all the time), integrators
 * that bid on many tenders, seasonal delivery dates, and its own company-name noise. Planted
 * duplicates of the same three kinds as `duplicates-data.ts` (same customer re-entered, the story —
 * one end customer through two integrators — and the hard kind: one line swapped, amounts apart),
 * some as clusters of three; hard non-duplicates are repeat orders of one kit by one customer.
 */
import type { DealLine, DealRecord } from '@gongfu/reports';
import { pinyin } from 'pinyin-pro';
import { type DecoyKind, type DupKind, type Generated, generate, rng } from './duplicates-data.js';

interface Product {
  sku: string;
  category: string;
  price: number;
  /** Accessories that come with it, per unit. */
  accessories: { sku: string; perUnit: number }[];
}

const FAMILIES: { prefix: string; category: string; count: number; price: number; acc: string[] }[] = [
  { prefix: 'HH-20', category: 'mobile_computer', count: 6, price: 6200, acc: ['BAT-20', 'CRD-20'] },
  { prefix: 'RT-1', category: 'rugged_tablet', count: 3, price: 9800, acc: ['CASE-1'] },
  { prefix: 'PRE-100', category: 'presentation_scanner', count: 10, price: 1100, acc: [] },
  { prefix: 'SC-3', category: 'handheld_scanner', count: 12, price: 650, acc: ['STD-3'] },
  { prefix: 'PR-D', category: 'desktop_printer', count: 4, price: 2600, acc: ['LBL-100'] },
  { prefix: 'PR-T', category: 'industrial_printer', count: 3, price: 14_000, acc: ['RIB-110'] },
  { prefix: 'RF-', category: 'rfid_reader', count: 3, price: 8800, acc: ['ANT-4'] },
  { prefix: 'KS-', category: 'kiosk', count: 2, price: 21_000, acc: [] },
  { prefix: 'AP-', category: 'access_point', count: 4, price: 1900, acc: [] },
  { prefix: 'SRV-', category: 'server', count: 3, price: 42_000, acc: [] },
];
const ACCESSORIES: Product[] = [
  ['BAT-20', 'battery', 260],
  ['CRD-20', 'cradle', 900],
  ['CASE-1', 'case', 380],
  ['STD-3', 'stand', 120],
  ['LBL-100', 'labels', 45],
  ['RIB-110', 'ribbon', 160],
  ['ANT-4', 'antenna', 1200],
  ['SW-MDM', 'licence', 300],
  ['SV-INST', 'service', 800],
  ['SV-3Y', 'service', 1500],
].map(([sku, category, price]) => ({
  sku: sku as string,
  category: category as string,
  price: price as number,
  accessories: [],
}));
const DEVICES: Product[] = FAMILIES.flatMap((f) =>
  Array.from({ length: f.count }, (_, i) => ({
    sku: `${f.prefix}${f.count > 9 && i < 10 ? i : i + 1}${f.prefix.endsWith('-') ? '0' : ''}`,
    category: f.category,
    price: Math.round(f.price * (1 + i * 0.08)),
    accessories: f.acc.map((sku, k) => ({ sku, perUnit: k === 0 ? 1 : 0.2 })),
  })),
);
const PRODUCTS = new Map([...DEVICES, ...ACCESSORIES].map((p) => [p.sku, p]));

/** Province codes, skewed towards the coast, as this distributor sells. */
const PROVINCES = [
  '44',
  '44',
  '44',
  '44',
  '32',
  '32',
  '32',
  '33',
  '33',
  '37',
  '37',
  '13',
  '13',
  '11',
  '31',
  '50',
  '51',
  '42',
  '35',
  '12',
];
const CITIES: Record<string, string[]> = {
  '44': ['广州', '深圳', '东莞', '佛山', '珠海'],
  '32': ['南京', '苏州', '常州'],
  '33': ['杭州', '宁波', '温州'],
  '37': ['济南', '青岛'],
  '13': ['石家庄', '保定', '廊坊'],
  '11': ['北京'],
  '31': ['上海'],
  '50': ['重庆'],
  '51': ['成都', '绵阳'],
  '42': ['武汉'],
  '35': ['厦门'],
  '12': ['天津'],
};
const TRADE = '德润嘉诚联拓宏盛安捷中瑞博远华信启明金鼎天泽晟达凯捷众合新锐蓝海智航宝利同创亿丰和泰';
/** Homophones a rep might type instead (a different spelling of the same name). */
const HOMOPHONE: Record<string, string> = {
  德: '得',
  润: '闰',
  嘉: '佳',
  诚: '成',
  盛: '胜',
  捷: '杰',
  瑞: '锐',
  信: '欣',
  明: '铭',
  达: '大',
  丰: '峰',
  泰: '太',
  华: '化',
  航: '行',
};
const INDUSTRY = [
  ['智能科技', 'Intelligent Technology'],
  ['信息系统', 'Information Systems'],
  ['供应链管理', 'Supply Chain'],
  ['医疗器械', 'Medical Devices'],
  ['商贸', 'Commerce'],
  ['数码', 'Digital'],
] as const;
const END_PLACES = [
  '人民医院',
  '中心医院',
  '物流园',
  '冷链仓',
  '连锁超市',
  '配送中心',
  '机场货站',
  '制造园区',
];
/** Relative weight of each delivery month: budgets close in December, tenders open in spring. */
const SEASON = [0.5, 0.3, 1.4, 1.1, 0.9, 1.0, 0.8, 0.8, 1.5, 1.2, 1.6, 2.0];

interface Company {
  id: string;
  name: string;
  trade: string;
  city: string;
  industry: (typeof INDUSTRY)[number];
  kind: string;
  province: string;
  keys: string[];
}

export function generate2(n: number, seed = 2027): Generated {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const ROUND = [10, 20, 50, 100] as const;
  let companySeq = 0;
  let dealSeq = 0;
  const records: DealRecord[] = [];
  const truth = new Map<string, DupKind>();
  const decoys = new Map<string, DecoyKind>();
  const key = (a: DealRecord, b: DealRecord) =>
    a.id < b.id ? `${a.id}\u0000${b.id}` : `${b.id}\u0000${a.id}`;

  const company = (kind: string, province = pick(PROVINCES)): Company => {
    const city = pick(CITIES[province] ?? ['']);
    const trade = `${pick([...TRADE])}${pick([...TRADE])}`;
    const industry = pick(INDUSTRY);
    const name =
      r() < 0.5 ? `${city}${trade}${industry[0]}有限责任公司` : `${trade}（${city}）${industry[0]}有限公司`;
    const keys = r() < 0.7 ? [`ph:+86${int(150, 199)}${String(int(0, 99_999_999)).padStart(8, '0')}`] : [];
    if (r() < 0.4) keys.push(`cc:91${String(int(0, 1e14)).padStart(16, '0')}`);
    return { id: `c2-${companySeq++}`, name, trade, city, industry, kind, province, keys };
  };

  // Customers of skewed sizes: weight 1/rank (a few key accounts buy all the time).
  const endUsers = Array.from({ length: Math.max(60, Math.round(n / 6)) }, () =>
    company(r() < 0.8 ? 'end_user' : 'dealer'),
  );
  const cumulative: number[] = [];
  endUsers.reduce((s, _, i) => {
    cumulative.push(s + 1 / (i + 1));
    return s + 1 / (i + 1);
  }, 0);
  const skewedCustomer = (): Company => {
    const x = r() * (cumulative[cumulative.length - 1] as number);
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return endUsers[lo] as Company;
  };
  // Integrators are few and each bids on many tenders.
  const integrators = Array.from({ length: Math.max(20, Math.round(n / 150)) }, () =>
    company('system_integrator'),
  );
  const integratorIn = (province: string): Company => {
    for (let i = 0; i < 8; i++) {
      const c = pick(integrators);
      if (c.province === province) return c;
    }
    return company('system_integrator', province);
  };

  const seasonalDay = (): number => {
    const total = SEASON.reduce((s, w) => s + w, 0);
    let x = r() * total;
    let month = 0;
    while (month < 11 && x > (SEASON[month] as number)) x -= SEASON[month++] as number;
    const year = 2026 + int(0, 1);
    const dayOfMonth = r() < 0.3 ? 28 : r() < 0.2 ? 15 : int(1, 28);
    return Math.round((Date.UTC(year, month, dayOfMonth) - Date.UTC(2026, 0, 1)) / 86_400_000);
  };
  const day = (d: number) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
  const dayOf = (d: DealRecord) =>
    d.requiredDelivery === null
      ? seasonalDay()
      : Math.round((Date.parse(`${d.requiredDelivery}T00:00:00Z`) - Date.UTC(2026, 0, 1)) / 86_400_000);

  const line = (sku: string, quantity: number): DealLine => ({
    sku,
    category: PRODUCTS.get(sku)?.category ?? null,
    quantity: Math.max(1, Math.round(quantity)),
  });
  const amountOf = (lines: readonly DealLine[], discount: number) =>
    Math.round(
      lines.reduce((s, l) => s + (PRODUCTS.get(l.sku)?.price ?? 100) * l.quantity, 0) * (1 - discount) * 100,
    );
  const withAccessories = (device: Product, q: number): DealLine[] => {
    const lines = [line(device.sku, q)];
    for (const a of device.accessories) if (r() < 0.5) lines.push(line(a.sku, Math.max(1, q * a.perUnit)));
    return lines;
  };
  const merged = (lines: DealLine[]): DealLine[] => {
    const seen = new Map<string, DealLine>();
    for (const l of lines) {
      const s = seen.get(l.sku);
      seen.set(l.sku, s ? { ...s, quantity: s.quantity + l.quantity } : l);
    }
    return [...seen.values()];
  };

  // A few dozen standard kits: 1–3 lines in round quantities, accessories in step.
  const KITS: DealLine[][] = Array.from({ length: 36 }, () => {
    const q = pick(ROUND);
    const lines = withAccessories(pick(DEVICES), q).slice(0, int(1, 2));
    if (lines.length < 3 && r() < 0.4) lines.push(line(pick(DEVICES).sku, pick(ROUND)));
    return merged(lines);
  });
  /** A project of its own: a main device, accessories, often printers or services, odd quantities too. */
  const project = (): DealLine[] => {
    const q = r() < 0.5 ? pick([...ROUND, 30, 40, 200, 500]) : int(3, 400);
    const lines = withAccessories(pick(DEVICES), q);
    for (let i = int(0, 3); i > 0; i--) {
      const extra = r() < 0.3 ? pick(ACCESSORIES) : pick(DEVICES);
      lines.push(line(extra.sku, r() < 0.5 ? pick([1, 2, 5, 10, 20]) : int(1, 60)));
    }
    return merged(lines);
  };
  const endCustomerText = (c: Company, year: number) =>
    `${c.city}${pick(END_PLACES)}${year}年${pick(['扫码设备', '移动终端', '仓储信息化', '条码打印'])}采购项目`;

  const mk = (c: Company, lines: DealLine[], delivery: number, o: Partial<DealRecord> = {}): DealRecord => ({
    id: `d2-${dealSeq++}`,
    name: `${c.trade} ${pick(['采购', '项目', '改造', '扩容'])}`,
    ownerId: `rep${int(1, 80)}`,
    accountId: c.id,
    accountName: c.name,
    accountKind: c.kind,
    accountKeys: c.keys,
    endCustomer: null,
    lines,
    requiredDelivery: r() < 0.04 ? null : day(delivery),
    province: r() < 0.03 ? null : c.province,
    amountMinor: amountOf(lines, r() * 0.12),
    currency: 'CNY',
    ...o,
  });
  const push = (...ds: DealRecord[]) => records.push(...ds);

  const [storyA, storyB] = seedStoryPair();
  push(storyA, storyB);
  truth.set(key(storyA, storyB), 'story');

  const nameVariant = (c: Company): string => {
    switch (int(0, 5)) {
      case 0:
        return c.name.replace('有限责任公司', '有限公司').replace('（', '(').replace('）', ')');
      case 1:
        return `${c.trade}${c.industry[0]}`;
      case 2:
        return c.name.replace(c.trade, [...c.trade].map((ch) => HOMOPHONE[ch] ?? ch).join(''));
      case 3: {
        const py = pinyin(c.trade, { toneType: 'none', separator: '' });
        return `${py.charAt(0).toUpperCase()}${py.slice(1)} ${c.industry[1]} Co., Ltd.`;
      }
      case 4:
        return c.name.replace(c.city, '').replace('（）', '');
      default:
        return `${c.city} ${c.trade} ${c.industry[0]}`;
    }
  };
  /** A re-typed basket: one quantity rounded or nudged, or one accessory left out. */
  const retyped = (lines: readonly DealLine[]): DealLine[] => {
    const copy = lines.map((l) => ({ ...l }));
    const t = copy[int(0, copy.length - 1)] as DealLine;
    const roll = r();
    if (roll < 0.35)
      t.quantity = t.quantity % 10 === 0 ? t.quantity - int(1, 4) : Math.round(t.quantity / 10) * 10 || 10;
    else if (roll < 0.55) t.quantity = Math.max(1, Math.round(t.quantity * (1 + (r() * 2 - 1) * 0.05)));
    else if (roll < 0.7 && copy.length > 2) {
      const acc = copy.findIndex((l) => ACCESSORIES.some((a) => a.sku === l.sku));
      if (acc >= 0) copy.splice(acc, 1);
    } else if (roll < 0.85) {
      // A sibling of the same family (PRE-1000 typed as PRE-1007).
      const siblings = DEVICES.filter((d) => d.category === t.category && d.sku !== t.sku);
      if (siblings.length > 0) t.sku = pick(siblings).sku;
    }
    return merged(copy);
  };

  const planted = Math.max(10, Math.round(n * 0.009));
  for (let i = 0; i < planted; i++) {
    // The same customer entered twice (sometimes three times) by different reps.
    const c = skewedCustomer();
    const a = mk(c, r() < 0.2 ? merged([...pick(KITS), ...project().slice(0, 1)]) : project(), seasonalDay());
    const copies = r() < 0.15 ? 2 : 1;
    const group = [a];
    for (let k = 0; k < copies; k++) {
      const alias =
        r() < 0.4
          ? c
          : { ...c, id: `c2-${companySeq++}`, name: nameVariant(c), keys: r() < 0.4 ? c.keys : [] };
      const lines = r() < 0.3 ? a.lines.map((l) => ({ ...l })) : retyped(a.lines);
      group.push(
        mk(alias, lines, dayOf(a) + int(-5, 5), {
          amountMinor: r() < 0.5 ? a.amountMinor : amountOf(lines, r() * 0.1),
        }),
      );
    }
    push(...group);
    for (let x = 0; x < group.length; x++)
      for (let y = x + 1; y < group.length; y++)
        truth.set(key(group[x] as DealRecord, group[y] as DealRecord), 'same_customer');
  }
  for (let i = 0; i < Math.round(planted * 1.2); i++) {
    // The story: one end customer's tender through two integrators of its province.
    const end = skewedCustomer();
    const i1 = integratorIn(end.province);
    let i2 = integratorIn(end.province);
    if (i2.id === i1.id) i2 = company('system_integrator', end.province);
    const tender = endCustomerText(end, 2026);
    const roll = r();
    const [ea, eb] =
      roll < 0.5 ? [tender, tender.replace('采购项目', '项目')] : roll < 0.75 ? [tender, null] : [null, null];
    const a = mk(i1, project(), seasonalDay(), { endCustomer: ea, province: end.province });
    const lines = retyped(a.lines);
    const b = mk(i2, lines, dayOf(a) + int(-10, 10), { endCustomer: eb, province: end.province });
    push(a, b);
    truth.set(key(a, b), 'story');
  }
  for (let i = 0; i < Math.round(planted * 0.5); i++) {
    // The hard kind: one line swapped for another product, the amount apart, weeks between.
    const c1 = r() < 0.5 ? skewedCustomer() : pick(integrators);
    const c2 = company(pick(['system_integrator', 'dealer', 'end_user']), c1.province);
    let base = project();
    while (base.length < 3) base = merged([...base, line(pick(DEVICES).sku, int(2, 80))]);
    const a = mk(c1, base, seasonalDay(), { province: c1.province });
    const lines = a.lines.map((l) => ({ ...l }));
    const at = int(0, lines.length - 1);
    lines[at] = line(pick(DEVICES).sku, int(1, 100));
    const b = mk(c2, merged(lines), dayOf(a) + int(-25, 25), { province: c1.province });
    push(a, b);
    truth.set(key(a, b), 'hard');
  }
  for (let i = 0; i < planted; i++) {
    // Hard non-duplicates: a customer re-orders its kit a season later (a second, real deal).
    const c = skewedCustomer();
    const kit = pick(KITS);
    const a = mk(c, kit, seasonalDay());
    const b = mk(c, kit, dayOf(a) + int(60, 150));
    push(a, b);
    decoys.set(key(a, b), 'bundle_months');
  }
  while (records.length < n) {
    const roll = r();
    if (roll < 0.34) push(mk(skewedCustomer(), pick(KITS), seasonalDay()));
    else if (roll < 0.55) {
      // An integrator's bid for some end customer's tender (one bid per tender).
      const end = skewedCustomer();
      const bidder = integratorIn(end.province);
      push(
        mk(bidder, project(), seasonalDay(), {
          province: end.province,
          endCustomer: r() < 0.6 ? endCustomerText(end, int(2025, 2027)) : null,
        }),
      );
    } else push(mk(skewedCustomer(), project(), seasonalDay()));
  }
  for (let i = records.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [records[i], records[j]] = [records[j] as DealRecord, records[i] as DealRecord];
  }
  return { records, truth, decoys };
}

/**
 * The source document's story pair as records, exactly as the seed tells it (see the story tests):
 * 恒通 and 瑞达, two Shandong integrators, 200 scanners + a server + a WMS + switches, 2 days apart.
 * Ids `story-a` / `story-b`; either generator's data can hold it, so the bench reports its rank.
 */
export function seedStoryPair(): [DealRecord, DealRecord] {
  const lines: DealLine[] = [
    { sku: 'LS2208', category: 'laser_scanner', quantity: 200 },
    { sku: 'SRV-R740', category: 'server', quantity: 1 },
    { sku: 'WMS-STD', category: 'wms', quantity: 1 },
    { sku: 'SW-24', category: 'network', quantity: 8 },
  ];
  const amount = (ls: DealLine[]) =>
    ls.reduce(
      (s, l) =>
        s + ({ LS2208: 980, 'SRV-R740': 32_000, 'WMS-STD': 120_000, 'SW-24': 3500 }[l.sku] ?? 0) * l.quantity,
      0,
    ) * 100;
  const side = (
    id: string,
    ownerId: string,
    accountName: string,
    ls: DealLine[],
    requiredDelivery: string,
  ): DealRecord => ({
    id,
    name: `${accountName.slice(2, 4)} 仓库扫描项目`,
    ownerId,
    accountId: `acc-${id}`,
    accountName,
    accountKind: 'system_integrator',
    accountKeys: [],
    endCustomer: null,
    lines: ls,
    requiredDelivery,
    province: '37',
    amountMinor: amount(ls),
    currency: 'CNY',
  });
  const linesB = [...lines.slice(0, 3), { sku: 'SW-24', category: 'network', quantity: 6 }];
  return [
    side('story-a', 'repA', '山东恒通系统集成有限公司', lines, '2026-06-28'),
    side('story-b', 'repB', '青岛瑞达信息技术有限公司', linesB, '2026-06-30'),
  ];
}

/** The records a scan bench weighs: generator 1 or 2 at `n` deals, with the story pair (generator 2 has it). */
export function scanRecords(gen: string, n: number): DealRecord[] {
  const data = gen === '1' ? generate(n) : generate2(n);
  if (!data.records.some((r) => r.id === 'story-a')) data.records.push(...seedStoryPair());
  return data.records;
}
