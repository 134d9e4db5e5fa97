import { createCrm } from '@gongfu/core';
import { createCrmApi } from '@gongfu/http';
import { sqliteStorage } from '@gongfu/storage-sqlite';
import { beforeAll, describe, expect, it } from 'vitest';

/** An app that adds Traditional Chinese with one text of its own, as `createCrm({ messages })` allows. */
const ZH_TW = { 'lead.gate.hasCompany': '轉化前須填寫客戶公司' };
const MISSING = '00000000-0000-4000-8000-000000000000';

describe('an app-added locale (zh-TW): its own language before English, negotiable over HTTP', () => {
  let crm: ReturnType<typeof createCrm>;
  let admin: string;
  beforeAll(async () => {
    crm = createCrm({
      storage: await sqliteStorage({ filename: ':memory:' }),
      messages: { 'zh-TW': ZH_TW },
    });
    admin = (await crm.users.create(crm.system, { name: 'Admin', role: 'admin' })).id;
  });

  it('a text zh-TW lacks reads as zh-CN, not English; its own text reads as its own', async () => {
    const error = await crm
      .with({ locale: 'zh-TW' })
      .leads.get(admin, MISSING)
      .catch((e: Error) => e);
    expect((error as Error).message).toMatch(/^找不到/);
    expect(crm.say({ key: 'lead.gate.hasCompany', params: {} }, 'zh-TW')).toBe(ZH_TW['lead.gate.hasCompany']);
    expect(crm.say({ key: 'error.notFound', params: { entity: 'lead', id: 'x' } }, 'zh-Hant-TW')).toMatch(
      /^找不到/,
    );
    expect(crm.locales).toEqual(['zh-CN', 'en', 'zh-TW']);
  });

  it('Accept-Language: zh-TW is served as zh-TW without listing it in createCrmApi({ locales })', async () => {
    const api = createCrmApi(crm, { authenticate: () => admin });
    const res = await api.fetch(
      new Request(`http://crm.test/leads/${MISSING}`, { headers: { 'accept-language': 'zh-TW,en;q=0.5' } }),
    );
    expect(res.status).toBe(404);
    expect(res.headers.get('content-language')).toBe('zh-TW');
    const problem = (await res.json()) as { title: string; detail: string };
    expect(problem.detail).toMatch(/^找不到/);
    // The HTTP layer's own title falls back along the language too.
    expect(problem.title).toMatch(/[\u4e00-\u9fff]/);
  });
});
