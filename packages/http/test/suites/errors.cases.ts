import { storyLead } from '@gongfu/service-suites';
import { expect, it } from 'vitest';
import type { ApiWorld, Reply } from '../support/api-server.js';

type Open = () => Promise<ApiWorld>;

const isProblem = (r: Reply, status: number, code: string) => {
  expect(r.status).toBe(status);
  expect(r.headers.get('content-type')).toContain('application/problem+json');
  expect(r.body).toMatchObject({ status, code });
  expect(typeof r.body.type).toBe('string');
  expect(typeof r.body.title).toBe('string');
};

/** Every typed failure as an RFC 9457 problem with the status its code maps to. */
export function errorCases(open: Open): void {
  it('nobody signed in is 401 with a challenge, before any route runs', async () => {
    const w = await open();
    const r = await w.call('POST', '/leads', { body: storyLead() });
    isProblem(r, 401, 'UNAUTHENTICATED');
    expect(r.headers.get('www-authenticate')).toBe('Bearer');
    expect((await w.call('GET', '/leads', { as: w.org.repA.id })).body.items).toEqual([]);
  });

  it('invalid input is 422 naming every field by its path', async () => {
    const w = await open();
    const r = await w.call('POST', '/leads', {
      as: w.org.repA.id,
      body: storyLead({ contact: { name: '' }, interests: [{ sku: 'LS2208', quantity: 0 }] }),
    });
    isProblem(r, 422, 'VALIDATION');
    const fields = r.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['contact.name', 'interests.0.quantity']));
    for (const e of r.body.errors) expect(typeof e.message).toBe('string');
  });

  it('a body that is not JSON is 400, another media type 415, and nothing is written', async () => {
    const w = await open();
    const jia = w.org.repA.id;
    const broken = await w.call('POST', '/leads', {
      as: jia,
      raw: '{"source": "inbound_call",',
      headers: { 'content-type': 'application/json' },
    });
    isProblem(broken, 400, 'MALFORMED_BODY');
    const form = await w.call('POST', '/leads', {
      as: jia,
      raw: 'source=inbound_call',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    isProblem(form, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect((await w.call('GET', '/leads', { as: jia })).body.items).toEqual([]);
  });

  it('a missing record and one the caller may not see are the same 404', async () => {
    const w = await open();
    const lead = (await w.call('POST', '/leads', { as: w.org.repA.id, body: storyLead() })).body;
    const invisible = await w.call('GET', `/leads/${lead.id}`, { as: w.org.repB.id });
    const missing = await w.call('GET', '/leads/lead_nope', { as: w.org.repB.id });
    isProblem(invisible, 404, 'NOT_FOUND');
    isProblem(missing, 404, 'NOT_FOUND');
    const shape = (r: Reply) => ({ ...r.body, id: undefined, detail: undefined, instance: undefined });
    expect(shape(invisible)).toEqual(shape(missing));
    expect(invisible.headers.get('etag')).toBeNull();
  });

  it('an action the caller may not take is 403 with the action and the reason', async () => {
    const w = await open();
    const r = await w.call('POST', '/users', {
      as: w.org.repA.id,
      body: { name: '新人', role: 'sales_rep' },
    });
    isProblem(r, 403, 'PERMISSION_DENIED');
    expect(r.body.action).toBe('create users');
    expect(typeof r.body.reason).toBe('string');
  });

  it('a broken uniqueness rule is 409 CONFLICT', async () => {
    const w = await open();
    const r = await w.call('POST', '/users', {
      as: w.org.admin.id,
      body: { name: '另一个李', role: 'sales_rep', email: 'li@example.com' },
    });
    isProblem(r, 409, 'CONFLICT');
    expect(r.body.entity).toBe('user');
  });

  it('an unknown route is a problem too, and never reached without a user', async () => {
    const w = await open();
    isProblem(await w.call('GET', '/no-such-thing', { as: w.org.repA.id }), 404, 'ROUTE_NOT_FOUND');
    isProblem(await w.call('GET', '/no-such-thing'), 401, 'UNAUTHENTICATED');
  });
}
