/**
 * Seeded generator for the entity-duplicate benchmark: N accounts and N contacts of a Chinese
 * barcode/RFID reseller's CRM, with planted duplicates of every kind the product claims to handle,
 * hard non-duplicates, and the truth about every planted pair.
 *
 * Realism that matters for matching: trade names come from a small pool of auspicious characters
 * drawn with Zipf weights (so 恒通 is common and blocks are full), one trade name is registered in
 * many provinces and industries, registered names are unique only within a region and industry,
 * small companies mail from qq.com / 163.com, and people's names follow the surname distribution
 * (王伟 and 李娜 occur dozens of times at 100k).
 */
import type { AccountRecord, ContactRecord } from '@gongfu/reports';
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import { rng } from './duplicates-data.js';

export type AccountDupKind =
  | 'traditional'
  | 'legal_form'
  | 'region_prefix'
  | 'pinyin_name'
  | 'phone_format'
  | 'credit_code';
export type ContactDupKind = 'person_pinyin' | 'person_phone' | 'person_email';
export type AccountDecoyKind =
  | 'twin_industry'
  | 'twin_province'
  | 'near_name_codes'
  | 'branch'
  | 'generic_domain';
export type ContactDecoyKind = 'common_name' | 'shared_line';

export const ACCOUNT_DUP_KINDS: readonly AccountDupKind[] = [
  'traditional',
  'legal_form',
  'region_prefix',
  'pinyin_name',
  'phone_format',
  'credit_code',
];
export const CONTACT_DUP_KINDS: readonly ContactDupKind[] = ['person_pinyin', 'person_phone', 'person_email'];
export const ACCOUNT_DECOY_KINDS: readonly AccountDecoyKind[] = [
  'twin_industry',
  'twin_province',
  'near_name_codes',
  'branch',
  'generic_domain',
];
export const CONTACT_DECOY_KINDS: readonly ContactDecoyKind[] = ['common_name', 'shared_line'];

/** What the planted pair is, and which spelling made it (for reading misses). */
export interface Planted<K extends string> {
  kind: K;
  variant: string;
}

/** An account as the service stores it, plus the kind the service asks for. */
export type BenchAccount = AccountRecord & {
  kind: 'end_user' | 'system_integrator' | 'dealer' | 'distributor';
};

export interface GeneratedEntities {
  accounts: BenchAccount[];
  contacts: ContactRecord[];
  /** pair key (ids sorted, joined by U+0000) → planted duplicate. */
  accountTruth: Map<string, Planted<AccountDupKind>>;
  contactTruth: Map<string, Planted<ContactDupKind>>;
  accountDecoys: Map<string, Planted<AccountDecoyKind>>;
  contactDecoys: Map<string, Planted<ContactDecoyKind>>;
}

