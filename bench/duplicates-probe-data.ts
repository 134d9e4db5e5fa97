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
 * standard kits in round set counts; a few sensor SKUs are in every other basket; customer sizes
 * follow a power law (a few plants order every month); consumables and maintenance contracts
 * repeat (not duplicates); integrators bid on many tenders; deliveries bunch at month ends, in the
 * spring tender season and before the year end; unrelated companies share trade names.
 */

/** Small deterministic generator (mulberry32): the probe is rerun and must plant the same data. */
export function probeRng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const chance = (p: number) => next() < p;
  /** An index drawn with probability ∝ its weight. */
  const weighted = (weights: readonly number[]) => {
    const total = weights.reduce((a, b) => a + b, 0);
    let r = next() * total;
    for (let i = 0; i < weights.length - 1; i++) {
      r -= weights[i] as number;
      if (r <= 0) return i;
    }
    return weights.length - 1;
  };
  /** Index drawn with weight ∝ 1 / (rank + 1)^s: a few heads, a long tail. */
  const zipf = (n: number, s: number) => {
    const w = Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s);
    const total = w.reduce((a, b) => a + b, 0);
    return () => {
      let r = next() * total;
      for (let i = 0; i < n; i++) {
        r -= w[i] as number;
        if (r <= 0) return i;
      }
      return n - 1;
    };
  };
  return { next, int, pick, chance, weighted, zipf };
}
export type ProbeRng = ReturnType<typeof probeRng>;

export interface ProbeProduct {
  sku: string;
  name: string;
  category: string;
  /** List price in yuan. */
  price: number;
  /** How often a free-form project basket picks it (relative). */
  popularity: number;
}

/** The catalogue: families of sibling SKUs (one category each), cheap consumables to big licences. */
const FAMILIES: [
  category: string,
  label: string,
  items: [sku: string, price: number, popularity: number][],
][] = [
  [
    'plc',
    '可编程控制器',
    [
      ['PLC-K120', 2_600, 6],
      ['PLC-K150', 5_800, 4],
      ['PLC-M32', 1_900, 5],
      ['PLC-M64', 3_100, 2],
      ['PLC-H900', 18_500, 1],
    ],
  ],
  [
    'io_module',
    'I/O 模块',
    [
      ['IO-DI16', 650, 6],
      ['IO-DO16', 690, 5],
      ['IO-AI8', 1_450, 4],
      ['IO-AO4', 1_300, 2],
    ],
  ],
  [
    'hmi',
    '触摸屏',
    [
      ['HMI-7T', 1_600, 5],
      ['HMI-10T', 2_900, 4],
      ['HMI-15T', 5_200, 1],
    ],
  ],
  [
    'servo_drive',
    '伺服驱动器',
    [
      ['SV-D04', 2_300, 3],
      ['SV-D07', 2_900, 3],
      ['SV-D15', 4_400, 2],
      ['SV-D30', 7_600, 1],
    ],
  ],
  [
    'servo_motor',
    '伺服电机',
    [
      ['SV-M04', 1_800, 3],
      ['SV-M07', 2_400, 3],
      ['SV-M15', 3_900, 2],
      ['SV-M30', 6_800, 1],
    ],
  ],
  [
    'vfd',
    '变频器',
    [
      ['VFD-2K2', 1_350, 5],
      ['VFD-7K5', 3_200, 4],
      ['VFD-22K', 8_900, 2],
      ['VFD-55K', 19_800, 1],
    ],
  ],
  [
    'prox_sensor',
    '接近开关',
    [
      ['PX-M12', 95, 30],
      ['PX-M18', 120, 14],
      ['PX-M30', 160, 5],
    ],
  ],
  [
    'photo_sensor',
    '光电传感器',
    [
      ['PE-R10', 210, 10],
      ['PE-D30', 260, 6],
      ['PE-F200', 480, 2],
    ],
  ],
  [
    'pressure_tx',
    '压力变送器',
    [
      ['PT-2088', 1_150, 8],
      ['PT-3051', 3_600, 5],
      ['PT-DP20', 4_900, 2],
    ],
  ],
  [
    'flow_meter',
    '流量计',
    [
      ['FM-EM50', 6_800, 4],
      ['FM-EM100', 9_200, 3],
      ['FM-VX80', 7_500, 2],
      ['FM-CM25', 42_000, 1],
    ],
  ],
  [
    'analyzer',
    '水质分析仪',
    [
      ['AN-PH10', 5_600, 3],
      ['AN-DO20', 7_900, 2],
      ['AN-COD', 68_000, 1],
      ['AN-NH3', 55_000, 1],
    ],
  ],
  [
    'reagent',
    '试剂',
    [
      ['RG-COD-500', 780, 3],
      ['RG-NH3-500', 820, 2],
    ],
  ],
  [
    'electrode',
    '电极',
    [
      ['EL-PH-S', 1_250, 3],
      ['EL-DO-M', 1_900, 2],
    ],
  ],
  [
    'cable',
    '线缆',
    [
      ['CB-PB-100', 1_100, 8],
      ['CB-ENC-5', 180, 6],
      ['CB-M12-2', 45, 12],
    ],
  ],
  [
    'ind_switch',
    '工业交换机',
    [
      ['NET-ES8', 1_800, 5],
      ['NET-ES16', 3_400, 3],
      ['NET-ES24G', 7_800, 2],
    ],
  ],
  [
    'ipc',
    '工控机',
    [
      ['IPC-B20', 6_500, 3],
      ['IPC-610', 9_800, 2],
    ],
  ],
  [
    'scada',
    '组态软件',
    [
      ['SCADA-STD', 18_000, 2],
      ['SCADA-PRO', 46_000, 1],
    ],
  ],
  [
    'cabinet',
    '控制柜',
    [
      ['CAB-800', 8_800, 2],
      ['CAB-1200', 14_500, 1],
    ],
  ],
  ['service_comm', '调试服务', [['SVC-COMM-D', 2_400, 4]]],
  [
    'service_amc',
    '维保合同',
    [
      ['SVC-AMC-1Y', 36_000, 2],
      ['SVC-AMC-3Y', 96_000, 1],
    ],
  ],
  ['service_cal', '校准服务', [['SVC-CAL', 650, 3]]],
  [
    'barcode_scanner',
    '条码扫描器',
    [
      ['SCN-L200', 980, 2],
      ['SCN-I300', 1_350, 1],
    ],
  ],
  ['server', '服务器', [['SRV-2U', 32_000, 1]]],
  ['wms', '仓库管理软件', [['WMS-LIC', 120_000, 1]]],
];

