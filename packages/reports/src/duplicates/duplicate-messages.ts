import { defineMessages, type Message, type MessageParams, message, messagesOf } from '@gongfu/core';
import { PROVINCES } from './provinces.js';

/**
 * The words of a duplicate-deal explanation: one message per clause (with the values compared as
 * parameters), product words by category, and the joints that make clauses a sentence.
 */
export const DUPLICATE_DEAL_MESSAGES = defineMessages({
  'duplicate.basket.empty': { en: 'a basket is empty', 'zh-CN': '有一方的产品清单为空' },
  'duplicate.basket.none': { en: 'the baskets share no product', 'zh-CN': '双方的产品清单没有相同的产品' },
  'duplicate.basket.little': {
    en: 'the baskets share little ({matched} of {lines} lines alike)',
    'zh-CN': '双方的产品清单相似度低（{lines} 条中 {matched} 条相似）',
  },
  'duplicate.basket.both': {
    en: 'both need {items}{more}{differ}',
    'zh-CN': '双方都需要{items}{more}{differ}',
  },
  'duplicate.basket.more': { en: ' and {count} more', 'zh-CN': '等另外 {count} 项' },
  'duplicate.basket.differ': {
    en: ' ({count} other {count, plural, one {line differs} other {lines differ}})',
    'zh-CN': '（另有 {count} 条不同）',
  },
  'duplicate.basket.differKeptLess': {
    en: ' ({count} other {count, plural, one {line differs} other {lines differ}}; of {pairs} pairs of deals keeping two or more lines exactly, in a sample of {sampled} of this tenant’s deals, about {copies} read as copies, and {m} % of those differ in {level}{orMore, select, yes { or more} other {}} {level, plural, one {line} other {lines}} against {u} % of all {pairs}, so it counts less)',
    'zh-CN':
      '（另有 {count} 条不同；在本租户抽样的 {sampled} 笔商机中，有 {pairs} 对完全保留了两条或以上相同的明细，其中约 {copies} 对被视为重复录入，这些重复中有 {m}% 有 {level} 条{orMore, select, yes {或以上} other {}}不同的明细，全部 {pairs} 对中为 {u}%，因此不同的明细扣分较少）',
  },
  'duplicate.basket.differKeptNone': {
    en: ' ({count} other {count, plural, one {line differs} other {lines differ}}; of {pairs} pairs of deals keeping two or more lines exactly, in a sample of {sampled} of this tenant’s deals, about {copies} read as copies, and {m} % of those differ in {level}{orMore, select, yes { or more} other {}} {level, plural, one {line} other {lines}} against {u} % of all {pairs}, so it does not count against)',
    'zh-CN':
      '（另有 {count} 条不同；在本租户抽样的 {sampled} 笔商机中，有 {pairs} 对完全保留了两条或以上相同的明细，其中约 {copies} 对被视为重复录入，这些重复中有 {m}% 有 {level} 条{orMore, select, yes {或以上} other {}}不同的明细，全部 {pairs} 对中为 {u}%，因此不同的明细不扣分）',
  },
  'duplicate.basket.same': { en: '{item}', 'zh-CN': '{item}' },
  'duplicate.basket.commonKit': {
    en: '{basket} (this exact basket is in {count} of {deals} deals, so a shared kit counts little)',
    'zh-CN': '{basket}（{deals} 笔商机中有 {count} 笔是完全相同的组合，相同套装说明不了太多）',
  },
  'duplicate.basket.commonKitCompared': {
    en: '{basket} (this exact basket is in {count} of {deals} deals, and each deal here is compared with about {partners} others, so a shared kit counts little)',
    'zh-CN':
      '{basket}（{deals} 笔商机中有 {count} 笔是完全相同的组合，而每笔商机在这里约与 {partners} 笔商机比对，相同套装说明不了太多）',
  },
  'duplicate.basket.kitContained': {
    en: '{basket} (one of them is exactly a kit {count} of {deals} deals hold, so a shared kit counts little)',
    'zh-CN': '{basket}（其中一笔恰好是 {deals} 笔商机中有 {count} 笔相同的标准套装，相同套装说明不了太多）',
  },
  'duplicate.basket.commonLine': {
    en: '{basket} ({others, plural, one {# other deal holds} other {# other deals hold}} {item} too, and each deal here is compared with about {partners}, so a line shared by otherwise different baskets counts little)',
    'zh-CN':
      '{basket}（另有 {others} 笔商机含有{item}，而每笔商机在这里约与 {partners} 笔商机比对，其余不同的清单共有一条产品说明不了太多）',
  },
  'duplicate.basket.commonLineAgainst': {
    en: '{basket} ({others, plural, one {# other deal holds} other {# other deals hold}} {item} too, more than the {partners} each deal here is compared with, so these two met for sharing the province and month as well, and the line counts against)',
    'zh-CN':
      '{basket}（另有 {others} 笔商机含有{item}，多于每笔商机在这里比对的约 {partners} 笔，两笔是因同省同月才被比对，这条产品反而减分）',
  },
  'duplicate.basket.together': {
    en: '{basket} (of the {holders, plural, one {# other deal} other {# other deals}} with {given}, {both, plural, one {# also has} other {# also have}} {item})',
    'zh-CN': '{basket}（含有{given}的另外 {holders} 笔商机中，有 {both} 笔也含有{item}）',
  },
  'duplicate.basket.sameWords': { en: '{item} ({qa} / {qb})', 'zh-CN': '{item}（{qa} / {qb}）' },
  'duplicate.basket.about': { en: 'about {item} ({qa} / {qb})', 'zh-CN': '约{item}（{qa} / {qb}）' },
  'duplicate.basket.counts': { en: '{noun} ({qa} / {qb})', 'zh-CN': '{noun}（数量 {qa} / {qb}）' },
  'duplicate.basket.similar': {
    en: 'similar {noun} ({qa} × {skuA} / {qb} × {skuB})',
    'zh-CN': '相似的{noun}（{qa} × {skuA} / {qb} × {skuB}）',
  },
  'duplicate.product.other': { en: '{quantity} × {noun}', 'zh-CN': '{quantity} × {noun}' },
  'duplicate.product.band': { en: '{low}–{high} {noun}', 'zh-CN': '数量 {low}–{high} 的{noun}' },
  'duplicate.product.bandFrom': { en: '{low} or more {noun}', 'zh-CN': '数量 {low} 以上的{noun}' },
  'duplicate.delivery.missing': { en: 'a delivery date is missing', 'zh-CN': '有一方缺少交货日期' },
  'duplicate.delivery.sameDay': {
    en: 'delivery on the same day ({date})',
    'zh-CN': '交货日期相同（{date}）',
  },
  'duplicate.delivery.rareDay': {
    en: '{delivery} (only {due} of the tenant’s {deals} deals are due that day, so it counts more)',
    'zh-CN': '{delivery}（本公司 {deals} 笔有交期的商机中只有 {due} 笔在当天交货，因此分量更重）',
  },
  'duplicate.delivery.busyDay': {
    en: '{delivery} ({due} of the tenant’s {deals} deals are due that day, so it counts less)',
    'zh-CN': '{delivery}（本公司 {deals} 笔有交期的商机中有 {due} 笔在当天交货，因此分量较轻）',
  },
  'duplicate.delivery.apart': {
    en: 'delivery {days, plural, one {# day} other {# days}} apart',
    'zh-CN': '交货日期相差 {days} 天',
  },
  'duplicate.delivery.common': {
    en: '{delivery} (here {perThousand} in 1,000 pairs of deals picked at random are that close, so it counts less)',
    'zh-CN': '{delivery}（本公司随机抽取的商机中每 1000 对有 {perThousand} 对交期如此接近，因此分量较轻）',
  },
  'duplicate.delivery.commonCandidates': {
    en: '{delivery} (here {perThousand} in 1,000 pairs of deals that share a product line are that close, so it counts less)',
    'zh-CN': '{delivery}（本公司含相同产品的商机中每 1000 对有 {perThousand} 对交期如此接近，因此分量较轻）',
  },
  'duplicate.delivery.commonCarried': {
    en: '{delivery} (here {randomPerThousand} in 1,000 pairs of deals picked at random are that close, so about {perThousand} in 1,000 pairs that share a product line are taken to be, and it counts less)',
    'zh-CN':
      '{delivery}（本公司随机抽取的商机中每 1000 对有 {randomPerThousand} 对交期如此接近，据此估计含相同产品的商机中每 1000 对约有 {perThousand} 对，因此分量较轻）',
  },
  'duplicate.delivery.fitted': {
    en: '{delivery} ({mPercent} % of this tenant’s duplicates are that close, {uPercent} % of its other candidate pairs)',
    'zh-CN': '{delivery}（本公司的重复商机中有 {mPercent}% 交期如此接近，其他候选配对中为 {uPercent}%）',
  },
  'duplicate.delivery.copiesMore': {
    en: '{delivery} (of this tenant’s {pairs} {pairs, plural, one {pair} other {pairs}} of one customer’s deals with one basket due within a month of each other, about {copies} read as copies, {percent} % of those {close, select, day {keep their day} week {are due 1 to 7 days apart} other {are due 8 to 30 days apart}} against the {handPercent} % assumed, so it counts more)',
    'zh-CN':
      '{delivery}（本公司同一客户、产品清单相同、交期相差一个月以内的 {pairs} 对商机中，约 {copies} 对判为重复录入，其中 {percent}% {close, select, day {交期未改} week {交期相差 1 到 7 天} other {交期相差 8 到 30 天}}，高于默认假设的 {handPercent}%，因此分量更重）',
  },
  'duplicate.delivery.copiesLess': {
    en: '{delivery} (of this tenant’s {pairs} {pairs, plural, one {pair} other {pairs}} of one customer’s deals with one basket due within a month of each other, about {copies} read as copies, {percent} % of those {close, select, day {keep their day} week {are due 1 to 7 days apart} other {are due 8 to 30 days apart}} against the {handPercent} % assumed, so it counts less)',
    'zh-CN':
      '{delivery}（本公司同一客户、产品清单相同、交期相差一个月以内的 {pairs} 对商机中，约 {copies} 对判为重复录入，其中 {percent}% {close, select, day {交期未改} week {交期相差 1 到 7 天} other {交期相差 8 到 30 天}}，低于默认假设的 {handPercent}%，因此分量较轻）',
  },
  'duplicate.amount.fitted': {
    en: '{amount} ({mPercent} % of this tenant’s duplicates, {uPercent} % of its other candidate pairs)',
    'zh-CN': '{amount}（本公司的重复商机中占 {mPercent}%，其他候选配对中占 {uPercent}%）',
  },
  'duplicate.region.missing': { en: 'a province is missing', 'zh-CN': '有一方缺少省份' },
  'duplicate.region.different': { en: 'one in {a}, the other in {b}', 'zh-CN': '一方在{a}，另一方在{b}' },
  'duplicate.region.same': { en: 'both in {province}', 'zh-CN': '都在{province}' },
  'duplicate.kind.missing': { en: 'a customer kind is missing', 'zh-CN': '有一方缺少客户类型' },
  'duplicate.kind.sameCustomer': { en: 'the same customer', 'zh-CN': '是同一客户' },
  'duplicate.kind.different': {
    en: 'the customers are {a} and {b} ({nameA} / {nameB})',
    'zh-CN': '客户分别是{a}和{b}（{nameA} / {nameB}）',
  },
  'duplicate.kind.same': {
    en: 'both customers are {kinds} ({nameA} / {nameB})',
    'zh-CN': '双方客户都是{kinds}（{nameA} / {nameB}）',
  },
  'duplicate.kind.one.system_integrator': { en: 'a system integrator', 'zh-CN': '系统集成商' },
  'duplicate.kind.one.end_user': { en: 'an end user', 'zh-CN': '最终用户' },
  'duplicate.kind.one.dealer': { en: 'a dealer', 'zh-CN': '经销商' },
  'duplicate.kind.one.distributor': { en: 'a distributor', 'zh-CN': '分销商' },
  'duplicate.kind.many.system_integrator': { en: 'system integrators', 'zh-CN': '系统集成商' },
  'duplicate.kind.many.end_user': { en: 'end users', 'zh-CN': '最终用户' },
  'duplicate.kind.many.dealer': { en: 'dealers', 'zh-CN': '经销商' },
  'duplicate.kind.many.distributor': { en: 'distributors', 'zh-CN': '分销商' },
  'duplicate.endCustomer.unknown': { en: 'an end customer is unknown', 'zh-CN': '有一方的最终客户未知' },
  'duplicate.endCustomer.same': {
    en: 'both for the same end customer ({a})',
    'zh-CN': '最终客户相同（{a}）',
  },
  'duplicate.endCustomer.sameRead': {
    en: 'both for the same end customer ({a} / {b}: they differ only in “{apart}”, which most of the tenant’s {names} end-customer names hold)',
    'zh-CN': '最终客户相同（{a} / {b}：只差“{apart}”，而本公司 {names} 个最终客户名称中多数都含这些字）',
  },
  'duplicate.endCustomer.same_tender': {
    en: 'both bid for one tender ({tenderA}, end customer {a})',
    'zh-CN': '双方投的是同一个招标（{tenderA}，最终客户{a}）',
  },
  'duplicate.endCustomer.other_tender': {
    en: 'two different tenders ({tenderA} / {tenderB}) of one end customer ({a}): two purchases',
    'zh-CN': '同一最终客户（{a}）的两个不同招标（{tenderA} / {tenderB}），是两次采购',
  },
  'duplicate.endCustomer.rare': {
    en: '{endCustomer} (only {holders} of the tenant’s {deals} deals with an end customer name it, so it counts more)',
    'zh-CN':
      '{endCustomer}（本公司 {deals} 笔填写了最终客户的商机中只有 {holders} 笔是该客户，因此分量更重）',
  },
  'duplicate.endCustomer.common': {
    en: '{endCustomer} ({holders} of the tenant’s {deals} deals with an end customer name it, so it counts less)',
    'zh-CN': '{endCustomer}（本公司 {deals} 笔填写了最终客户的商机中有 {holders} 笔是该客户，因此分量较轻）',
  },
  'duplicate.endCustomer.similar': {
    en: 'similar end customers ({a} / {b})',
    'zh-CN': '最终客户相似（{a} / {b}）',
  },
  'duplicate.endCustomer.different': {
    en: 'different end customers ({a} / {b})',
    'zh-CN': '最终客户不同（{a} / {b}）',
  },
  'duplicate.amount.unknown': { en: 'amounts cannot be compared', 'zh-CN': '金额无法比较' },
  'duplicate.amount.same': { en: 'amounts within 5% ({a} / {b})', 'zh-CN': '金额相差 5% 以内（{a} / {b}）' },
  'duplicate.amount.equal': { en: 'the same amount ({a})', 'zh-CN': '金额相同（{a}）' },
  'duplicate.amount.exact': {
    en: 'the same amount to the fen ({a}), which only {perThousand} in 1,000 pairs of this tenant’s deals within 5% of each other share',
    'zh-CN': '金额分毫不差（{a}），本公司金额相差 5% 以内的商机中每 1000 对只有 {perThousand} 对如此',
  },
  'duplicate.amount.exactOwn': {
    en: 'the same amount to the fen ({a}), which only {perThousand} in 1,000 pairs of one customer’s deals within 5% of each other share here',
    'zh-CN': '金额分毫不差（{a}），本公司同一客户金额相差 5% 以内的商机中每 1000 对只有 {perThousand} 对如此',
  },
  'duplicate.amount.close': {
    en: 'amounts within 20% ({a} / {b})',
    'zh-CN': '金额相差 20% 以内（{a} / {b}）',
  },
  'duplicate.amount.different': { en: 'amounts differ ({a} / {b})', 'zh-CN': '金额不同（{a} / {b}）' },
  'duplicate.amount.far': { en: 'amounts far apart ({a} / {b})', 'zh-CN': '金额相差悬殊（{a} / {b}）' },
  'duplicate.customer.same_account': { en: 'the same customer ({a})', 'zh-CN': '是同一客户（{a}）' },
  'duplicate.customer.same_account_busy': {
    // No "but" of its own: as evidence against, the explanation's "; but" comes before it.
    en: 'the same customer ({a}), which has {others} other open deals of {deals}, so one customer counts little',
    'zh-CN': '是同一客户（{a}），而该客户在 {deals} 笔商机中另有 {others} 笔，同一客户说明不了太多',
  },
  'duplicate.customer.same_account_compared': {
    // Said for a customer whose deals outnumber the block cap: the figure its weight was read against.
    en: 'the same customer ({a}), which has {others} other open deals, of which a deal of it is compared with about {compared}',
    'zh-CN': '是同一客户（{a}），该客户另有 {others} 笔商机，其中每笔约与 {compared} 笔比对',
  },
  'duplicate.customer.kitRepeats': {
    en: "{customer} ({own} of its {deals} deals hold this exact basket; the kit's {buyers} other buyers order it again in {again} of their {others} other deals)",
    'zh-CN':
      '{customer}（该客户的 {deals} 笔商机中有 {own} 笔是完全相同的组合；购买该组合的其他 {buyers} 家客户，其另外 {others} 笔商机中有 {again} 笔再次购买）',
  },
  'duplicate.customer.kitRepeatGap': {
    en: "{customer} (of the {pairs} pairs of one customer's orders of one kit, {close} are delivered this close)",
    'zh-CN': '{customer}（同一客户重复购买同一套装的 {pairs} 对商机中，交期如此接近的有 {close} 对）',
  },
  'duplicate.customer.busyKitGap': {
    en: '{customer} (of the {pairs} pairs of its own deals holding one basket that are compared here, {close} are delivered this close)',
    'zh-CN':
      '{customer}（该客户在这里被比对、含完全相同组合的 {pairs} 对商机中，交期如此接近的有 {close} 对）',
  },
  'duplicate.customer.busyKitGapOthers': {
    // What a busy customer's own gaps were shrunk towards (`otherBusyGaps`): the other busy customers'.
    en: "{customer} (and of the {pairs} such pairs of the tenant's other customers with this many deals, {close} are this close)",
    'zh-CN': '{customer}（本公司其他同样商机众多的客户的 {pairs} 对此类商机中，交期如此接近的有 {close} 对）',
  },
  // Who entered one account's two deals (`copy-owner.ts`): the share among its deal pairs (as
  // counted) against the fitted share among its re-entries, and which way that moved the pair.
  'duplicate.customer.twoOwnersMore': {
    en: '{customer}, entered by two salespeople: here {uPercent} % of {pairs} pairs of one customer’s deals are, and about {mPercent} % of its re-entries (about {copies}), so this reads as a colleague typing the same order in again',
    'zh-CN':
      '{customer}，由两位销售分别录入：本公司同一客户的商机中两人录入的占 {uPercent}%（共 {pairs} 对），而重复录入中约占 {mPercent}%（约 {copies} 对），像是同事把同一笔订单又录了一遍',
  },
  'duplicate.customer.twoOwnersLess': {
    en: '{customer}, entered by two salespeople: here {uPercent} % of {pairs} pairs of one customer’s deals are, and only about {mPercent} % of its re-entries (about {copies}), so it counts less',
    'zh-CN':
      '{customer}，由两位销售分别录入：本公司同一客户的商机中两人录入的占 {uPercent}%（共 {pairs} 对），而重复录入中仅约占 {mPercent}%（约 {copies} 对），因此分量较轻',
  },
  'duplicate.customer.oneOwnerMore': {
    en: '{customer}, entered by one salesperson: here {uPercent} % of {pairs} pairs of one customer’s deals are, and about {mPercent} % of its re-entries (about {copies}), so it counts more',
    'zh-CN':
      '{customer}，由同一位销售录入：本公司同一客户的商机中同一人录入的占 {uPercent}%（共 {pairs} 对），而重复录入中约占 {mPercent}%（约 {copies} 对），因此分量更重',
  },
  'duplicate.customer.oneOwnerLess': {
    en: '{customer}, entered by one salesperson: here {uPercent} % of {pairs} pairs of one customer’s deals are, and only about {mPercent} % of its re-entries (about {copies}), so it counts less',
    'zh-CN':
      '{customer}，由同一位销售录入：本公司同一客户的商机中同一人录入的占 {uPercent}%（共 {pairs} 对），而重复录入中仅约占 {mPercent}%（约 {copies} 对），因此分量较轻',
  },
  'duplicate.customer.same_identity': {
    en: 'the customers share a phone or credit code ({a} / {b})',
    'zh-CN': '双方客户的电话或信用代码相同（{a} / {b}）',
  },
  'duplicate.customer.different': {
    en: 'different customers ({a} / {b})',
    'zh-CN': '不同的客户（{a} / {b}）',
  },
  'duplicate.customer.different_identity': {
    en: 'two companies with similar names ({a} / {b})',
    'zh-CN': '名称相似的两家公司（{a} / {b}）',
  },
  'duplicate.customer.branch': {
    en: 'a company and its branch ({a} / {b})',
    'zh-CN': '一家公司及其分支机构（{a} / {b}）',
  },
  'duplicate.customer.similar_name': {
    en: 'similar customer names ({a} / {b})',
    'zh-CN': '客户名称相似（{a} / {b}）',
  },
  // A busy customer entered as two accounts, read as its own account is: against its deals a deal meets.
  'duplicate.customer.oneCustomerLess': {
    en: '{customer}: one customer entered as two accounts, {others, plural, one {# deal} other {# deals}} of it between them among the {partners} each deal here is compared with, so it counts less',
    'zh-CN':
      '{customer}：同一客户录成了两个账户，每笔商机在这里约与 {partners} 笔比对，其中 {others} 笔属于这一客户（两个账户合计），因此分量较轻',
  },
  'duplicate.customer.onlyDealMore': {
    en: '{customer}; one of the two accounts holds only this deal: here {uPercent} % of {pairs} pairs of a busy customer under two accounts have such an account, and about {mPercent} % of their re-entries (about {copies}), so this reads as an account opened to enter the same order again',
    'zh-CN':
      '{customer}；其中一个账户只有这一笔商机：本公司大客户录成两个账户的商机对中，有这种账户的占 {uPercent}%（共 {pairs} 对），而重复录入中约占 {mPercent}%（约 {copies} 对），像是为再录一遍同一订单而新开的账户',
  },
  'duplicate.customer.onlyDealLess': {
    en: '{customer}; one of the two accounts holds only this deal: here {uPercent} % of {pairs} pairs of a busy customer under two accounts have such an account, and only about {mPercent} % of their re-entries (about {copies}), so it counts less',
    'zh-CN':
      '{customer}；其中一个账户只有这一笔商机：本公司大客户录成两个账户的商机对中，有这种账户的占 {uPercent}%（共 {pairs} 对），而重复录入中仅约占 {mPercent}%（约 {copies} 对），因此分量较轻',
  },
  'duplicate.customer.notOnlyDealMore': {
    en: '{customer}; both accounts hold other deals: here {uPercent} % of {pairs} pairs of a busy customer under two accounts do, and about {mPercent} % of their re-entries (about {copies}), so it counts more',
    'zh-CN':
      '{customer}；两个账户都还有其他商机：本公司大客户录成两个账户的商机对中，这样的占 {uPercent}%（共 {pairs} 对），而重复录入中约占 {mPercent}%（约 {copies} 对），因此分量较重',
  },
  'duplicate.customer.notOnlyDealLess': {
    en: '{customer}; both accounts hold other deals: here {uPercent} % of {pairs} pairs of a busy customer under two accounts do, and only about {mPercent} % of their re-entries (about {copies}), so it counts less',
    'zh-CN':
      '{customer}；两个账户都还有其他商机：本公司大客户录成两个账户的商机对中，这样的占 {uPercent}%（共 {pairs} 对），而重复录入中仅约占 {mPercent}%（约 {copies} 对），因此分量较轻',
  },
  'duplicate.customer.same_name': {
    en: 'one customer under two spellings ({a} / {b})',
    'zh-CN': '同一客户的两种写法（{a} / {b}）',
  },
  'duplicate.customer.same_name_twice': {
    en: 'one customer entered as two accounts of the same name ({a})',
    'zh-CN': '同一客户录成了两个同名账户（{a}）',
  },
  'duplicate.join.list': { en: '{first}, {rest}', 'zh-CN': '{first}、{rest}' },
  'duplicate.join.last': { en: '{first} and {last}', 'zh-CN': '{first}和{last}' },
  'duplicate.join.clauses': { en: '{first}; {rest}', 'zh-CN': '{first}；{rest}' },
  'duplicate.explanation.both': { en: '{pro}; but {contra}', 'zh-CN': '{pro}；但{contra}' },
  'duplicate.explanation.for': { en: '{pro}', 'zh-CN': '{pro}' },
  'duplicate.word': { en: '{word}', 'zh-CN': '{word}' },
  'duplicate.explanation.against': { en: '{contra}', 'zh-CN': '{contra}' },
  'duplicate.competition.rivals': {
    en: '{sides}: a deal entered again is the copy of one deal, not of several, so this pair shares its evidence with those',
    'zh-CN':
      '{sides}：再次录入的商机只是某一笔商机的副本，不会同时是多笔商机的副本，因此这一对与那些配对分摊证据',
  },
  'duplicate.competition.side': {
    en: '“{deal}” is also proposed with {count, plural, one {one other deal} other {# other deals}} (the best at {best} bits)',
    'zh-CN': '“{deal}”还与另外 {count} 笔商机被列为疑似重复（最高 {best} 位）',
  },
  'duplicate.explanation.none': { en: 'no evidence either way', 'zh-CN': '没有任何一方面的证据' },
  'duplicate.product.laser_scanner': {
    en: '{quantity, plural, one {a laser scanner} other {# laser scanners}}',
    'zh-CN': '{quantity} 台激光扫描器',
  },
  'duplicate.noun.laser_scanner': { en: 'laser scanners', 'zh-CN': '激光扫描器' },
  'duplicate.product.barcode_scanner': {
    en: '{quantity, plural, one {a barcode scanner} other {# barcode scanners}}',
    'zh-CN': '{quantity} 台条码扫描器',
  },
  'duplicate.noun.barcode_scanner': { en: 'barcode scanners', 'zh-CN': '条码扫描器' },
  'duplicate.product.scanner': {
    en: '{quantity, plural, one {a scanner} other {# scanners}}',
    'zh-CN': '{quantity} 台扫描器',
  },
  'duplicate.noun.scanner': { en: 'scanners', 'zh-CN': '扫描器' },
  'duplicate.product.imager': {
    en: '{quantity, plural, one {an imager} other {# imagers}}',
    'zh-CN': '{quantity} 台影像扫描器',
  },
  'duplicate.noun.imager': { en: 'imagers', 'zh-CN': '影像扫描器' },
  'duplicate.product.rfid_reader': {
    en: '{quantity, plural, one {an RFID reader} other {# RFID readers}}',
    'zh-CN': '{quantity} 台RFID 读写器',
  },
  'duplicate.noun.rfid_reader': { en: 'RFID readers', 'zh-CN': 'RFID 读写器' },
  'duplicate.product.rfid_tag': {
    en: '{quantity, plural, one {an RFID tag} other {# RFID tags}}',
    'zh-CN': '{quantity} 个RFID 标签',
  },
  'duplicate.noun.rfid_tag': { en: 'RFID tags', 'zh-CN': 'RFID 标签' },
  'duplicate.product.label_printer': {
    en: '{quantity, plural, one {a label printer} other {# label printers}}',
    'zh-CN': '{quantity} 台标签打印机',
  },
  'duplicate.noun.label_printer': { en: 'label printers', 'zh-CN': '标签打印机' },
  'duplicate.product.printer': {
    en: '{quantity, plural, one {a printer} other {# printers}}',
    'zh-CN': '{quantity} 台打印机',
  },
  'duplicate.noun.printer': { en: 'printers', 'zh-CN': '打印机' },
  'duplicate.product.mobile_computer': {
    en: '{quantity, plural, one {a mobile computer} other {# mobile computers}}',
    'zh-CN': '{quantity} 台移动数据终端',
  },
  'duplicate.noun.mobile_computer': { en: 'mobile computers', 'zh-CN': '移动数据终端' },
  'duplicate.product.handheld': {
    en: '{quantity, plural, one {a handheld terminal} other {# handheld terminals}}',
    'zh-CN': '{quantity} 台手持终端',
  },
  'duplicate.noun.handheld': { en: 'handheld terminals', 'zh-CN': '手持终端' },
  'duplicate.product.server': {
    en: '{quantity, plural, one {a server} other {# servers}}',
    'zh-CN': '{quantity} 台服务器',
  },
  'duplicate.noun.server': { en: 'servers', 'zh-CN': '服务器' },
  'duplicate.product.wms': {
    en: '{quantity, plural, one {a WMS} other {# WMS licences}}',
    'zh-CN': '{quantity} 套WMS',
  },
  'duplicate.noun.wms': { en: 'WMS licences', 'zh-CN': 'WMS' },
  'duplicate.product.software': {
    en: '{quantity, plural, other {software}}',
    'zh-CN': '{quantity, plural, other {软件}}',
  },
  'duplicate.noun.software': { en: 'software', 'zh-CN': '软件' },
  'duplicate.product.network': {
    en: '{quantity, plural, other {network gear}}',
    'zh-CN': '{quantity, plural, other {网络设备}}',
  },
  'duplicate.noun.network': { en: 'network gear', 'zh-CN': '网络设备' },
  'duplicate.product.access_point': {
    en: '{quantity, plural, one {an access point} other {# access points}}',
    'zh-CN': '{quantity} 个无线接入点',
  },
  'duplicate.noun.access_point': { en: 'access points', 'zh-CN': '无线接入点' },
  'duplicate.product.service': {
    en: '{quantity, plural, one {a service contract} other {# service contracts}}',
    'zh-CN': '{quantity} 份服务合同',
  },
  'duplicate.noun.service': { en: 'service contracts', 'zh-CN': '服务合同' },
  'duplicate.scan.threads': {
    en: 'expected “auto” or a whole number from {min} to {max}',
    'zh-CN': '应为 “auto” 或 {min} 到 {max} 之间的整数',
  },
  'duplicate.scan.threadFailed': {
    en: 'the duplicate scan stopped: one of its {threads} threads failed ({reason})',
    'zh-CN': '重复商机扫描已中止：{threads} 个线程中有一个出错（{reason}）',
  },
  'duplicate.scan.dealsUnscored': {
    en: 'the threads scored {done} of {total} deals',
    'zh-CN': '各线程只比对了 {total} 笔商机中的 {done} 笔',
  },
});

