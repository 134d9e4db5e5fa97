import { defineMessages, type Message, message } from '../../kernel/message.js';

/**
 * The words a person reads in a record's history instead of the domain's ids: what happened
 * (`opportunity.end_customer_linked` → "end customer linked" / "关联最终用户") and which field changed
 * (`requiredDelivery` → "delivery date" / "要求交期"). An app shows `crm.say(historyEventName(e.event))`;
 * it renames any of them, or adds its own language, through the service's message catalogues.
 *
 * Keys are the event's verb (`history.event.created`), shared by every record kind: "created" reads
 * the same for a lead and an order, and the table's subject already says which record it is. An
 * app's own event or custom field is named the same way: it adds `history.event.<verb>` or
 * `history.field.<field>` to its catalogues (a missing text shows its key, as every message does).
 */
export const HISTORY_EVENT_MESSAGES = defineMessages({
  'history.event.created': { en: 'created', 'zh-CN': '新建' },
  'history.event.updated': { en: 'edited', 'zh-CN': '修改' },
  'history.event.captured': { en: 'captured', 'zh-CN': '录入' },
  'history.event.quoted': { en: 'quoted', 'zh-CN': '报价' },
  'history.event.contacted': { en: 'contacted', 'zh-CN': '已联系' },
  'history.event.qualified': { en: 'qualified', 'zh-CN': '确认为有效线索' },
  'history.event.nurtured': { en: 'put into nurturing', 'zh-CN': '转入培育' },
  'history.event.disqualified': { en: 'disqualified', 'zh-CN': '判为无效' },
  'history.event.recycled': { en: 'recycled', 'zh-CN': '重新激活' },
  'history.event.converted': { en: 'converted into a deal', 'zh-CN': '转为商机' },
  'history.event.stage_changed': { en: 'stage changed', 'zh-CN': '阶段变化' },
  'history.event.won': { en: 'won', 'zh-CN': '赢单' },
  'history.event.lost': { en: 'lost', 'zh-CN': '丢单' },
  'history.event.reopened': { en: 'reopened', 'zh-CN': '重新打开' },
  'history.event.pipeline_migrated': { en: 'moved to another pipeline', 'zh-CN': '转到其他销售流程' },
  'history.event.line_added': { en: 'product line added', 'zh-CN': '添加产品明细' },
  'history.event.line_removed': { en: 'product line removed', 'zh-CN': '删除产品明细' },
  'history.event.lead_merged': { en: 'lead merged in', 'zh-CN': '并入线索' },
  'history.event.end_customer_linked': { en: 'end customer linked', 'zh-CN': '关联最终用户' },
  'history.event.contact_added': { en: 'contact added', 'zh-CN': '添加联系人' },
  'history.event.contact_removed': { en: 'contact removed', 'zh-CN': '移除联系人' },
  'history.event.duplicate_linked': { en: 'linked with its duplicate', 'zh-CN': '合并重复单' },
  'history.event.duplicate_released': { en: 'closed as a duplicate', 'zh-CN': '作为重复单关闭' },
  'history.event.marked_not_duplicate': { en: 'marked as not a duplicate', 'zh-CN': '标记为非重复' },
  'history.event.team_member_added': { en: 'joined the team', 'zh-CN': '加入团队' },
  'history.event.team_member_removed': { en: 'left the team', 'zh-CN': '离开团队' },
  'history.event.owner_changed': { en: 'owner changed', 'zh-CN': '更换负责人' },
  'history.event.transferred': { en: 'handed over to a new owner', 'zh-CN': '移交给新负责人' },
  'history.event.team_transferred': { en: 'team seats handed over', 'zh-CN': '团队席位移交' },
  'history.event.owner_followed_account': {
    en: 'owner follows the customer’s new owner',
    'zh-CN': '负责人随客户负责人变更',
  },
  'history.event.merged': { en: 'another record merged in', 'zh-CN': '并入另一条记录' },
  'history.event.merged_into': { en: 'merged into another record', 'zh-CN': '并入其他记录' },
  'history.event.account_merged': { en: 'its customer merged into another', 'zh-CN': '所属客户已合并' },
  'history.event.merge_undone': { en: 'merge undone', 'zh-CN': '撤销合并' },
  'history.event.unmerged': { en: 'split out again', 'zh-CN': '恢复为独立记录' },
  'history.event.aliases': { en: 'other names changed', 'zh-CN': '别名变更' },
  'history.event.phones': { en: 'phone numbers changed', 'zh-CN': '电话变更' },
  'history.event.emails': { en: 'email addresses changed', 'zh-CN': '邮箱变更' },
  'history.event.scheduled': { en: 'scheduled', 'zh-CN': '已安排' },
  'history.event.rescheduled': { en: 'rescheduled', 'zh-CN': '改期' },
  'history.event.logged': { en: 'logged', 'zh-CN': '已记录' },
  'history.event.completed': { en: 'completed', 'zh-CN': '已完成' },
  'history.event.cancelled': { en: 'cancelled', 'zh-CN': '已取消' },
  'history.event.confirmed': { en: 'confirmed', 'zh-CN': '已确认' },
  'history.event.shipped': { en: 'shipped', 'zh-CN': '发货' },
  'history.event.delivered': { en: 'delivered', 'zh-CN': '交货' },
  'history.event.closed': { en: 'closed', 'zh-CN': '关闭' },
  'history.event.opened': { en: 'opened', 'zh-CN': '新建' },
  'history.event.progressed': { en: 'moved on', 'zh-CN': '进展' },
  'history.event.resolved': { en: 'resolved', 'zh-CN': '已解决' },
  'history.event.lent': { en: 'lent out', 'zh-CN': '借出' },
  'history.event.returned': { en: 'returned', 'zh-CN': '归还' },
  'history.event.recorded': { en: 'recorded', 'zh-CN': '登记' },
  'history.event.corrected': { en: 'corrected', 'zh-CN': '更正' },
  'history.event.set': { en: 'set', 'zh-CN': '设定' },
  'history.event.changed': { en: 'changed', 'zh-CN': '调整' },
  'history.event.stored': { en: 'set', 'zh-CN': '设定' },
  'history.event.snoozed': { en: 'snoozed', 'zh-CN': '推迟提醒' },
  'history.event.acknowledged': { en: 'acknowledged', 'zh-CN': '已确认收到' },
  'history.event.deactivated': { en: 'deactivated', 'zh-CN': '停用' },
});