export const PRODUCTS: ProbeProduct[] = FAMILIES.flatMap(([category, label, items]) =>
  items.map(([sku, price, popularity]) => ({ sku, name: `${label} ${sku}`, category, price, popularity })),
);
const BY_SKU = new Map(PRODUCTS.map((p) => [p.sku, p]));
export const productOf = (sku: string): ProbeProduct => {
  const p = BY_SKU.get(sku);
  if (!p) throw new Error(`not in the probe catalogue: ${sku}`);
  return p;
};
const siblingsOf = (sku: string) =>
  PRODUCTS.filter((p) => p.category === productOf(sku).category && p.sku !== sku);

type Ratio = [sku: string, perSet: number];
/** Thirty standard kits: what many unrelated customers buy in round set counts. */
const KITS: Ratio[][] = [
  [
    ['PLC-M32', 1],
    ['HMI-7T', 1],
    ['IO-DI16', 2],
  ],
  [
    ['PLC-K120', 1],
    ['IO-DI16', 2],
    ['IO-DO16', 1],
  ],
  [
    ['PLC-K150', 1],
    ['HMI-10T', 1],
    ['IO-AI8', 1],
    ['NET-ES8', 1],
  ],
  [
    ['SV-D04', 1],
    ['SV-M04', 1],
    ['CB-ENC-5', 1],
  ],
  [
    ['SV-D07', 1],
    ['SV-M07', 1],
    ['CB-ENC-5', 1],
  ],
  [
    ['SV-D15', 1],
    ['SV-M15', 1],
  ],
  [['VFD-2K2', 1]],
  [
    ['VFD-7K5', 1],
    ['CB-M12-2', 2],
  ],
  [['PX-M12', 1]],
  [['PX-M18', 1]],
  [
    ['PX-M12', 1],
    ['CB-M12-2', 1],
  ],
  [
    ['PE-R10', 1],
    ['CB-M12-2', 1],
  ],
  [['PT-2088', 1]],
  [
    ['PT-3051', 1],
    ['SVC-CAL', 1],
  ],
  [
    ['FM-EM50', 1],
    ['SVC-COMM-D', 1],
  ],
  [
    ['AN-PH10', 1],
    ['EL-PH-S', 2],
  ],
  [
    ['AN-DO20', 1],
    ['EL-DO-M', 1],
  ],
  [['RG-COD-500', 1]],
  [['RG-NH3-500', 1]],
  [['EL-PH-S', 1]],
  [
    ['NET-ES8', 1],
    ['CB-PB-100', 1],
  ],
  [['HMI-7T', 1]],
  [
    ['HMI-10T', 1],
    ['PLC-M64', 1],
  ],
  [
    ['IPC-B20', 1],
    ['SCADA-STD', 1],
  ],
  [
    ['CAB-800', 1],
    ['PLC-K120', 1],
    ['HMI-7T', 1],
  ],
  [
    ['PX-M12', 2],
    ['PE-R10', 1],
  ],
  [
    ['IO-AI8', 1],
    ['IO-AO4', 1],
  ],
  [['SCN-L200', 1]],
  [
    ['PX-M30', 1],
    ['CB-M12-2', 1],
  ],
  [
    ['VFD-22K', 1],
    ['SVC-COMM-D', 1],
  ],
];
const SET_COUNTS = [5, 10, 10, 20, 20, 50, 50, 100, 100, 200];

