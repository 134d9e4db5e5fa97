import { isCrmError, type Reminder } from '@gongfu/core';
import { expect, it } from 'vitest';
import { type ServiceWorld, storyLead } from '../support/harness.js';
import { expectCode, rejectionOf } from '../support/service-expect.js';
import { fullyRendered, sameTenant } from './messages.suite.js';

const cny = (amount: number) => ({ amount, currency: 'CNY' });

/** A key-account deal from the story's lead, with no presales engineer on its team yet. */
async function storyDeal(w: ServiceWorld) {
  const { repA } = w.org;
  const lead = await w.crm.leads.capture(repA, storyLead());
  await w.crm.leads.quote(repA, lead.id, {
    sku: 'LS2208',
    quantity: 200,
    unitPrice: cny(98_000),
    validUntil: '2026-03-31',
  });
  const { opportunity } = await w.crm.leads.convert(repA, lead.id, {
    account: { kind: 'system_integrator' },
  });
  return opportunity;
}

export function messageCases(world: () => Promise<ServiceWorld>): void {
  it('a gate refusal carries its gate id and key, and reads in the locale of the call', async () => {
    const w = await world();
    const deal = await storyDeal(w);
    const advance = (locale: string) =>
      w.crm.with({ locale }).opportunities.advance(w.org.repA, deal.id, { to: 'solution' });

    const zh = await expectCode(advance('zh-CN'), 'INVALID_TRANSITION');
    expect(zh.reason).toBe('商机团队中须有一名售前工程师');
    expect(zh.reasonDetail).toEqual({ key: 'opportunity.gate.presales', params: {} });
    expect(zh.detail).toMatchObject({ key: 'error.invalidTransition', params: { from: 'qualification' } });
    expect(zh.message).toBe('无法在“qualification”状态下执行 ADVANCE：商机团队中须有一名售前工程师');

    const en = await expectCode(advance('en'), 'INVALID_TRANSITION');
    expect(en.reason).toBe('needs a presales engineer on the deal team');
    expect(en.message).toBe('cannot ADVANCE from qualification: needs a presales engineer on the deal team');
    expect(en.reasonDetail).toEqual(zh.reasonDetail);
    // The same key renders anywhere later: the app can keep the structured form and say it again.
    expect(w.crm.say(zh.reasonDetail as never, 'zh-CN')).toBe(zh.reason);
    expect((await w.crm.opportunities.get(w.org.repA, deal.id)).stage).toBe('qualification');
  });

  it('the service-wide locale applies when a call names none; the call can override it', async () => {
    const w = await world();
    const deal = await storyDeal(w);
    const zhCrm = sameTenant(w, { locale: 'zh-CN' });
    expect(zhCrm.locale).toBe('zh-CN');
    const refused = await expectCode(
      zhCrm.opportunities.advance(w.org.repA, deal.id, { to: 'solution' }),
      'INVALID_TRANSITION',
    );
    expect(refused.reason).toBe('商机团队中须有一名售前工程师');
    const english = await expectCode(
      zhCrm.with({ locale: 'en' }).opportunities.advance(w.org.repA, deal.id, { to: 'solution' }),
      'INVALID_TRANSITION',
    );
    expect(english.reason).toBe('needs a presales engineer on the deal team');
  });

  it('permission refusals, missing records and field issues are keyed and localized', async () => {
    const w = await world();
    const zh = w.crm.with({ locale: 'zh-CN' });
    const denied = await expectCode(
      zh.products.create(w.org.repA, { sku: 'X-1', name: '样品', category: 'scanner' }),
      'PERMISSION_DENIED',
    );
    expect(denied.reason).toBe('只有管理员和销售经理可以这样做');
    expect(denied.reasonDetail).toEqual({ key: 'product.denied.maintain', params: {} });
    expect(denied.message).toBe('无权维护产品目录：只有管理员和销售经理可以这样做');

    const missing = await expectCode(zh.leads.get(w.org.repA, 'lead_missing'), 'NOT_FOUND');
    expect(missing.message).toBe('找不到线索 lead_missing');
    expect(missing.detail).toMatchObject({ key: 'error.notFound', params: { id: 'lead_missing' } });

    const lead = await w.crm.leads.capture(w.org.repA, storyLead());
    w.clock.set('2026-03-05T02:00:00.000Z');
    const [due] = await w.crm.reminders.due(w.org.repA);
    expect(due).toBeDefined();
    const invalid = await expectCode(
      zh.reminders.snooze(w.org.repA, (due as Reminder).id, { until: '2026-03-01T00:00:00.000Z' }),
      'VALIDATION',
    );
    const [issue] = invalid.issues as { field: string; message: string; detail?: unknown }[];
    expect(issue).toEqual({
      field: 'until',
      message: '推迟时间须晚于当前时间',
      detail: { key: 'reminder.invalid.snoozeInPast', params: {} },
    });
    expect(invalid.message).toBe('until：推迟时间须晚于当前时间');
    expect(lead.id).toBeTruthy();
  });

  it('a reminder is stored with its key and renders in the language of whoever reads it', async () => {
    const w = await world();
    const lead = await w.crm.leads.capture(w.org.repA, storyLead());
    w.clock.set('2026-03-05T02:00:00.000Z');
    const [zh] = (await w.crm.with({ locale: 'zh-CN' }).reminders.due(w.org.repA)).filter(
      (r) => r.subjectId === lead.id,
    );
    const [en] = (await w.crm.with({ locale: 'en' }).reminders.due(w.org.repA)).filter(
      (r) => r.subjectId === lead.id,
    );
    expect(zh?.message).toBe('已有 3 天未联系山东恒通系统集成有限公司，请跟进');
    expect(en?.message).toBe('No contact with 山东恒通系统集成有限公司 for 3 days — follow up');
    const detail = { key: 'reminder.leadFollowUp', params: { label: '山东恒通系统集成有限公司', days: 3 } };
    expect(zh?.detail).toEqual(detail);
    expect(en?.detail).toEqual(detail);
    // What is stored: the key and params, and the English text beside them.
    const stored = await w.storage.read({ tenantId: w.crm.tenantId }, (tx) =>
      tx.reminders.forSubject('lead', lead.id),
    );
    expect(stored.find((r) => r.kind === 'lead_follow_up')).toMatchObject({ detail, message: en?.message });
  });

  it('a reminder stored before reminders had keys keeps its text in every locale', async () => {
    const w = await world();
    const lead = await w.crm.leads.capture(w.org.repA, storyLead());
    w.clock.set('2026-03-05T02:00:00.000Z');
    const [current] = (await w.crm.reminders.due(w.org.repA)).filter((r) => r.subjectId === lead.id);
    const old: Reminder = {
      ...(current as Reminder),
      message: '请尽快回访恒通（旧数据）',
      detail: null,
      version: (current as Reminder).version + 1,
    };
    await w.storage.transaction({ tenantId: w.crm.tenantId }, (tx) =>
      tx.reminders.update(old, (current as Reminder).version),
    );
    for (const locale of ['en', 'zh-CN']) {
      const [r] = (await w.crm.with({ locale }).reminders.due(w.org.repA)).filter((x) => x.id === old.id);
      expect(r?.message).toBe('请尽快回访恒通（旧数据）');
      expect(r?.detail).toEqual({ key: 'reminder.stored', params: { text: '请尽快回访恒通（旧数据）' } });
    }
  });

  it('explainAccess says why in the reader’s language, with every grant keyed', async () => {
    const w = await world();
    const deal = await storyDeal(w);
    const zh = await w.crm.with({ locale: 'zh-CN' }).opportunities.explainAccess(w.org.manager, deal.id);
    const en = await w.crm.with({ locale: 'en' }).opportunities.explainAccess(w.org.manager, deal.id);
    expect(zh.summary).toMatch(/^李庆成 可以查看和编辑该记录，因为 李庆成 是 销售员甲 的上级（高 1 级）/);
    expect(en.summary).toMatch(
      /^李庆成 can read and edit this record because 李庆成 manages 销售员甲 \(1 level up\)/,
    );
    expect(zh.summaryMessage).toEqual(en.summaryMessage);
    expect(zh.summaryMessage.key).toBe('access.summary.allowed');
    expect(zh.grants[0]).toMatchObject({
      kind: 'manager',
      detail: '是 销售员甲 的上级（高 1 级）',
      detailMessage: { key: 'access.grant.manager', params: { owner: '销售员甲', levels: 1 } },
    });
    for (const text of [zh.summary, en.summary, ...zh.grants.map((g) => g.detail)]) {
      expect(fullyRendered(text)).toBe(true);
    }
  });

  it('an app adds a locale and overrides texts; a key its locale lacks falls back to its language, then English', async () => {
    const w = await world();
    const deal = await storyDeal(w);
    const crm = sameTenant(w, {
      messages: {
        'zh-TW': { 'opportunity.gate.presales': '商機團隊中須有一名售前工程師' },
        en: { 'opportunity.gate.presales': 'ask presales to join the deal first' },
      },
    });
    const tw = await expectCode(
      crm.with({ locale: 'zh-TW' }).opportunities.advance(w.org.repA, deal.id, { to: 'solution' }),
      'INVALID_TRANSITION',
    );
    expect(tw.reason).toBe('商機團隊中須有一名售前工程師');
    // zh-TW has no text for the sentence around the reason: its language's (zh-CN), not English.
    expect(tw.message).toBe('无法在“qualification”状态下执行 ADVANCE：商機團隊中須有一名售前工程師');
    // A language with no catalogue at all reads English (with the app's English override).
    const ja = await expectCode(
      crm.with({ locale: 'ja' }).opportunities.advance(w.org.repA, deal.id, { to: 'solution' }),
      'INVALID_TRANSITION',
    );
    expect(ja.message).toBe('cannot ADVANCE from qualification: ask presales to join the deal first');
    const en = await expectCode(
      crm.opportunities.advance(w.org.repA, deal.id, { to: 'solution' }),
      'INVALID_TRANSITION',
    );
    expect(en.reason).toBe('ask presales to join the deal first');
    // Another service on the same storage keeps Gongfu's own texts.
    const plain = await rejectionOf(w.crm.opportunities.advance(w.org.repA, deal.id, { to: 'solution' }));
    expect(isCrmError(plain, 'INVALID_TRANSITION') && plain.reason).toBe(
      'needs a presales engineer on the deal team',
    );
  });
}