export const pairOf = (x: string, y: string) => (x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`);

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

interface City {
  zh: string;
  province: string;
  /** Telephone area code without the trunk 0. */
  area: string;
  /** GB/T 2260 code of the city, the credit code's digits 3–8. */
  admin: string;
}
// city:province:area code:GB/T 2260 code
const CITY_ROWS = [
  '济南:37:531:370100 青岛:37:532:370200',
  '烟台:37:535:370600 潍坊:37:536:370700',
  '淄博:37:533:370300 临沂:37:539:371300',
  '济宁:37:537:370800 威海:37:631:371000',
  '南京:32:25:320100 苏州:32:512:320500',
  '无锡:32:510:320200 常州:32:519:320400',
  '广州:44:20:440100 深圳:44:755:440300',
  '佛山:44:757:440600 东莞:44:769:441900',
  '杭州:33:571:330100 宁波:33:574:330200',
  '温州:33:577:330300 北京:11:10:110100',
  '上海:31:21:310100 天津:12:22:120100',
  '郑州:41:371:410100 武汉:42:27:420100',
  '成都:51:28:510100 石家庄:13:311:130100',
  '沈阳:21:24:210100 大连:21:411:210200',
  '厦门:35:592:350200 福州:35:591:350100',
  '合肥:34:551:340100 长沙:43:731:430100',
  '西安:61:29:610100',
]
  .join(' ')
  .split(' ')
  .map((row) => row.split(':') as [string, string, string, string]);
const CITIES: City[] = CITY_ROWS.map(([zh, province, area, admin]) => ({ zh, province, area, admin }));
const PROVINCE_ZH: Record<string, string> = Object.fromEntries(
  '37:山东 32:江苏 44:广东 33:浙江 11:北京 31:上海 12:天津 41:河南 42:湖北 51:四川 13:河北 21:辽宁 35:福建 34:安徽 43:湖南 61:陕西'
    .split(' ')
    .map((row) => row.split(':')),
);
/** A reseller based in Shandong: most customers are there, the rest spread over the big provinces. */
const PROVINCE_WEIGHTS: [string, number][] =
  '37:30 32:10 44:10 33:8 11:6 31:6 12:3 41:4 42:4 51:4 13:3 21:3 35:3 34:2 43:2 61:2'
    .split(' ')
    .map((row) => row.split(':'))
    .map(([p, w]) => [p as string, Number(w)]);
const MUNICIPALITIES = new Set(['11', '31', '12']);

// Characters of registered trade names, most popular first (drawn with Zipf weights).
const TRADE_CHARS = [
  ...'恒通华瑞达新信源鑫宏盛泰博金海天成宇中联创科汇丰永德隆兴昌凯明辉腾飞锦程卓越云峰睿智启航优捷诚鼎立浩嘉禾亿顺祥富利荣百合润美康宝星光大众泽同晟鸿宁广长益佳伟力元志友俊振聚汉威弘赛欧普思奥迪正东方万和安旺然远特',
];
/** Same pinyin, other character: distinct registered names that sound alike (恒通 / 亨通). */
const HOMOPHONES: Record<string, string> = Object.fromEntries(
  '恒亨 通同 华骅 瑞锐 新欣 信鑫 鑫新 源元 宏鸿 鸿宏 盛晟 晟胜 泰太 金锦 锦金 成诚 诚成 程成 宇禹 德得 明铭 辉晖 峰锋 丰峰 智志 志智 航杭 祥翔 荣融 利力 力立 嘉佳 佳嘉 腾藤 凯铠 海瀚'
    .split(' ')
    .map((pair) => [...pair]),
);

interface Industry {
  zh: string;
  en: string;
  /** A short form reps type (物流 for 供应链管理 is not one: they keep the industry word). */
  short: string;
  kind: BenchAccount['kind'];
  weight: number;
}
// Chinese|English|short form reps type|account kind|weight
const INDUSTRY_ROWS = [
  '系统集成|System Integration|系统|system_integrator|10',
  '信息技术|Information Technology|信息|system_integrator|8',
  '科技|Technology|科技|system_integrator|8',
  '物流|Logistics|物流|end_user|10',
  '供应链管理|Supply Chain Management|供应链|end_user|5',
  '仓储|Warehousing|仓储|end_user|4',
  '电子|Electronics|电子|end_user|4',
  '贸易|Trading|贸易|dealer|6',
  '商贸|Trading|商贸|dealer|4',
  '医药|Pharmaceutical|医药|end_user|5',
  '食品|Food|食品|end_user|5',
  '包装|Packaging|包装|end_user|3',
  '机械|Machinery|机械|end_user|4',
  '汽车零部件|Auto Parts|汽配|end_user|3',
  '服饰|Apparel|服饰|end_user|3',
  '商业连锁|Retail Chain|商业|end_user|3',
  '电气|Electric|电气|end_user|2',
  '自动化|Automation|自动化|system_integrator|3',
  '印刷|Printing|印刷|end_user|2',
  '化工|Chemical|化工|end_user|2',
  '设备|Equipment|设备|distributor|3',
].map((row) => row.split('|') as [string, string, string, BenchAccount['kind'], string]);
const INDUSTRIES: Industry[] = INDUSTRY_ROWS.map(([zh, en, short, kind, weight]) => ({
  zh,
  en,
  short,
  kind,
  weight: Number(weight),
}));

const LEGAL: [string, number][] = [
  ['有限公司', 70],
  ['股份有限公司', 10],
  ['有限责任公司', 10],
  ['集团有限公司', 4],
  ['科技有限公司', 0],
];

// Surnames by frequency (Zipf weights approximate the census shares), and given-name characters.
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷黎史龙陶贺顾毛郝龚邵万钱严单',
];
const GIVEN = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玲飞鹏斌宇浩凯健俊帆帅旭宁龙林欢阳建红梅莉婷雪琳晶丹倩颖鑫博文亮辉波峰海燕萍玉兰志国庆春晓东',
];
const COMMON_NAMES = [
  '王伟',
  '李娜',
  '张伟',
  '王芳',
  '刘洋',
  '张敏',
  '李静',
  '王静',
  '刘伟',
  '张丽',
  '王磊',
  '李强',
];
const GENERIC = ['qq.com', '163.com', '126.com', 'sina.com', 'foxmail.com', 'aliyun.com'];
const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A company as the generator knows it; `render` spells its registered name. */
interface Company {
  trade: string;
  industry: Industry;
  city: City;
  /** Where the region stands in the registered name, and which region word it is. */
  format: 'prefix' | 'bracket_trade' | 'bracket_industry' | 'none';
  regionWord: 'province' | 'city';
  /** 济南市恒通…: the registered name carries 省 / 市. */
  suffix: boolean;
  legal: string;
}

function regionText(c: Company, word = c.regionWord, suffix = c.suffix && c.format === 'prefix'): string {
  const useCity = word === 'city' || MUNICIPALITIES.has(c.city.province);
  const base = useCity ? c.city.zh : (PROVINCE_ZH[c.city.province] ?? c.city.zh);
  if (!suffix) return base;
  return useCity ? `${base}市` : `${base}省`;
}

export function render(c: Company): string {
  const region = regionText(c);
  switch (c.format) {
    case 'prefix':
      return `${region}${c.trade}${c.industry.zh}${c.legal}`;
    case 'bracket_trade':
      return `${c.trade}(${region})${c.industry.zh}${c.legal}`;
    case 'bracket_industry':
      return `${c.trade}${c.industry.zh}(${region})${c.legal}`;
    default:
      return `${c.trade}${c.industry.zh}${c.legal}`;
  }
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const py = (zh: string) =>
  pinyin(zh, { toneType: 'none', separator: '', v: true })
    .toLowerCase()
    .replace(/[^a-z]/g, '');
const pySyllables = (zh: string) => pinyin(zh, { toneType: 'none', type: 'array', v: true });

export function generateEntities(n: number, seed = 7): GeneratedEntities {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const chance = (p: number) => r() < p;
  const weighted = <T>(rows: readonly [T, number][]): T => {
    const total = rows.reduce((s, [, w]) => s + w, 0);
    let x = r() * total;
    for (const [v, w] of rows) {
      x -= w;
      if (x < 0) return v;
    }
    return rows[rows.length - 1]![0];
  };
  const zipf = <T>(xs: readonly T[], s = 1): T => {
    // Inverse CDF of a Zipf law over the list, by bisection on precomputed weights.
    const w = zipfTable(xs.length, s);
    const x = r() * w[w.length - 1]!;
    let lo = 0;
    let hi = w.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (w[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return xs[lo] as T;
  };
  const industryRows = INDUSTRIES.map((i) => [i, i.weight] as [Industry, number]);
  const cityOf = (province: string) => pick(CITIES.filter((c) => c.province === province));

  // ---- identities that must be unique across real companies -------------------------------------
  const usedCodes = new Set<string>();
  const creditCode = (c: Company) => {
    for (;;) {
      let code = `91${c.city.admin}`;
      for (let i = 0; i < 10; i++) code += pick([...CODE_CHARS]);
      if (!usedCodes.has(code)) {
        usedCodes.add(code);
        return code;
      }
    }
  };
  const usedPhones = new Set<string>();
  const landline = (city: City) => {
    for (;;) {
      const digits = city.area.length <= 2 || chance(0.7) ? 8 : 7;
      const sub = `${int(2, 8)}${String(int(0, 10 ** (digits - 1) - 1)).padStart(digits - 1, '0')}`;
      const key = `${city.area}${sub}`;
      if (!usedPhones.has(key)) {
        usedPhones.add(key);
        return { area: city.area, sub };
      }
    }
  };
  const mobile = () => {
    for (;;) {
      const m = `1${pick(['3', '5', '8', '9', '7'])}${int(0, 9)}${String(int(0, 99_999_999)).padStart(8, '0')}`;
      if (!usedPhones.has(m)) {
        usedPhones.add(m);
        return m;
      }
    }
  };
  const usedDomains = new Set<string>();
  const domainOf = (c: Company) => {
    const t = py(c.trade);
    const candidates = [
      `${t}.com`,
      `${t}.com.cn`,
      `${t}-${py(c.industry.short).slice(0, 2)}.com`,
      `${py(c.city.zh)}${t}.com`,
      `${t}${py(c.industry.short)}.cn`,
    ];
    for (const d of candidates) if (!usedDomains.has(d) && chance(0.7)) return usedDomains.add(d) && d;
    for (;;) {
      const d = `${t}${int(1, 999)}.com`;
      if (!usedDomains.has(d)) return usedDomains.add(d) && d;
    }
  };
  // A registered name is unique within its registration authority and line of business.
  const usedNames = new Set<string>();
  const usedAnywhere = new Set<string>();
  const register = (c: Company): boolean => {
    const business = `${c.trade}|${c.industry.zh}`;
    // 北京 is both the city and the province: one register.
    const cityLevel = c.regionWord === 'city' || MUNICIPALITIES.has(c.city.province);
    const where = c.format === 'none' ? '*' : cityLevel ? c.city.zh : c.city.province;
    // A region-less (national) name clashes with the same trade name and business anywhere; a
    // regional one with the same region, and with a national one.
    if (usedNames.has(`${business}|${where}`) || usedNames.has(`${business}|*`)) return false;
    if (c.format === 'none' && usedAnywhere.has(business)) return false;
    usedNames.add(`${business}|${where}`);
    usedAnywhere.add(business);
    return true;
  };

  const tradeName = () => {
    const len = weighted([
      [2, 85],
      [3, 10],
      [4, 5],
    ] as [number, number][]);
    let t = '';
    while (t.length < len) {
      const ch = zipf(TRADE_CHARS, 0.8);
      if (!t.endsWith(ch)) t += ch;
    }
    return t;
  };
  /** A company the registry would accept, or null when `o` pins a name that is taken. */
  const tryCompany = (o: Partial<Company>): Company | null => {
    for (let tries = 0; tries < 20; tries++) {
      const province = o.city?.province ?? weighted(PROVINCE_WEIGHTS);
      const c: Company = {
        trade: o.trade ?? tradeName(),
        industry: o.industry ?? weighted(industryRows),
        city: o.city ?? cityOf(province),
        format:
          o.format ??
          weighted([
            ['prefix', 62],
            ['bracket_trade', 20],
            ['bracket_industry', 10],
            ['none', 8],
          ]),
        regionWord: o.regionWord ?? (chance(0.4) ? 'province' : 'city'),
        suffix: o.suffix ?? chance(0.08),
        legal: o.legal ?? weighted(LEGAL),
      };
      if (register(c)) return c;
    }
    return null;
  };
  const newCompany = (o: Partial<Company> = {}): Company =>
    tryCompany(o) ?? newCompany({ ...o, trade: undefined });
  /** Two real companies; the second's name is derived from the first's (retried while taken). */
  const companyPair = (second: (c1: Company) => Partial<Company>, first: Partial<Company> = {}) => {
    for (;;) {
      const c1 = newCompany(first);
      const c2 = tryCompany(second(c1));
      if (c2) return [c1, c2] as const;
    }
  };

  // ---- records -----------------------------------------------------------------------------------
  let accountSeq = 0;
  let contactSeq = 0;
  const accounts: BenchAccount[] = [];
  const contacts: ContactRecord[] = [];
  const companyOf = new Map<string, Company>();
  const byId = new Map<string, BenchAccount>();
  const landlineOf = new Map<string, { area: string; sub: string }>();
  const domainOfAccount = new Map<string, string | null>();
  const owner = () => `rep${int(1, 60)}`;
  const formatLandline = ({ area, sub }: { area: string; sub: string }, style = int(0, 6)) => {
    const half = Math.ceil(sub.length / 2);
    const spaced = `${sub.slice(0, half)} ${sub.slice(half)}`;
    return [
      `0${area}-${sub}`,
      `0${area} ${spaced}`,
      `(0${area})${sub}`,
      `+86 ${area} ${spaced}`,
      `+86-${area}-${sub}`,
      `0${area}${sub}`,
      `0${area}-${sub.slice(0, half)}-${sub.slice(half)}`,
    ][style]!;
  };
  const formatMobile = (m: string, style = int(0, 5)) =>
    [
      m,
      `${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`,
      `${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}`,
      `+86 ${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`,
      `+86${m}`,
      `+86-${m}`,
    ][style]!;
  const usedEmails = new Set<string>();
  /** An address nobody else has: two people (or companies) never share a mailbox by accident. */
  const fresh = (local: string, domain: string) => {
    let email = `${local}@${domain}`;
    while (usedEmails.has(email)) email = `${local}${int(1, 999)}@${domain}`;
    usedEmails.add(email);
    return email;
  };
  const mailbox = (domain: string) =>
    fresh(pick(['sales', 'info', 'service', 'contact', 'office', 'hr', 'admin']), domain);
  const freeMail = (local: string, provider = pick(GENERIC)) =>
    provider === 'qq.com' ? fresh(String(int(10_000_000, 3_999_999_999)), provider) : fresh(local, provider);
  const genericMail = (c: Company) => freeMail(`${py(c.trade)}${int(1, 999)}`);
  /** The same number in a format none of `taken` already uses. */
  const retyped = (format: (style: number) => string, taken: readonly string[]) => {
    for (let i = 0; i < 20; i++) {
      const text = format(int(0, 6));
      if (!taken.includes(text)) return text;
    }
    return format(0);
  };

  const addAccount = (c: Company, o: Partial<BenchAccount> = {}): BenchAccount => {
    const id = `acc${String(accountSeq++).padStart(7, '0')}`;
    const phones: string[] = [];
    if (chance(0.9)) {
      const line = landline(c.city);
      landlineOf.set(id, line);
      phones.push(formatLandline(line));
    }
    if (chance(0.2)) phones.push(formatMobile(mobile()));
    const emails: string[] = [];
    let domain: string | null = null;
    const mail = r();
    if (mail < 0.45) {
      domain = domainOf(c);
      emails.push(mailbox(domain));
    } else if (mail < 0.75) emails.push(genericMail(c));
    domainOfAccount.set(id, domain);
    const a: BenchAccount = {
      id,
      name: render(c),
      ownerId: owner(),
      creditCode: chance(0.55) ? creditCode(c) : null,
      phones,
      emails,
      region: chance(0.6) ? { province: c.city.province } : null,
      kind: c.industry.kind,
      ...o,
    };
    companyOf.set(id, c);
    byId.set(id, a);
    accounts.push(a);
    return a;
  };
  const sameCompany = (copy: BenchAccount, base: BenchAccount) => {
    const line = landlineOf.get(base.id);
    if (line) landlineOf.set(copy.id, line);
    else landlineOf.delete(copy.id);
    domainOfAccount.set(copy.id, domainOfAccount.get(base.id) ?? null);
  };
  const accountTruth = new Map<string, Planted<AccountDupKind>>();
  const accountDecoys = new Map<string, Planted<AccountDecoyKind>>();
  const contactTruth = new Map<string, Planted<ContactDupKind>>();
  const contactDecoys = new Map<string, Planted<ContactDecoyKind>>();

  const planted = Math.max(10, Math.round(n * 0.01));
  const background = n - planted * (ACCOUNT_DUP_KINDS.length + 2 * ACCOUNT_DECOY_KINDS.length);
  for (let i = 0; i < background; i++) addAccount(newCompany());
  // Bases of planted duplicates are distinct background accounts, so no planted pair implies another.
  const bases = shuffled(
    accounts.map((a) => a.id),
    r,
  );

  /** What a second rep types for the same company: some details, in their own format. */
  const copyDetails = (base: BenchAccount, force: { phone?: boolean; code?: boolean } = {}) => {
    const phones: string[] = [];
    const line = landlineOf.get(base.id);
    const p = r();
    if (line && (force.phone || p < 0.5)) phones.push(retyped((s) => formatLandline(line, s), base.phones));
    else if (!line && force.phone && base.phones[0]) phones.push(reformatMobile(base.phones[0]));
    // Another line of the same company (sales desk, warehouse), in its own city.
    else if (p < 0.6) phones.push(formatLandline(landline(companyOf.get(base.id)!.city)));
    else if (p < 0.75) phones.push(formatMobile(mobile()));
    const emails: string[] = [];
    const domain = domainOfAccount.get(base.id);
    const m = r();
    if (domain && m < 0.35) emails.push(m < 0.1 ? (base.emails[0] ?? mailbox(domain)) : mailbox(domain));
    else if (m < 0.55) emails.push(genericMail(companyOf.get(base.id)!));
    const creditCode = base.creditCode && (force.code || chance(0.25)) ? base.creditCode : null;
    return { phones, emails, creditCode, ownerId: owner(), region: chance(0.5) ? base.region : null };
  };
  const reformatMobile = (raw: string) =>
    retyped((s) => formatMobile(raw.replace(/\D/g, '').replace(/^86/, ''), s % 6), [raw]);

  const plantAccount = (kind: AccountDupKind, base: BenchAccount) => {
    const c = companyOf.get(base.id)!;
    let name: string;
    let variant: string;
    let details = copyDetails(base);
    switch (kind) {
      case 'traditional':
        name = toTraditional(base.name);
        variant = 'traditional';
        break;
      case 'legal_form': {
        const forms = ['有限公司', '股份有限公司', '有限责任公司', ''].filter((f) => f !== c.legal);
        const legal = pick(forms);
        name = render({ ...c, legal });
        variant = legal === '' ? 'legal form dropped' : `${c.legal} → ${legal}`;
        break;
      }
      case 'region_prefix': {
        const options: [string, Company][] = [
          ['region dropped', { ...c, format: 'none' }],
          [
            'region moved into brackets',
            { ...c, format: c.format === 'bracket_trade' ? 'prefix' : 'bracket_trade' },
          ],
        ];
        if (c.format === 'prefix') options.push(['省/市 added or dropped', { ...c, suffix: !c.suffix }]);
        if (!MUNICIPALITIES.has(c.city.province))
          options.push([
            c.regionWord === 'city' ? 'province instead of city' : 'city instead of province',
            { ...c, regionWord: c.regionWord === 'city' ? 'province' : 'city' },
          ]);
        const [v, other] =
          c.format === 'none' ? ['region added', { ...c, format: 'prefix' as const }] : pick(options);
        name = render(other);
        variant = v;
        break;
      }
      case 'pinyin_name': {
        const [text, v] = latinName(c);
        name = text;
        variant = v;
        break;
      }
      case 'phone_format': {
        // A rep's short name (简称) and the same number typed another way.
        const short = pick([
          [`${c.trade}${c.industry.short}`, 'short name + industry'],
          [`${c.city.zh}${c.trade}`, 'city + trade name'],
          [`${c.trade}${c.industry.zh}`, 'name without region or legal form'],
        ] as const);
        name = short[0];
        variant = short[1];
        if (!landlineOf.has(base.id) && base.phones.length === 0) base.phones.push(formatMobile(mobile()));
        details = copyDetails(base, { phone: true });
        break;
      }
      case 'credit_code': {
        if (!base.creditCode) base.creditCode = creditCode(c);
        const renamed = chance(0.5)
          ? {
              ...c,
              industry: pick(INDUSTRIES.filter((i) => i.zh !== c.industry.zh)),
              legal: pick(['有限公司', '股份有限公司']),
            }
          : { ...c, trade: tradeName() };
        name = render(renamed);
        variant = renamed.trade === c.trade ? 'business renamed' : 'trade name renamed';
        details = copyDetails(base, { code: true });
        break;
      }
    }
    const copy = addAccount({ ...c }, { ...details, name, kind: base.kind });
    // One company: its contacts at either record use its switchboard and its mail domain.
    sameCompany(copy, base);
    accountTruth.set(pairOf(base.id, copy.id), { kind, variant });
    return copy;
  };
  const latinName = (c: Company): [string, string] => {
    const trade = r() < 0.1 ? pySyllables(c.trade).map(capital).join(' ') : capital(py(c.trade));
    const region = capital(
      py(
        MUNICIPALITIES.has(c.city.province) || c.regionWord === 'city'
          ? c.city.zh
          : PROVINCE_ZH[c.city.province]!,
      ),
    );
    const legal = pick(['Co., Ltd.', 'Co.,Ltd', 'Co., Ltd', 'Company Limited', 'Limited', 'Corp.']);
    const style = r();
    if (style < 0.1) {
      // The registered name read out in pinyin, legal form and all.
      const legalPinyin = { 股份有限公司: 'Gufen Youxian Gongsi', 有限责任公司: 'Youxian Zeren Gongsi' };
      const form = legalPinyin[c.legal as keyof typeof legalPinyin] ?? 'Youxian Gongsi';
      return [`${region} ${trade} ${capital(py(c.industry.zh))} ${form}`, 'full pinyin'];
    }
    let text: string;
    let v: string;
    if (style < 0.55 && c.format !== 'none')
      [text, v] = [`${region} ${trade} ${c.industry.en} ${legal}`, 'English, region first'];
    else if (style < 0.7 && c.format !== 'none')
      [text, v] = [`${trade} ${c.industry.en} (${region}) ${legal}`, 'English, region in brackets'];
    else [text, v] = [`${trade} ${c.industry.en} ${legal}`, 'English, no region'];
    if (chance(0.2)) return [text.toUpperCase(), `${v}, upper case`];
    return [text, v];
  };

  let b = 0;
  const nextBase = () => byId.get(bases[b++]!)!;
  const dupOfAccount = new Map<string, string>();
  for (const kind of ACCOUNT_DUP_KINDS)
    for (let i = 0; i < planted; i++) {
      const base = nextBase();
      dupOfAccount.set(base.id, plantAccount(kind, base).id);
    }

  // ---- hard non-duplicates: two real companies each ---------------------------------------------
  const decoy = (kind: AccountDecoyKind, variant: string, x: BenchAccount, y: BenchAccount) =>
    accountDecoys.set(pairOf(x.id, y.id), { kind, variant });
  const twins: [BenchAccount, BenchAccount][] = [];
  for (let i = 0; i < planted; i++) {
    // One trade name and region, two businesses: 山东恒通物流 / 山东恒通系统集成.
    const [c1, c2] = companyPair((c) => ({
      ...c,
      industry: pick(INDUSTRIES.filter((x) => x.short !== c.industry.short && x.en !== c.industry.en)),
    }));
    const pair: [BenchAccount, BenchAccount] = [addAccount(c1), addAccount(c2)];
    decoy('twin_industry', `${c1.industry.zh} / ${c2.industry.zh}`, ...pair);
    twins.push(pair);
  }
  for (let i = 0; i < planted; i++) {
    // One trade name and business in two provinces: 山东恒通系统集成 / 江苏恒通系统集成.
    const [c1, c2] = companyPair((c) => ({
      trade: c.trade,
      industry: c.industry,
      city: cityOf(weighted(PROVINCE_WEIGHTS.filter(([p]) => p !== c.city.province))),
    }));
    const pair: [BenchAccount, BenchAccount] = [addAccount(c1), addAccount(c2)];
    decoy('twin_province', 'other province', ...pair);
    twins.push(pair);
  }
  for (let i = 0; i < planted; i++) {
    // Near-identical names, both registered with their own credit codes.
    const style = r();
    let variant = '';
    const [c1, c2] = companyPair((c) => {
      const homophone = [...c.trade].findIndex((ch) => HOMOPHONES[ch]);
      if (style < 0.5 && homophone >= 0) {
        const chars = [...c.trade];
        chars[homophone] = HOMOPHONES[chars[homophone]!]!;
        variant = 'homophone trade name';
        return { ...c, trade: chars.join('') };
      }
      if (style < 0.75 && !MUNICIPALITIES.has(c.city.province)) {
        variant = 'one trade name, province / city registration';
        return { ...c, regionWord: c.regionWord === 'city' ? 'province' : 'city', format: 'prefix' };
      }
      // 贸易 / 商贸: two words for one business, two registrations.
      const sibling = INDUSTRIES.find((x) => x.en === c.industry.en && x.zh !== c.industry.zh);
      variant = sibling ? 'synonym business word' : 'one trade name, other business';
      return { ...c, industry: sibling ?? pick(INDUSTRIES.filter((x) => x.en !== c.industry.en)) };
    });
    const x = addAccount(c1, {});
    const y = addAccount(c2, {});
    x.creditCode ??= creditCode(c1);
    y.creditCode ??= creditCode(c2);
    decoy('near_name_codes', variant, x, y);
  }
  for (let i = 0; i < planted; i++) {
    // A head office and its branch: own phone, often the head office's mail domain.
    const c = newCompany();
    const head = addAccount(c);
    const others = CITIES.filter((x) => x.zh !== c.city.zh);
    const near = others.filter((x) => x.province === c.city.province);
    const where = near.length > 0 && chance(0.6) ? pick(near) : pick(others);
    const word = pick(['分公司', '分公司', '分公司', '办事处']);
    const branch = addAccount({ ...c, city: where });
    branch.name = `${head.name}${where.zh}${word}`;
    const domain = domainOfAccount.get(head.id);
    if (domain && chance(0.6)) {
      branch.emails = [mailbox(domain)];
      domainOfAccount.set(branch.id, domain);
    }
    branch.creditCode = chance(0.5) ? branch.creditCode : null;
    decoy('branch', word, head, branch);
  }
  for (let i = 0; i < planted; i++) {
    // One trade name and business in two cities of one province, both mailing from a free provider.
    const province = weighted(
      PROVINCE_WEIGHTS.filter(([p]) => CITIES.filter((x) => x.province === p).length > 1),
    );
    const [c1, c2] = companyPair(
      (c) => ({ ...c, city: pick(CITIES.filter((x) => x.province === province && x !== c.city)) }),
      { regionWord: 'city', format: 'prefix', city: cityOf(province) },
    );
    const provider = pick(GENERIC);
    const x = addAccount(c1);
    const y = addAccount(c2);
    x.emails = [freeMail(py(c1.trade), provider)];
    y.emails = [freeMail(py(c2.trade), provider)];
    domainOfAccount.set(x.id, null);
    domainOfAccount.set(y.id, null);
    decoy('generic_domain', provider, x, y);
    twins.push([x, y]);
  }

  // ---- contacts ----------------------------------------------------------------------------------
  const accountIds = shuffled(
    accounts.map((a) => a.id),
    r,
  );
  const plantedAccounts = [...dupOfAccount.keys()];
  const personName = () => {
    const surname = zipf(SURNAMES, 1);
    const given = chance(0.3) ? zipf(GIVEN, 0.9) : `${zipf(GIVEN, 0.9)}${zipf(GIVEN, 0.9)}`;
    return `${surname}${given}`;
  };
  const latinPerson = (zh: string, style = int(0, 3)) => {
    const syll = pinyin(zh, { toneType: 'none', type: 'array', mode: 'surname', surname: 'head', v: true });
    const [sur, ...given] = syll;
    const g = capital(given.join(''));
    const s = capital(sur ?? '');
    return [`${s} ${g}`, `${g} ${s}`, `${s.toUpperCase()} ${g}`, `${g} ${s.toUpperCase()}`][style]!;
  };
  const addContact = (accountId: string, name: string, o: Partial<ContactRecord> = {}): ContactRecord => {
    const account = byId.get(accountId)!;
    const domain = domainOfAccount.get(accountId);
    const m = r();
    const person = py(name.replace(/\s/g, '')) || name.toLowerCase().replace(/[^a-z]/g, '');
    const email = domain && m < 0.45 ? fresh(person, domain) : m < 0.65 ? freeMail(person) : null;
    const line = landlineOf.get(accountId);
    const c: ContactRecord = {
      id: `con${String(contactSeq++).padStart(7, '0')}`,
      name,
      ownerId: account.ownerId,
      accountId,
      phone:
        line && chance(0.25) ? `${formatLandline(line)}${chance(0.5) ? ` 转${int(800, 899)}` : ''}` : null,
      mobile: chance(0.8) ? formatMobile(mobile()) : null,
      email,
      ...o,
    };
    contacts.push(c);
    return c;
  };
  const contactsPlanted = Math.max(10, Math.round(n * 0.01));
  const contactBackground = n - contactsPlanted * (CONTACT_DUP_KINDS.length + 2 * CONTACT_DECOY_KINDS.length);
  for (let i = 0; i < contactBackground; i++) {
    // Big customers have many contacts: Zipf over a shuffled account list.
    const accountId = zipfAccount(accountIds, r);
    addContact(accountId, chance(0.03) ? latinPerson(personName()) : personName());
  }
  const contactBases = shuffled(
    contacts.map((c) => c.id),
    r,
  );
  const contactById = new Map(contacts.map((c) => [c.id, c]));
  let cb = 0;
  const nextContact = () => contactById.get(contactBases[cb++]!)!;
  /** The second record sits at the same account, or at the account's own planted duplicate. */
  const whereAgain = (base: ContactRecord, elsewhere: number): [string, string] => {
    const dup = dupOfAccount.get(base.accountId);
    return dup && chance(elsewhere)
      ? [dup, 'at the account entered twice']
      : [base.accountId, 'at the same account'];
  };
  const plantContact = (kind: ContactDupKind) => {
    let base = nextContact();
    // Half the bases of each kind sit at accounts that were themselves entered twice.
    if (chance(0.5)) {
      base = addContact(pick(plantedAccounts), personName());
    }
    while (/[a-z]/i.test(base.name)) base = nextContact();
    let copy: ContactRecord;
    let variant: string;
    switch (kind) {
      case 'person_pinyin': {
        const [accountId, where] = whereAgain(base, 0.7);
        const mobile = base.mobile && chance(0.4) ? reformatMobile(base.mobile) : null;
        copy = addContact(accountId, latinPerson(base.name), {
          mobile,
          email: base.email && chance(0.3) ? base.email : null,
        });
        variant = where;
        break;
      }
      case 'person_phone': {
        if (!base.mobile) base.mobile = formatMobile(mobile());
        const [accountId, where] = whereAgain(base, 0.4);
        const spelled = weighted([
          [base.name, 70],
          [`${base.name.charAt(0)} ${base.name.slice(1)}`, 20],
          [toTraditional(base.name), 10],
        ] as [string, number][]);
        copy = addContact(accountId, spelled, { mobile: reformatMobile(base.mobile), email: null });
        variant = where;
        break;
      }
      case 'person_email': {
        if (!base.email) base.email = freeMail(py(base.name));
        const [accountId, where] = whereAgain(base, 0.4);
        const latin = chance(0.5);
        copy = addContact(accountId, latin ? latinPerson(base.name) : base.name, {
          email: chance(0.3) ? capital(base.email) : base.email,
          mobile: base.mobile && chance(0.3) ? reformatMobile(base.mobile) : null,
        });
        variant = `${latin ? 'pinyin name' : 'same name'}, ${where}`;
        break;
      }
    }
    contactTruth.set(pairOf(base.id, copy.id), { kind, variant });
  };
  for (const kind of CONTACT_DUP_KINDS) for (let i = 0; i < contactsPlanted; i++) plantContact(kind);
  for (let i = 0; i < contactsPlanted; i++) {
    // A common name at two companies that share a trade name, mailing from a free provider.
    const [x, y] = pick(twins);
    const name = pick(COMMON_NAMES);
    const provider = pick(GENERIC);
    const generic = chance(0.6);
    const cx = addContact(x.id, name, generic ? { email: freeMail(py(name), provider) } : {});
    const cy = addContact(y.id, name, generic ? { email: freeMail(py(name), provider) } : {});
    contactDecoys.set(pairOf(cx.id, cy.id), {
      kind: 'common_name',
      variant: generic ? 'free mail provider' : 'own mail',
    });
  }
  for (let i = 0; i < contactsPlanted; i++) {
    // Two colleagues given the company's switchboard number.
    let account = byId.get(zipfAccount(accountIds, r))!;
    while (!landlineOf.has(account.id)) account = byId.get(pick(accountIds))!;
    const line = landlineOf.get(account.id)!;
    const first = personName();
    const second = chance(0.5) ? `${first.charAt(0)}${personName().slice(1)}` : personName();
    const cx = addContact(account.id, first, { phone: formatLandline(line) });
    const cy = addContact(account.id, second === first ? personName() : second, {
      phone: formatLandline(line),
    });
    contactDecoys.set(pairOf(cx.id, cy.id), {
      kind: 'shared_line',
      variant: second.charAt(0) === first.charAt(0) ? 'same surname' : 'other surname',
    });
  }

  return {
    accounts: shuffled(accounts, r),
    contacts: shuffled(contacts, r),
    accountTruth,
    contactTruth,
    accountDecoys,
    contactDecoys,
  };
}

const zipfTables = new Map<string, number[]>();
function zipfTable(n: number, s: number): number[] {
  const key = `${n}|${s}`;
  let table = zipfTables.get(key);
  if (!table) {
    table = [];
    let sum = 0;
    for (let k = 1; k <= n; k++) {
      sum += 1 / k ** s;
      table.push(sum);
    }
    zipfTables.set(key, table);
  }
  return table;
}

/** A customer for a contact: a few big customers have many contacts, most have one or two. */
function zipfAccount(ids: readonly string[], r: () => number): string {
  // index = floor(n * u^1.5) favours the front of the (shuffled) list: at 100k the biggest has ~50.
  return ids[Math.floor(ids.length * r() ** 1.5)]!;
}

function shuffled<T>(xs: readonly T[], r: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