/** Provinces (GB/T 2260) the distributor covers, its cities and how much business each brings. */
const PROVINCES: [code: string, cities: [zh: string, pinyin: string][], weight: number][] = [
  ['11', [['北京', 'Beijing']], 5],
  ['12', [['天津', 'Tianjin']], 3],
  [
    '13',
    [
      ['石家庄', 'Shijiazhuang'],
      ['唐山', 'Tangshan'],
      ['保定', 'Baoding'],
    ],
    4,
  ],
  ['31', [['上海', 'Shanghai']], 6],
  [
    '32',
    [
      ['南京', 'Nanjing'],
      ['苏州', 'Suzhou'],
      ['无锡', 'Wuxi'],
      ['常州', 'Changzhou'],
    ],
    9,
  ],
  [
    '33',
    [
      ['杭州', 'Hangzhou'],
      ['宁波', 'Ningbo'],
      ['温州', 'Wenzhou'],
    ],
    7,
  ],
  [
    '37',
    [
      ['济南', 'Jinan'],
      ['青岛', 'Qingdao'],
      ['烟台', 'Yantai'],
      ['潍坊', 'Weifang'],
    ],
    8,
  ],
  [
    '44',
    [
      ['广州', 'Guangzhou'],
      ['深圳', 'Shenzhen'],
      ['佛山', 'Foshan'],
      ['东莞', 'Dongguan'],
    ],
    9,
  ],
  [
    '51',
    [
      ['成都', 'Chengdu'],
      ['绵阳', 'Mianyang'],
    ],
    3,
  ],
];

/** Syllables of trade names with their pinyin: the English and pinyin spellings come from these. */
const SYLLABLES: [string, string][] = [
  ['华', 'Hua'],
  ['控', 'Kong'],
  ['恒', 'Heng'],
  ['通', 'Tong'],
  ['瑞', 'Rui'],
  ['达', 'Da'],
  ['联', 'Lian'],
  ['创', 'Chuang'],
  ['科', 'Ke'],
  ['远', 'Yuan'],
  ['信', 'Xin'],
  ['泰', 'Tai'],
  ['鑫', 'Xin'],
  ['源', 'Yuan'],
  ['博', 'Bo'],
  ['宇', 'Yu'],
  ['中', 'Zhong'],
  ['天', 'Tian'],
  ['新', 'Xin'],
  ['海', 'Hai'],
  ['盛', 'Sheng'],
  ['德', 'De'],
  ['润', 'Run'],
  ['安', 'An'],
  ['卓', 'Zhuo'],
  ['越', 'Yue'],
  ['精', 'Jing'],
  ['工', 'Gong'],
  ['智', 'Zhi'],
  ['能', 'Neng'],
  ['宏', 'Hong'],
  ['伟', 'Wei'],
  ['金', 'Jin'],
  ['诚', 'Cheng'],
  ['汇', 'Hui'],
];
/** What the company does, in Chinese and English, by account kind. */
const TRADES: Record<ProbeKind, [string, string][]> = {
  end_user: [
    ['化工', 'Chemical'],
    ['水务', 'Water'],
    ['制药', 'Pharmaceutical'],
    ['食品', 'Foods'],
    ['钢铁', 'Steel'],
    ['汽车零部件', 'Auto Parts'],
    ['电子', 'Electronics'],
    ['包装', 'Packaging'],
    ['物流', 'Logistics'],
    ['纺织', 'Textile'],
    ['热电', 'Thermal Power'],
    ['环保', 'Environmental'],
    ['机械', 'Machinery'],
  ],
  system_integrator: [
    ['自动化', 'Automation'],
    ['系统集成', 'System Integration'],
    ['信息技术', 'Information Technology'],
    ['电气', 'Electric'],
    ['智能科技', 'Intelligent Technology'],
    ['工程技术', 'Engineering'],
  ],
  dealer: [
    ['机电设备', 'Electromechanical'],
    ['工控设备', 'Industrial Control'],
    ['仪器仪表', 'Instruments'],
  ],
};
type ProbeKind = 'end_user' | 'system_integrator' | 'dealer';

