import { createCrm } from '@gongfu/core';
import { createCrmApi } from '@gongfu/http';
import { sqliteStorage } from '@gongfu/storage-sqlite';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The HTTP API from the user's chair, public exports only: a rep of another team, and a caller the
 * app's authenticate hook vouches for but who is no user, learn nothing from status codes or texts.
 */
describe('HTTP probe: status codes never tell a hidden record from a missing one', () => {
  let api: ReturnType<typeof createCrmApi>;
  let b: string;
  let leadId: string;
  let dealId: string;
  beforeAll(async () => {
    const crm = createCrm({
      storage: await sqliteStorage({ filename: ':memory:' }),
      catalogue: { skus: 'unchecked' },
    });
    const admin = await crm.users.create(crm.system, { name: 'Admin', role: 'admin' });
    const m1 = await crm.users.create(admin, { name: '经理一', role: 'sales_manager' });
    const m2 = await crm.users.create(admin, { name: '经理二', role: 'sales_manager' });
    const a = await crm.users.create(m1, {
      name: '甲',
      role: 'sales_rep',
      managerId: m1.id,
      channel: 'key_account',
    });
    b = (
      await crm.users.create(m2, { name: '乙', role: 'sales_rep', managerId: m2.id, channel: 'key_account' })
    ).id;
    const lead = await crm.leads.capture(a, {
      source: 'web',
      receivedAt: '2026-03-02T09:15:00+08:00',
      company: '隐秘公司',
      contact: { name: '钱' },
    });
    const account = await crm.accounts.create(a, { name: '隐秘客户', kind: 'end_user' });
    const deal = await crm.opportunities.create(a, {
      name: '隐秘项目',
      accountId: account.id,
      channel: 'key_account',
    });
    [leadId, dealId] = [lead.id, deal.id];
    api = createCrmApi(crm, { authenticate: (request) => request.headers.get('x-user-id') });
  });

  const call = async (
    method: string,
    path: string,
    user: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const res = await api.fetch(
      new Request(`http://crm.test${path}`, {
        method,
        headers: {
          'x-user-id': user,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
    return { status: res.status, headers: res.headers, body: await res.text() };
  };

  it('a rep of another team gets 404 for every read and write of a hidden record, with or without versions', async () => {
    const tries: [string, string, unknown?, Record<string, string>?][] = [
      ['GET', `/leads/${leadId}`, undefined, { 'if-none-match': '"1"' }],
      ['PATCH', `/leads/${leadId}`, { company: 'x' }, { 'if-match': '"1"' }],
      ['PATCH', `/leads/${leadId}`, { company: 'x', expectedVersion: 7 }],
      ['POST', `/leads/${leadId}/qualify`, {}],
      ['GET', `/leads/${leadId}/quotes`],
      ['GET', `/history/lead/${leadId}`],
      ['POST', `/opportunities/${dealId}/team`, { userId: 'u', role: 'presales', access: 'edit' }],
      ['POST', `/opportunities/${dealId}/advance`, { to: 'needs_analysis' }],
      ['POST', `/orders/from-opportunity/${dealId}`, {}],
    ];
    for (const [method, path, body, headers] of tries) {
      const res = await call(method, path, b, body, { 'accept-language': 'zh-CN', ...headers });
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
      expect(res.body).not.toContain('隐秘');
      expect(JSON.parse(res.body).title).toBe('找不到该记录');
    }
  });

  it('a caller the hook names but who is no user is 401 with a challenge, in the asked language, not 404', async () => {
    for (const [locale, text] of [
      ['en', 'not a user of this workspace'],
      ['zh-CN', '不是本工作区的用户'],
    ] as const) {
      const res = await call('GET', '/leads', 'user_nobody', undefined, { 'accept-language': locale });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBeTruthy();
      expect(JSON.parse(res.body)).toMatchObject({
        code: 'UNAUTHENTICATED',
        detail: expect.stringContaining(text),
      });
    }
    // A missing user named in the path by a real user stays an ordinary 404.
    expect((await call('GET', '/users/user_nobody', b)).status).toBe(404);
  });
});
