import type { CallOptions, Crm } from '@gongfu/core';
import { storyLead } from '@gongfu/service-suites';
import { expect, it } from 'vitest';
import type { OpenApiWorld } from '../support/suite-storage.js';

/** The service with `with` recorded: which call options each request's view was made with. */
function recordingWith(seen: CallOptions[]) {
  return (crm: Crm): Crm => ({
    ...crm,
    with: (options: CallOptions) => {
      seen.push(options);
      return crm.with(options);
    },
  });
}

/** Accept-Language and Idempotency-Key become the call's options; a base path moves every link. */
export function headerCases(open: OpenApiWorld): void {
  it('Accept-Language picks the locale of the call and is echoed as Content-Language', async () => {
    const seen: CallOptions[] = [];
    const w = await open({}, recordingWith(seen));
    const jia = w.org.repA.id;
    const zh = await w.call('GET', '/leads', {
      as: jia,
      headers: { 'accept-language': 'zh-TW,zh;q=0.9,en;q=0.5' },
    });
    expect(zh.headers.get('content-language')).toBe('zh-CN');
    const en = await w.call('GET', '/leads', { as: jia, headers: { 'accept-language': 'fr, en-GB;q=0.8' } });
    expect(en.headers.get('content-language')).toBe('en');
    const none = await w.call('GET', '/leads', { as: jia, headers: { 'accept-language': 'fr' } });
    expect(none.headers.get('content-language')).toBeNull();
    expect(seen).toEqual([{ locale: 'zh-CN' }, { locale: 'en' }]);
  });

  it('problems are titled in the negotiated language, with the detail as a message key', async () => {
    const w = await open();
    const zh = { 'accept-language': 'zh-CN' };
    const anonymous = await w.call('GET', '/leads', { headers: zh });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({
      title: '请先登录',
      detail: '此请求没有携带已登录的用户',
      detailKey: 'http.detail.unauthenticated',
    });
    expect(anonymous.headers.get('content-language')).toBeNull();
    const missing = await w.call('GET', '/leads/lead_nope', { as: w.org.repA.id, headers: zh });
    expect(missing.body).toMatchObject({ status: 404, title: '找不到该记录' });
    const english = await w.call('GET', '/leads/lead_nope', {
      as: w.org.repA.id,
      headers: { 'accept-language': 'en' },
    });
    expect(english.body.title).toBe('Not found');
  });

  it('Idempotency-Key on a write becomes the call’s idempotency key; a bad key is 400', async () => {
    const seen: CallOptions[] = [];
    const w = await open({}, recordingWith(seen));
    const jia = w.org.repA.id;
    const key = 'capture-7f3a9c';
    const first = await w.call('POST', '/leads', {
      as: jia,
      body: storyLead(),
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(201);
    expect(seen).toEqual([{ idempotencyKey: key }]);
    // A read carries no key: there is nothing to repeat safely.
    await w.call('GET', '/leads', { as: jia, headers: { 'idempotency-key': key } });
    expect(seen).toHaveLength(1);
    // Resent with the same key and body: the first lead again; with another body: 409.
    const again = await w.call('POST', '/leads', {
      as: jia,
      body: storyLead(),
      headers: { 'idempotency-key': key },
    });
    expect(again.body.id).toBe(first.body.id);
    const reused = await w.call('POST', '/leads', {
      as: jia,
      body: storyLead({ company: '另一家公司' }),
      headers: { 'idempotency-key': key },
    });
    expect(reused.status).toBe(409);
    const bad = await w.call('POST', '/leads', {
      as: jia,
      body: storyLead(),
      headers: { 'idempotency-key': 'has spaces in it' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('BAD_HEADER');
  });

  it('under a base path, Location and next links carry it', async () => {
    const w = await open({ basePath: '/api/crm' });
    const jia = w.org.repA.id;
    const created = await w.call('POST', '/leads', { as: jia, body: storyLead() });
    expect(created.headers.get('location')).toBe(`/api/crm/leads/${created.body.id}`);
    await w.call('POST', '/leads', { as: jia, body: storyLead({ company: '第二家' }) });
    const page = await w.call('GET', '/leads?limit=1', { as: jia });
    expect(page.body.next).toMatch(/^\/api\/crm\/leads\?limit=1&cursor=/);
    const doc = await w.call('GET', '/openapi.json');
    expect(doc.body.servers).toEqual([{ url: '/api/crm' }]);
  });
}