/** A company as its first writer typed it, with the parts its other spellings are made from. */
interface CompanyParts {
  city: string;
  cityPinyin: string;
  trade: string;
  tradePinyin: string;
  core: string;
  corePinyin: string;
  joint: boolean;
}

function companyParts(rng: ProbeRng, kind: ProbeKind, cities: [string, string][]): CompanyParts {
  const [city, cityPinyin] = rng.pick(cities);
  const s1 = rng.pick(SYLLABLES);
  const s2 = rng.pick(SYLLABLES);
  const [trade, tradePinyin] = rng.pick(TRADES[kind]);
  return {
    city,
    cityPinyin,
    trade,
    tradePinyin,
    core: s1[0] + s2[0],
    corePinyin: s1[1] + s2[1].toLowerCase(),
    joint: rng.chance(0.25),
  };
}

/** The registered name, as the first person to enter the company types it. */
function registeredName(p: CompanyParts): string {
  return `${p.city}${p.core}${p.trade}${p.joint ? '股份有限公司' : '有限公司'}`;
}

/** The same company as someone else types it: how names really drift between two entries. */
export function nameVariant(rng: ProbeRng, p: CompanyParts): { name: string; how: string } {
  const suffix = p.joint ? '股份有限公司' : '有限公司';
  const variants: [string, string][] = [
    [`${p.core}${p.trade}(${p.city})${suffix}`, 'city in brackets'],
    [`${p.core}${p.trade}（${p.city}）${suffix}`, 'city in full-width brackets'],
    [`${p.city}${p.core}${p.trade}`, 'no legal suffix'],
    [`${p.city}${p.core}`, 'abbreviation'],
    [`${p.core}${p.trade}`, 'trade name only'],
    [`${p.city}${p.core}${p.trade}${p.joint ? '有限公司' : '股份有限公司'}`, 'wrong legal form'],
    [`${p.city}市${p.core}${p.trade}有限责任公司`, '市 and 有限责任公司'],
    [`${p.corePinyin} ${p.tradePinyin} (${p.cityPinyin}) Co., Ltd.`, 'English name'],
    [
      `${p.cityPinyin.toUpperCase()} ${p.corePinyin.toUpperCase()} ${p.tradePinyin.toUpperCase()} CO LTD`,
      'English capitals',
    ],
    [`${p.core}${p.trade}`.replace('科技', '技术'), 'trade name only (技术)'],
  ];
  const [name, how] = rng.pick(variants);
  return { name, how };
}

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
  spaceRepeatOrders(deals);
  const projects = deals.filter((d) => d.channel === 'key_account' && d.lines.length >= 3);
  const nextKey = () => `deal-${deals.length}`;
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

/**
 * A customer reorders the same basket at a steady rhythm, not twice in a week: the same account's
 * identical baskets are moved apart to at least four weeks (a year for maintenance contracts), so
 * the only near-identical orders of one customer are the planted re-entries.
 */
function spaceRepeatOrders(deals: PlannedDeal[]): void {
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
}

function dedupeSkus(items: [string, number][]): [string, number][] {
  const seen = new Map<string, number>();
  for (const [sku, q] of items) seen.set(sku, (seen.get(sku) ?? 0) + q);
  return [...seen];
}
