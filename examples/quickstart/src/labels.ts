/**
 * The words a sales manager reads instead of the domain's ids: roles, channels, stages, cost
 * categories, history fields. The story prints ids nowhere a person has to decode them.
 */
export type Lang = 'zh-CN' | 'en';
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];

type Words = Readonly<Record<string, readonly [zh: string, en: string]>>;

const ROLES: Words = {
  sales_rep: ['销售员', 'salesperson'],
  sales_manager: ['销售经理', 'sales manager'],
  presales_engineer: ['售前工程师', 'presales engineer'],
  service_engineer: ['服务工程师', 'service engineer'],
  admin: ['系统管理员', 'administrator'],
};

const CHANNELS: Words = {
  key_account: ['大客户 (行业项目)', 'key accounts (projects)'],
  distribution: ['分销', 'distribution'],
  wireless: ['无线', 'wireless'],
};

const STAGES: Words = {
  qualification: ['资格确认', 'qualification'],
  needs_analysis: ['需求分析', 'needs analysis'],
  solution: ['方案', 'solution'],
  bid: ['投标', 'bid'],
  demo: ['样机试用', 'demo'],
  proposal: ['报价', 'proposal'],
  negotiation: ['商务谈判', 'negotiation'],
  won: ['赢单', 'won'],
  lost: ['丢单', 'lost'],
  duplicate: ['重复 (已合并)', 'duplicate (merged)'],
};

const FORECASTS: Words = {
  pipeline: ['储备', 'pipeline'],
  best_case: ['乐观', 'best case'],
  commit: ['承诺', 'commit'],
  closed: ['已成交', 'closed'],
  omitted: ['不计入', 'omitted'],
};

const COST_CATEGORIES: Words = {
  travel: ['差旅', 'travel'],
  entertainment: ['招待', 'entertainment'],
  samples_demo_units: ['样品与样机', 'samples and demo units'],
  bid_fees: ['投标费用', 'bid fees'],
  other: ['其他', 'other'],
};

const SOURCES: Words = {
  inbound_call: ['来电', 'inbound call'],
  referral: ['转介绍', 'referral'],
  customer_revisit: ['老客户回访', 'customer revisit'],
  marketing_event: ['市场活动', 'marketing event'],
  web: ['网站', 'web'],
  other: ['其他', 'other'],
};

const KINDS: Words = {
  call: ['电话', 'call'],
  visit: ['拜访', 'visit'],
  meeting: ['会议', 'meeting'],
  demo_loan: ['样机借用', 'demo loan'],
  email: ['邮件', 'email'],
  task: ['任务', 'task'],
  follow_up: ['跟进提醒', 'follow-up'],
  account: ['客户', 'customer'],
  lead: ['线索', 'lead'],
  opportunity: ['商机', 'deal'],
  contact: ['联系人', 'contact'],
  order: ['订单', 'order'],
  lead_follow_up: ['线索跟进', 'lead follow-up'],
};

/** Statuses of visits, orders and service cases (their ids do not overlap in meaning). */
const STATUSES: Words = {
  scheduled: ['已计划', 'scheduled'],
  completed: ['已完成', 'completed'],
  cancelled: ['已取消', 'cancelled'],
  draft: ['草稿', 'draft'],
  confirmed: ['已确认', 'confirmed'],
  partially_shipped: ['部分发货', 'partially shipped'],
  shipped: ['已发货', 'shipped'],
  delivered: ['已交货', 'delivered'],
  closed: ['已关闭', 'closed'],
  open: ['待处理', 'open'],
  diagnosing: ['诊断中', 'diagnosing'],
  repair: ['维修中', 'in repair'],
  replacement: ['换货中', 'replacement'],
  resolved: ['已解决', 'resolved'],
};

const pick = (words: Words, id: string, lang: Lang): string => {
  const w = words[id];
  return w ? w[lang === 'zh-CN' ? 0 : 1] : id;
};

export const roleLabel = (id: string, lang: Lang) => pick(ROLES, id, lang);
export const channelLabel = (id: string, lang: Lang) => pick(CHANNELS, id, lang);
export const stageLabel = (id: string, lang: Lang) => pick(STAGES, id, lang);
export const forecastLabel = (id: string, lang: Lang) => pick(FORECASTS, id, lang);
export const costCategoryLabel = (id: string, lang: Lang) => pick(COST_CATEGORIES, id, lang);
export const sourceLabel = (id: string, lang: Lang) => pick(SOURCES, id, lang);
export const kindLabel = (id: string, lang: Lang) => pick(KINDS, id, lang);
export const statusLabel = (id: string, lang: Lang) => pick(STATUSES, id, lang);
/** A duplicate score's probability in words a manager reads at a glance. */
export function likelihoodWords(probability: number, lang: Lang): string {
  // Rounded, 0.999 would read as a certainty the model does not claim.
  const pct = probability >= 0.995 ? '>99%' : `${Math.round(probability * 100)}%`;
  if (probability >= 0.9)
    return lang === 'zh-CN' ? `几乎肯定是同一单 (${pct})` : `almost surely one deal (${pct})`;
  if (probability >= 0.6) return lang === 'zh-CN' ? `很可能是同一单 (${pct})` : `probably one deal (${pct})`;
  return lang === 'zh-CN' ? `值得看一眼 (${pct})` : `worth a look (${pct})`;
}
