import { pinyinKey } from './chinese-text.js';

/**
 * Words for a line of business, reduced to shared concepts: the name parser strips them off the
 * trade name (恒通物流 → 恒通 + 物流) and the matcher compares them across scripts, so 物流,
 * "Logistics" and "Wuliu" are one business and 恒通物流 is told apart from 恒通系统集成.
 * The words are those of a barcode / RFID reseller's customers (integrators, logistics, makers,
 * retail, pharma, food) and an automation distributor's (instruments, controls, utilities).
 */
export const INDUSTRY_WORDS: Readonly<Record<string, readonly string[]>> = {
  系统集成: ['system', 'integration'],
  信息技术: ['information', 'technology'],
  信息科技: ['information', 'technology'],
  网络科技: ['network', 'technology'],
  电子科技: ['electronics', 'technology'],
  智能科技: ['smart', 'technology'],
  数据科技: ['data', 'technology'],
  软件技术: ['software', 'technology'],
  科技发展: ['technology', 'development'],
  科技: ['technology'],
  技术: ['technology'],
  网络: ['network'],
  电子: ['electronics'],
  智能: ['smart'],
  软件: ['software'],
  数据: ['data'],
  物流: ['logistics'],
  仓储: ['warehousing'],
  供应链: ['supply_chain'],
  供应链管理: ['supply_chain'],
  贸易: ['trading'],
  商贸: ['trading'],
  进出口: ['trading'],
  实业: ['industrial'],
  发展: ['development'],
  工程: ['engineering'],
  通信: ['communication'],
  通讯: ['communication'],
  自动化: ['automation'],
  设备: ['equipment'],
  信息: ['information'],
  系统: ['system'],
  集成: ['integration'],
  服务: ['service'],
  管理: ['management'],
  咨询: ['consulting'],
  电气: ['electric'],
  电器: ['electric'],
  机械: ['machinery'],
  机电: ['machinery'],
  制造: ['manufacturing'],
  医药: ['pharmaceutical'],
  制药: ['pharmaceutical'],
  药业: ['pharmaceutical'],
  医疗器械: ['medical'],
  食品: ['food'],
  包装: ['packaging'],
  印刷: ['printing'],
  化工: ['chemical'],
  新材料: ['materials'],
  材料: ['materials'],
  汽车零部件: ['auto', 'parts'],
  汽车配件: ['auto', 'parts'],
  汽配: ['auto', 'parts'],
  零部件: ['parts'],
  服饰: ['apparel'],
  服装: ['apparel'],
  纺织: ['textile'],
  商业连锁: ['retail'],
  连锁: ['retail'],
  商业: ['retail'],
  超市: ['retail'],
  百货: ['retail'],
  零售: ['retail'],
  电子商务: ['ecommerce'],
  // An automation and instrumentation distributor's customers: plants, utilities, panel builders.
  仪器仪表: ['instrument'],
  仪器: ['instrument'],
  仪表: ['instrument'],
  工控: ['automation'],
  控制: ['automation'],
  环保: ['environmental'],
  环境: ['environmental'],
  电力: ['power'],
  热电: ['power'],
  能源: ['energy'],
  新能源: ['energy'],
  工业: ['industrial'],
  水务: ['water'],
  水处理: ['water'],
  钢铁: ['steel'],
  冶金: ['steel'],
  建材: ['building'],
  建筑: ['building'],
  矿业: ['mining'],
  石化: ['petrochemical'],
  塑料: ['plastics'],
  橡胶: ['rubber'],
  造纸: ['paper'],
  纸业: ['paper'],
  光电: ['optoelectronics'],
  半导体: ['semiconductor'],
};

