import { defineMessages, messagesOf } from '@gongfu/core';

/**
 * The clauses of an account or contact duplicate explanation, one message per signal level with
 * the values compared as parameters. The sentence around them (for; but against) and the joints
 * between clauses are the deal explanation's (`duplicate.explanation.*`, `duplicate.join.*`).
 */
export const ENTITY_DUPLICATE_MESSAGES = defineMessages({
  'entityDuplicate.creditCode.missing': {
    en: 'a credit code is missing',
    'zh-CN': '一方缺少统一社会信用代码',
  },
  'entityDuplicate.creditCode.same': {
    en: 'same unified social credit code {code}',
    'zh-CN': '统一社会信用代码相同（{code}）',
  },
  'entityDuplicate.creditCode.different': {
    en: 'different credit codes ({a} / {b})',
    'zh-CN': '统一社会信用代码不同（{a} / {b}）',
  },
  'entityDuplicate.name.branch': {
    en: 'a company and its branch are not one record ({a} / {b})',
    'zh-CN': '总公司与分公司不是同一条记录（{a} / {b}）',
  },
  'entityDuplicate.name.similar': { en: 'similar names ({a} / {b})', 'zh-CN': '名称相近（{a} / {b}）' },
  'entityDuplicate.name.different': { en: 'different names ({a} / {b})', 'zh-CN': '名称不同（{a} / {b}）' },
  'entityDuplicate.name.same': { en: 'same name ({a})', 'zh-CN': '名称相同（{a}）' },
  'entityDuplicate.name.sameNormalised': {
    en: 'same name once normalised ({a} / {b})',
    'zh-CN': '规范化后名称相同（{a} / {b}）',
  },
  'entityDuplicate.name.companyLabel': {
    en: '{name}{known, select, yes { ({place})} other {{place}}}{described, select, yes { {business}} other {{business}}}',
    'zh-CN':
      '{name}{known, select, yes {（{place}）} other {{place}}}{described, select, yes {{business}} other {{business}}}',
  },
  'entityDuplicate.name.sameTradeName': { en: 'same trade name: {label}', 'zh-CN': '字号相同：{label}' },
  'entityDuplicate.name.sameCompany': { en: 'same company: {label}', 'zh-CN': '同一家公司：{label}' },
  'entityDuplicate.name.withNotes': { en: '{clause}, {notes}', 'zh-CN': '{clause}，{notes}' },
  'entityDuplicate.note.legalForms': {
    en: 'legal forms differ ({a} / {b})',
    'zh-CN': '组织形式不同（{a} / {b}）',
  },
  'entityDuplicate.note.none': { en: 'none', 'zh-CN': '无' },
  'entityDuplicate.note.pinyin': {
    en: 'one name in pinyin ({name})',
    'zh-CN': '其中一个名称为拼音（{name}）',
  },
  'entityDuplicate.note.traditional': {
    en: 'traditional and simplified characters',
    'zh-CN': '繁简体不同',
  },
  'entityDuplicate.note.common': {
    en: 'a common name ({count} accounts share it)',
    'zh-CN': '常见名称（{count} 个客户同名）',
  },
  'entityDuplicate.phone.same': { en: 'same phone {phone}', 'zh-CN': '电话相同（{phone}）' },
  'entityDuplicate.phone.missing': { en: 'a phone is missing', 'zh-CN': '一方缺少电话' },
  'entityDuplicate.phone.different': { en: 'different phones', 'zh-CN': '电话不同' },
  'entityDuplicate.email.sameAddress': { en: 'same email {email}', 'zh-CN': '邮箱相同（{email}）' },
  'entityDuplicate.email.sameDomain': {
    en: 'same mail domain {domain}',
    'zh-CN': '邮箱域名相同（{domain}）',
  },
  'entityDuplicate.email.differentDomains': {
    en: 'different mail domains ({a} / {b})',
    'zh-CN': '邮箱域名不同（{a} / {b}）',
  },
  'entityDuplicate.email.unknown': {
    en: 'no company mail domain to compare',
    'zh-CN': '没有可比较的企业邮箱域名',
  },
  'entityDuplicate.region.bothIn': { en: 'both in {place}', 'zh-CN': '都在{place}' },
  'entityDuplicate.region.oneEach': {
    en: 'one in {a}, the other in {b}',
    'zh-CN': '一个在{a}，另一个在{b}',
  },
  'entityDuplicate.region.differentRegistration': {
    en: 'registered in different places ({a} / {b})',
    'zh-CN': '注册地不同（{a} / {b}）',
  },
  'entityDuplicate.region.unknown': { en: 'a region is unknown', 'zh-CN': '一方地区未知' },
  'entityDuplicate.region.byPhone': { en: '{place} (by phone area code)', 'zh-CN': '{place}（按电话区号）' },
  'entityDuplicate.industry.unknown': { en: 'a line of business is unknown', 'zh-CN': '一方行业未知' },
  'entityDuplicate.industry.same': { en: 'both in {business}', 'zh-CN': '同属{business}' },
  'entityDuplicate.industry.related': {
    en: 'different though related lines of business ({a} / {b})',
    'zh-CN': '行业不同但相关（{a} / {b}）',
  },
  'entityDuplicate.industry.different': {
    en: 'different lines of business ({a} / {b})',
    'zh-CN': '行业不同（{a} / {b}）',
  },
  'entityDuplicate.person.missing': { en: 'a name is missing', 'zh-CN': '一方缺少姓名' },
  'entityDuplicate.person.same': { en: 'same person {name}', 'zh-CN': '同一人（{name}）' },
  'entityDuplicate.person.samePinyin': {
    en: 'same person in pinyin ({a} / {b})',
    'zh-CN': '拼音相同，应为同一人（{a} / {b}）',
  },
  'entityDuplicate.person.different': {
    en: 'different people ({a} / {b})',
    'zh-CN': '不是同一人（{a} / {b}）',
  },
  'entityDuplicate.account.same': { en: 'at the same customer ({name})', 'zh-CN': '同属一个客户（{name}）' },
  'entityDuplicate.account.duplicates': {
    en: 'at one customer entered twice ({a} / {b})',
    'zh-CN': '所属客户为重复录入的同一客户（{a} / {b}）',
  },
  'entityDuplicate.account.different': {
    en: 'at different customers ({a} / {b})',
    'zh-CN': '属于不同客户（{a} / {b}）',
  },
});

export const sayEntity = messagesOf(ENTITY_DUPLICATE_MESSAGES);