/** What a changed field is called in a history table. */
export const HISTORY_FIELD_MESSAGES = defineMessages({
  'history.field.name': { en: 'name', 'zh-CN': '名称' },
  'history.field.company': { en: 'company', 'zh-CN': '公司' },
  'history.field.stage': { en: 'stage', 'zh-CN': '阶段' },
  'history.field.status': { en: 'status', 'zh-CN': '状态' },
  'history.field.ownerId': { en: 'owner', 'zh-CN': '负责人' },
  'history.field.accountId': { en: 'customer', 'zh-CN': '客户' },
  'history.field.amount': { en: 'amount', 'zh-CN': '金额' },
  'history.field.lines': { en: 'products', 'zh-CN': '产品明细' },
  'history.field.probability': { en: 'probability', 'zh-CN': '赢率' },
  'history.field.forecastCategory': { en: 'forecast', 'zh-CN': '预测类别' },
  'history.field.requiredDelivery': { en: 'delivery date', 'zh-CN': '要求交期' },
  'history.field.expectedClose': { en: 'expected close', 'zh-CN': '预计成交' },
  'history.field.region': { en: 'region', 'zh-CN': '地区' },
  'history.field.channel': { en: 'channel', 'zh-CN': '渠道' },
  'history.field.team': { en: 'team', 'zh-CN': '团队' },
  'history.field.closedAt': { en: 'closed at', 'zh-CN': '关单时间' },
  'history.field.stageChangedAt': { en: 'stage changed', 'zh-CN': '阶段变更时间' },
  'history.field.stageEnteredAt': { en: 'stage entered', 'zh-CN': '进入阶段时间' },
  'history.field.duplicateOfId': { en: 'duplicate of', 'zh-CN': '重复于' },
  'history.field.lostReason': { en: 'lost reason', 'zh-CN': '丢单原因' },
  'history.field.endCustomer': { en: 'end customer', 'zh-CN': '最终用户' },
  'history.field.leadId': { en: 'from lead', 'zh-CN': '来源线索' },
  'history.field.lastActivityAt': { en: 'last contact', 'zh-CN': '最近联系' },
  'history.field.contacts': { en: 'contacts', 'zh-CN': '联系人' },
  'history.field.role': { en: 'role', 'zh-CN': '角色' },
  'history.field.active': { en: 'active', 'zh-CN': '在职' },
  'history.field.email': { en: 'email', 'zh-CN': '邮箱' },
  'history.field.managerId': { en: 'manager', 'zh-CN': '上级' },
  'history.field.sku': { en: 'SKU', 'zh-CN': '物料号' },
  'history.field.category': { en: 'category', 'zh-CN': '类别' },
  'history.field.kind': { en: 'kind', 'zh-CN': '类型' },
  'history.field.custom': { en: 'custom fields', 'zh-CN': '自定义字段' },
  'history.field.source': { en: 'source', 'zh-CN': '来源' },
  'history.field.receivedAt': { en: 'received at', 'zh-CN': '接收时间' },
  'history.field.contact': { en: 'contact person', 'zh-CN': '联系人信息' },
  'history.field.interests': { en: 'products of interest', 'zh-CN': '意向产品' },
  'history.field.lastContactAt': { en: 'last contact', 'zh-CN': '最近联系' },
  'history.field.aliases': { en: 'other names', 'zh-CN': '别名' },
  'history.field.phones': { en: 'phone numbers', 'zh-CN': '电话' },
  'history.field.emails': { en: 'email addresses', 'zh-CN': '邮箱' },
  'history.field.phone': { en: 'phone', 'zh-CN': '电话' },
  'history.field.currency': { en: 'currency', 'zh-CN': '币种' },
  'history.field.competitors': { en: 'competitors', 'zh-CN': '竞争对手' },
  'history.field.convertedAt': { en: 'converted at', 'zh-CN': '转化时间' },
  'history.field.convertedOpportunityId': { en: 'converted into deal', 'zh-CN': '转化的商机' },
  'history.field.convertedContactId': { en: 'converted into contact', 'zh-CN': '转化的联系人' },
  'history.field.mergedIntoId': { en: 'merged into', 'zh-CN': '并入' },
  'history.field.subject': { en: 'about', 'zh-CN': '相关记录' },
  'history.field.startAt': { en: 'starts', 'zh-CN': '开始时间' },
  'history.field.endAt': { en: 'ends', 'zh-CN': '结束时间' },
  'history.field.timeZone': { en: 'time zone', 'zh-CN': '时区' },
  'history.field.opportunityId': { en: 'deal', 'zh-CN': '商机' },
  'history.field.regarding': { en: 'regarding', 'zh-CN': '关于' },
  'history.field.cancelReason': { en: 'cancel reason', 'zh-CN': '取消原因' },
  'history.field.outcome': { en: 'outcome', 'zh-CN': '结果' },
  'history.field.completedAt': { en: 'completed at', 'zh-CN': '完成时间' },
  'history.field.title': { en: 'title', 'zh-CN': '标题' },
  'history.field.incurredOn': { en: 'incurred on', 'zh-CN': '发生日期' },
  'history.field.incurredBy': { en: 'incurred by', 'zh-CN': '发生人' },
  'history.field.serial': { en: 'serial number', 'zh-CN': '序列号' },
  'history.field.loanedAt': { en: 'lent at', 'zh-CN': '借出时间' },
  'history.field.dueBack': { en: 'due back', 'zh-CN': '应还日期' },
  'history.field.returnedAt': { en: 'returned at', 'zh-CN': '归还时间' },
  'history.field.condition': { en: 'condition', 'zh-CN': '状况' },
  'history.field.disqualifyReason': { en: 'disqualify reason', 'zh-CN': '无效原因' },
  'history.field.pipelineVersion': { en: 'pipeline version', 'zh-CN': '销售流程版本' },
  'history.field.promisedDelivery': { en: 'promised delivery', 'zh-CN': '承诺交期' },
  'history.field.warrantyMonths': { en: 'warranty (months)', 'zh-CN': '保修期 (月)' },
  'history.field.number': { en: 'number', 'zh-CN': '编号' },
  'history.field.deliveredAt': { en: 'delivered at', 'zh-CN': '交货时间' },
  'history.field.userId': { en: 'person', 'zh-CN': '人员' },
  'history.field.scope': { en: 'scope', 'zh-CN': '范围' },
  'history.field.period': { en: 'period', 'zh-CN': '期间' },
  'history.field.target': { en: 'target', 'zh-CN': '目标' },
  'history.field.acknowledgedAt': { en: 'acknowledged at', 'zh-CN': '确认时间' },
  'history.field.snoozedUntil': { en: 'snoozed until', 'zh-CN': '推迟到' },
  'history.field.orderId': { en: 'order', 'zh-CN': '订单' },
  'history.field.orderLineId': { en: 'order line', 'zh-CN': '订单明细' },
  'history.field.summary': { en: 'summary', 'zh-CN': '摘要' },
  'history.field.underWarranty': { en: 'under warranty', 'zh-CN': '在保' },
  'history.field.warrantyUntil': { en: 'warranty until', 'zh-CN': '保修截止' },
  'history.field.resolution': { en: 'resolution', 'zh-CN': '处理结果' },
  'history.field.resolvedAt': { en: 'resolved at', 'zh-CN': '解决时间' },
  'history.field.deactivatedAt': { en: 'deactivated at', 'zh-CN': '停用时间' },
});

/** Fields every record carries for bookkeeping; a history table leaves them out. */
const BOOKKEEPING = new Set([
  'tenantId',
  'id',
  'createdAt',
  'updatedAt',
  'version',
  'createdBy',
  'updatedBy',
]);

/**
 * What happened, as a message named by the event's verb (`opportunity.stage_changed` →
 * `history.event.stage_changed`).
 * @example
 * ```ts
 * for (const e of await crm.history.forRecord(li, 'opportunity', deal.id))
 *   console.log(crm.say(historyEventName(e.event), 'zh-CN')); // 新建, 阶段变化, 关联最终用户 …
 * ```
 */
export function historyEventName(event: string): Message {
  return message(`history.event.${event.slice(event.indexOf('.') + 1)}`);
}

/**
 * A changed field's name as a message, or null for a bookkeeping field (id, version, timestamps)
 * nobody reads in a history.
 * @example
 * ```ts
 * const fields = Object.keys(e.changes).map(historyFieldName).filter((m) => m !== null);
 * console.log(fields.map((m) => crm.say(m, 'zh-CN')).join('、')); // 阶段、赢率
 * ```
 */
export function historyFieldName(field: string): Message | null {
  return BOOKKEEPING.has(field) ? null : message(`history.field.${field}`);
}
