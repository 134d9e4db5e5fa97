import {
  buildCatalogues,
  builtInMessages,
  type CrmError,
  createReminderDispatcher,
  createTenantAdmin,
  type FieldIssue,
  type Message,
} from '@gongfu/core';
import { expect, it } from 'vitest';
import type { ServiceWorld } from '../support/harness.js';
import { expectCode, rejectionOf } from '../support/service-expect.js';
import { fullyRendered, sameTenant } from './messages.suite.js';

const HAN = /\p{Script=Han}/u;

type Invalid = CrmError & { issues: FieldIssue[]; field: string };

/** The same refused call in zh-CN and en: both ValidationErrors, their first issue and the error. */
async function invalidBoth(w: ServiceWorld, call: (crm: ServiceWorld['crm']) => Promise<unknown>) {
  const zh = (await expectCode(call(w.crm.with({ locale: 'zh-CN' })), 'VALIDATION')) as unknown as Invalid;
  const en = (await expectCode(call(w.crm.with({ locale: 'en' })), 'VALIDATION')) as unknown as Invalid;
  return { zh, en, zhIssue: zh.issues[0] as FieldIssue, enIssue: en.issues[0] as FieldIssue };
}

/**
 * Validation issues, schema refinements, tenant administration, configuration, quotas, custom
 * fields, ownership transfer reasons and dispatcher options: each a key with parameters beside its
 * text, rendered in the call's locale (issue 12.5).
 */