/** English business words and the concept each stands for; null for words that name no business. */
const ENGLISH: Readonly<Record<string, string | null>> = {
  system: 'system',
  systems: 'system',
  integration: 'integration',
  information: 'information',
  technology: 'technology',
  technologies: 'technology',
  tech: 'technology',
  network: 'network',
  networks: 'network',
  electronics: 'electronics',
  electronic: 'electronics',
  software: 'software',
  data: 'data',
  smart: 'smart',
  intelligent: 'smart',
  logistics: 'logistics',
  warehousing: 'warehousing',
  warehouse: 'warehousing',
  storage: 'warehousing',
  supply: 'supply_chain',
  trading: 'trading',
  trade: 'trading',
  import: 'trading',
  export: 'trading',
  engineering: 'engineering',
  communication: 'communication',
  communications: 'communication',
  automation: 'automation',
  equipment: 'equipment',
  service: 'service',
  services: 'service',
  development: 'development',
  industrial: 'industrial',
  industry: 'industrial',
  management: 'management',
  consulting: 'consulting',
  electric: 'electric',
  electrical: 'electric',
  machinery: 'machinery',
  machine: 'machinery',
  mechanical: 'machinery',
  electromechanical: 'machinery',
  instrument: 'instrument',
  instruments: 'instrument',
  instrumentation: 'instrument',
  control: 'automation',
  controls: 'automation',
  environmental: 'environmental',
  environment: 'environmental',
  power: 'power',
  thermal: 'power',
  energy: 'energy',
  water: 'water',
  steel: 'steel',
  metallurgy: 'steel',
  building: 'building',
  construction: 'building',
  mining: 'mining',
  petrochemical: 'petrochemical',
  plastics: 'plastics',
  plastic: 'plastics',
  rubber: 'rubber',
  paper: 'paper',
  optoelectronics: 'optoelectronics',
  semiconductor: 'semiconductor',
  semiconductors: 'semiconductor',
  manufacturing: 'manufacturing',
  pharmaceutical: 'pharmaceutical',
  pharmaceuticals: 'pharmaceutical',
  pharma: 'pharmaceutical',
  medical: 'medical',
  food: 'food',
  foods: 'food',
  packaging: 'packaging',
  printing: 'printing',
  chemical: 'chemical',
  chemicals: 'chemical',
  materials: 'materials',
  material: 'materials',
  auto: 'auto',
  automotive: 'auto',
  parts: 'parts',
  apparel: 'apparel',
  garment: 'apparel',
  garments: 'apparel',
  textile: 'textile',
  textiles: 'textile',
  retail: 'retail',
  supermarket: 'retail',
  ecommerce: 'ecommerce',
  // "Supply Chain Management", "Retail Chain", "Science and Technology": words around a business.
  chain: null,
  science: null,
  protection: null,
  international: null,
  and: null,
  the: null,
  of: null,
};

/** Words that say nothing about the business ("development", "service"): not a conflict when they differ. */
export const VAGUE_CONCEPTS: ReadonlySet<string> = new Set([
  'development',
  'service',
  'industrial',
  'management',
]);

/** Words every other tech company uses (科技): sharing only these says little about one business. */
export const GENERIC_CONCEPTS: ReadonlySet<string> = new Set(['technology']);

/** Businesses close enough to be confused, yet registered apart: 物流 / 仓储 / 供应链, 医药 / 医疗器械. */
const FAMILIES: Readonly<Record<string, string>> = {
  logistics: 'logistics',
  warehousing: 'logistics',
  supply_chain: 'logistics',
  pharmaceutical: 'health',
  medical: 'health',
  electric: 'electrical',
  electronics: 'electrical',
  machinery: 'making',
  equipment: 'making',
  manufacturing: 'making',
  automation: 'making',
  instrument: 'making',
  trading: 'trade',
  retail: 'trade',
  ecommerce: 'trade',
  apparel: 'textile',
  textile: 'textile',
  system: 'it',
  integration: 'it',
  information: 'it',
  software: 'it',
  network: 'it',
  data: 'it',
  smart: 'it',
  communication: 'it',
  technology: 'it',
};

export function conceptFamily(concept: string): string | null {
  return FAMILIES[concept] ?? null;
}

const families = (concepts: readonly string[]) => concepts.map(conceptFamily).filter((f) => f !== null);

/**
 * How two names' lines of business (concepts, as `industryConcepts` gives them) relate: unknown when
 * either names none; the same when they share a telling concept or all of them; related when they
 * share a generic one or a family (物流 / 仓储); else different — one trade name in two unrelated
 * businesses (海鑫食品 / 海鑫钢铁) is two registrations.
 */
export function businessRelation(
  a: readonly string[],
  b: readonly string[],
): 'unknown' | 'same' | 'related' | 'different' {
  if (a.length === 0 || b.length === 0) return 'unknown';
  const shared = a.filter((c) => b.includes(c));
  if (shared.some((c) => !GENERIC_CONCEPTS.has(c)) || (shared.length === a.length && a.length === b.length))
    return 'same';
  if (shared.length > 0 || families(a).some((f) => families(b).includes(f))) return 'related';
  return 'different';
}

/**
 * Latin words (English, or the pinyin of a Chinese business word: wuliu, xitongjicheng) and their
 * concepts; a word mapped to no concept is still a business word, never part of a trade name.
 */
export const LATIN_INDUSTRY_WORDS: ReadonlyMap<string, readonly string[]> = new Map([
  ...Object.entries(ENGLISH).map(([w, c]) => [w, c ? [c] : []] as [string, string[]]),
  ...Object.entries(INDUSTRY_WORDS).map(([zh, c]) => [pinyinKey(zh), [...c]] as [string, string[]]),
]);