export const sayDuplicate = messagesOf(DUPLICATE_DEAL_MESSAGES);

/** Provinces by code, as the explanation names them: "Shandong (37)", "山东（37）". */
export const PROVINCE_MESSAGES = defineMessages(
  Object.fromEntries(
    Object.entries(PROVINCES).map(([code, p]) => [
      `duplicate.province.${code}`,
      { en: `${p.en} (${code})`, 'zh-CN': `${p.zh}（${code}）` },
    ]),
  ),
);

/** A province as a message when it is one of GB/T 2260's, else its code as given. */
export function provinceName(code: string): Message | string {
  const key = `duplicate.province.${code}`;
  return Object.hasOwn(PROVINCE_MESSAGES, key) ? message(key) : code;
}

/**
 * The message of a key Gongfu names for each value of an open list (a product category, a customer
 * kind, a measure's level): built in for the values Gongfu knows; for a value an app adds, the app
 * gives it words by defining the key in its `messages` (`duplicate.product.tablet`), and until it
 * does, `otherwise` is said (the value as entered).
 */
export function wordsFor(key: string, params: MessageParams, otherwise: Message): Message {
  return Object.hasOwn(DUPLICATE_DEAL_MESSAGES, key) ? message(key, params) : message(key, params, otherwise);
}

/** A value as entered (an app's own category or kind), said as is. */
export const asEntered = (word: string): Message => message('duplicate.word', { word });

/** Joins parts as the locale lists them ("a, b and c"; "a、b和c"), as nested messages. */
export function listOf(parts: readonly (Message | string)[]): Message | string {
  if (parts.length <= 1) return parts[0] ?? '';
  if (parts.length === 2) return sayDuplicate('duplicate.join.last', { first: parts[0]!, last: parts[1]! });
  return sayDuplicate('duplicate.join.list', { first: parts[0]!, rest: listOf(parts.slice(1)) });
}

/** Joins clauses with semicolons, as nested messages. */
export function clausesOf(parts: readonly Message[]): Message | string {
  if (parts.length <= 1) return parts[0] ?? '';
  return sayDuplicate('duplicate.join.clauses', { first: parts[0]!, rest: clausesOf(parts.slice(1)) });
}