export function inputMessageCases(world: () => Promise<ServiceWorld>): void {
  it('a wrong type and a missing field: the zh-CN text is Chinese and names the field; the key and params stay beside it', async () => {
    const w = await world();
    const wrongType = await invalidBoth(w, (crm) =>
      crm.accounts.create(w.org.repA, { name: 42, kind: 'end_user' } as never),
    );
    expect(wrongType.zh.field).toBe('name');
    expect(wrongType.zhIssue.detail).toEqual({ key: 'input.invalidType', params: { expected: 'string' } });
    expect(wrongType.zhIssue.message).toBe('应为文本');
    expect(wrongType.zh.message).toBe('name：应为文本');
    expect(wrongType.enIssue.message).toBe('expected text');
    expect(wrongType.en.message).toBe('name: expected text');
    expect(wrongType.zh.detail).toEqual(wrongType.en.detail);

    const missing = await invalidBoth(w, (crm) =>
      crm.accounts.create(w.org.repA, { kind: 'end_user' } as never),
    );
    expect(missing.zhIssue).toMatchObject({
      field: 'name',
      message: '必填',
      detail: { key: 'input.required' },
    });
    expect(missing.enIssue.message).toBe('required');
  });

  it('limits, choices, formats and unknown keys speak with their parameters in both languages', async () => {
    const w = await world();
    const account = await w.crm.accounts.create(w.org.repA, {
      name: '山东恒通系统集成有限公司',
      kind: 'end_user',
    });

    const tooMany = await invalidBoth(w, (crm) =>
      crm.accounts.timeline(w.org.repA, account.id, { limit: 500 }),
    );
    expect(tooMany.zhIssue).toMatchObject({
      field: 'limit',
      message: '不能大于 200',
      detail: { key: 'input.tooBig', params: { maximum: 200 } },
    });
    expect(tooMany.enIssue.message).toBe('must be at most 200');

    const choice = await invalidBoth(w, (crm) =>
      crm.accounts.create(w.org.repA, { name: '济南远方物流有限公司', kind: 'space_station' } as never),
    );
    expect(choice.zhIssue.field).toBe('kind');
    expect(choice.zhIssue.detail?.key).toBe('input.oneOf');
    expect(choice.zhIssue.message).toMatch(/^须为以下之一：.*end_user/);
    expect(choice.enIssue.message).toMatch(/^must be one of .*end_user/);

    const email = await invalidBoth(w, (crm) =>
      crm.accounts.create(w.org.repA, { name: '济南华信软件有限公司', kind: 'end_user', emails: ['nope'] }),
    );
    expect(email.zhIssue).toMatchObject({ field: 'emails.0', message: '应为邮箱地址' });
    expect(email.enIssue.message).toBe('expected an email address');

    const unknown = await invalidBoth(w, (crm) =>
      crm.accounts.create(w.org.repA, {
        name: '济南华信软件有限公司',
        kind: 'end_user',
        industy: 'IT',
      } as never),
    );
    expect(unknown.zhIssue).toMatchObject({
      field: 'industy',
      message: '未知字段“industy”，是否应为“industry”？',
      detail: { key: 'input.unknownKeyDidYouMean', params: { key: 'industy', guess: 'industry' } },
    });
    expect(unknown.enIssue.message).toBe("unknown key 'industy' — did you mean 'industry'?");
  });

  it("a schema's own sentence (a refinement) is a key: an activity ending before it starts", async () => {
    const w = await world();
    const refined = await invalidBoth(w, (crm) =>
      crm.activities.schedule(w.org.repA, {
        kind: 'task',
        subject: '回访',
        startAt: '2026-03-03T10:00:00+08:00',
        endAt: '2026-03-03T09:00:00+08:00',
      }),
    );
    expect(refined.zhIssue).toMatchObject({
      field: 'endAt',
      message: '活动结束时间不能早于开始时间',
      detail: { key: 'activity.invalid.endBeforeStart', params: {} },
    });
    expect(refined.enIssue.message).toBe('an activity cannot end before it starts');
  });

  it('an activity lasting more than 366 days is refused naming endAt, in both languages; 366 days is fine', async () => {
    const w = await world();
    const startAt = '2026-03-03T10:00:00+08:00';
    const tooLong = await invalidBoth(w, (crm) =>
      crm.activities.schedule(w.org.repA, {
        kind: 'task',
        subject: '回访',
        startAt,
        endAt: '2199-01-01T00:00:00Z',
      }),
    );
    expect(tooLong.zhIssue).toMatchObject({
      field: 'endAt',
      message: '活动时长不能超过 366 天',
      detail: { key: 'activity.invalid.tooLong', params: { days: 366 } },
    });
    expect(tooLong.enIssue.message).toBe('an activity can last at most 366 days');
    const task = await w.crm.activities.schedule(w.org.repA, {
      kind: 'task',
      subject: '年度回访',
      startAt,
      endAt: '2027-03-04T10:00:00+08:00',
    });
    // Moving it keeps the bound too.
    const moved = await invalidBoth(w, (crm) =>
      crm.activities.reschedule(w.org.repA, task.id, {
        startAt,
        endAt: '2027-03-05T10:00:00+08:00',
        expectedVersion: task.version,
      }),
    );
    expect(moved.enIssue.message).toBe('an activity can last at most 366 days');
  });

  it('configuration, quota and custom-field refusals read in the locale of the service', async () => {
    const w = await world();
    const zh = sameTenant(w, { locale: 'zh-CN' });
    const config = await expectCode(zh.config.get(w.org.manager), 'PERMISSION_DENIED');
    expect(config.message).toBe('无权查看工作区配置：只有管理员才能修改工作区配置');
    expect(config.reasonDetail).toEqual({ key: 'config.denied.notAdmin', params: {} });

    const quota = {
      userId: w.org.repA.id,
      period: '2026-Q2',
      target: { amount: 100_000_00, currency: 'CNY' },
    };
    await w.crm.quotas.set(w.org.manager, quota);
    const twice = await expectCode(zh.quotas.set(w.org.manager, quota), 'CONFLICT');
    expect(twice.message).toBe(
      '销售员甲在 2026-Q2 已有个人指标（第 1 版）；如需替换，请传入 expectedVersion',
    );
    expect((twice as unknown as CrmError).detail?.key).toBe('quota.conflict.exists');
    const english = await expectCode(w.crm.quotas.set(w.org.manager, quota), 'CONFLICT');
    expect(english.message).toMatch(/^销售员甲 already has a person quota for 2026-Q2 \(version 1\)/);

    const badPeriod = (await expectCode(
      zh.quotas.set(w.org.manager, { ...quota, period: '2026-Q5' }),
      'VALIDATION',
    )) as unknown as Invalid;
    expect(badPeriod.issues[0]).toMatchObject({ field: 'period', detail: { key: 'quota.invalid.period' } });
    expect(badPeriod.issues[0]?.message).toMatch(HAN);

    const custom = (await expectCode(
      zh.accounts.create(w.org.repA, {
        name: '青岛瑞达信息技术有限公司',
        kind: 'end_user',
        custom: { erpCode: 'X' },
      }),
      'VALIDATION',
    )) as unknown as Invalid;
    expect(custom.issues[0]).toMatchObject({
      field: 'custom.erpCode',
      message: '客户未声明任何自定义字段',
      detail: { key: 'customField.unknown.noneDeclared' },
    });
  });

  it('tenant administration and dispatcher options refuse with keys the app renders in any locale', async () => {
    const w = await world();
    const catalogues = buildCatalogues([builtInMessages()]);
    const admin = createTenantAdmin(w.storage);
    const refused = (await rejectionOf(admin.delete('default'))) as CrmError & { reasonDetail: Message };
    expect(refused.code).toBe('PERMISSION_DENIED');
    expect(refused.reasonDetail.key).toBe('tenant.denied.defaultTenant');
    expect(refused.message).toContain('pass { force: true } to delete it anyway');
    expect(refused.localize('zh-CN', catalogues).message).toBe(
      '无权删除默认租户：未指定租户的应用数据都在其中；如确需删除，请传入 { force: true }',
    );

    const badId = (await rejectionOf(admin.create({ id: 'Not OK', name: 'x' }))) as Invalid;
    expect(badId.issues[0]?.detail?.key).toBe('tenant.invalid.id');
    expect(badId.localize('zh-CN', catalogues).issues[0]?.message).toBe(
      '租户 ID 须为 1–63 个小写字母、数字、_ 或 -',
    );

    const empty = (await rejectionOf(admin.import(''))) as Invalid;
    expect(empty.issues[0]).toMatchObject({ field: 'line 1', detail: { key: 'tenant.export.empty' } });
    expect(empty.localize('zh-CN', catalogues).message).toBe('line 1：导出文件为空');

    const options = {
      storage: w.storage,
      tenants: 'all',
      workerId: 'w1',
      clock: w.clock,
      deliver: async () => {},
    };
    let bad: unknown;
    try {
      createReminderDispatcher({ ...options, batchSize: 0 } as never);
    } catch (error) {
      bad = error;
    }
    const dispatcher = bad as Invalid;
    expect(dispatcher.issues[0]).toMatchObject({
      field: 'batchSize',
      message: 'batchSize must be a positive integer',
      detail: { key: 'dispatcher.invalid.positiveInt', params: { field: 'batchSize' } },
    });
    expect(dispatcher.localize('zh-CN', catalogues).issues[0]?.message).toBe('batchSize 须为正整数');
  });

  it('a transfer dry run says why each record moves or stays in the call’s language, with the key beside it', async () => {
    const w = await world();
    const account = await w.crm.accounts.create(w.org.repA, {
      name: '山东恒通系统集成有限公司',
      kind: 'end_user',
    });
    const preview = (locale: string) =>
      w.crm
        .with({ locale })
        .ownership.transfer(w.org.manager, { from: w.org.repA.id, to: w.org.repB.id, dryRun: true });
    const zh = await preview('zh-CN');
    const en = await preview('en');
    const zhMove = zh.plan.moves.find((m) => m.id === account.id);
    const enMove = en.plan.moves.find((m) => m.id === account.id);
    expect(zhMove?.reasonDetail.key).toBe('ownership.reason.alwaysMoves');
    expect(zhMove?.reason).toBe(
      `未关闭的客户 山东恒通系统集成有限公司（${account.id}）一律转给销售员乙，避免客户无人跟进`,
    );
    expect(enMove?.reason).toBe(
      `open account 山东恒通系统集成有限公司 (${account.id}) always moves to 销售员乙 so the customer is not orphaned`,
    );
    expect(enMove?.reasonDetail).toEqual(zhMove?.reasonDetail);
    for (const item of [...zh.plan.moves, ...zh.plan.stays, ...zh.plan.teamChanges]) {
      expect(item.reason).toMatch(HAN);
      expect(fullyRendered(item.reason)).toBe(true);
    }
  });
}
