import { storyLead } from '@gongfu/service-suites';
import { expect, it } from 'vitest';
import type { ApiWorld } from '../support/api-server.js';

type Open = () => Promise<ApiWorld>;

/** Records over HTTP: create, read, change with ETag/If-Match, and the lifecycle refusing a move. */
export function recordCases(open: Open): void {
  it('captures a lead: 201, Location, the version as ETag, and the same lead read back', async () => {
    const w = await open();
    const jia = w.org.repA.id;
    const created = await w.call('POST', '/leads', { as: jia, body: storyLead() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ company: '山东恒通系统集成有限公司', ownerId: jia, version: 1 });
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.headers.get('location')).toBe(`/leads/${created.body.id}`);
    const read = await w.call('GET', created.headers.get('location')!, { as: jia });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    expect(read.headers.get('etag')).toBe('"1"');
  });

  it('If-Match carries the version: a current one writes, a stale one is 412 with expected/actual', async () => {
    const w = await open();
    const jia = w.org.repA.id;
    const lead = (await w.call('POST', '/leads', { as: jia, body: storyLead() })).body;
    const first = await w.call('PATCH', `/leads/${lead.id}`, {
      as: jia,
      body: { company: '山东恒通系统集成有限公司（济南）' },
      headers: { 'if-match': '"1"' },
    });
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"2"');
    const stale = await w.call('PATCH', `/leads/${lead.id}`, {
      as: jia,
      body: { company: '别的公司' },
      headers: { 'if-match': '"1"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    expect(stale.body).toMatchObject({ code: 'CONCURRENCY', expected: 1, actual: 2, status: 412 });
    expect((await w.call('GET', `/leads/${lead.id}`, { as: jia })).body.company).toBe(
      '山东恒通系统集成有限公司（济南）',
    );
  });

  it('a stale expectedVersion in the body is 409 with expected/actual', async () => {
    const w = await open();
    const jia = w.org.repA.id;
    const lead = (await w.call('POST', '/leads', { as: jia, body: storyLead() })).body;
    await w.call('POST', `/leads/${lead.id}/qualify`, { as: jia });
    const stale = await w.call('POST', `/leads/${lead.id}/disqualify`, {
      as: jia,
      body: { reason: 'no budget', expectedVersion: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'CONCURRENCY', expected: 1, actual: 2 });
  });

  it('If-None-Match with the current ETag is 304; a route without a version refuses If-Match', async () => {
    const w = await open();
    const jia = w.org.repA.id;
    const lead = (await w.call('POST', '/leads', { as: jia, body: storyLead() })).body;
    const cached = await w.call('GET', `/leads/${lead.id}`, { as: jia, headers: { 'if-none-match': '"1"' } });
    expect(cached.status).toBe(304);
    const noVersion = await w.call('POST', `/leads/${lead.id}/qualify`, {
      as: jia,
      headers: { 'if-match': '"1"' },
    });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.code).toBe('BAD_HEADER');
    const weak = await w.call('PATCH', `/leads/${lead.id}`, {
      as: jia,
      body: {},
      headers: { 'if-match': 'W/"1"' },
    });
    expect(weak.body.code).toBe('BAD_HEADER');
  });

  it('a refused move is 409 with from, event and the reason', async () => {
    const w = await open();
    const jia = w.org.repA.id;
    const lead = (await w.call('POST', '/leads', { as: jia, body: storyLead() })).body;
    const early = await w.call('POST', `/leads/${lead.id}/convert`, { as: jia, body: {} });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'INVALID_TRANSITION', from: 'new', event: 'CONVERT' });
    const logged = await w.call('POST', `/leads/${lead.id}/log-contact`, {
      as: jia,
      body: { kind: 'call', at: '2026-03-02T10:00:00+08:00', outcome: { summary: 'wants a quote' } },
    });
    expect(logged.status).toBe(200);
    expect(logged.body.lead.status).toBe('working');
    const converted = await w.call('POST', `/leads/${lead.id}/convert`, {
      as: jia,
      body: { account: { kind: 'system_integrator' }, requiredDelivery: '2026-06-30' },
    });
    expect(converted.status).toBe(200);
    const deal = converted.body.opportunity;
    const analysed = await w.call('POST', `/opportunities/${deal.id}/advance`, {
      as: jia,
      body: { to: 'needs_analysis' },
    });
    expect(analysed.status).toBe(200);
    const refused = await w.call('POST', `/opportunities/${deal.id}/advance`, {
      as: jia,
      body: { to: 'solution' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'INVALID_TRANSITION',
      type: 'https://gongfu.dev/problems/transition-refused',
      from: 'needs_analysis',
      event: 'ADVANCE',
    });
    // The message key beside the reason is covered where the error is built (problem mapping test).
    expect(refused.body.reason).toContain('presales');
  });

  it('answers a member that is not (actor, …): the pipeline stage, or 404 for an unknown one', async () => {
    const w = await open();
    const bid = await w.call('GET', '/opportunities/pipelines/key_account/stages/bid', { as: w.org.repA.id });
    expect(bid.status).toBe(200);
    expect(bid.body).toMatchObject({ id: 'bid' });
    const none = await w.call('GET', '/opportunities/pipelines/key_account/stages/nope', {
      as: w.org.repA.id,
    });
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('NOT_FOUND');
  });
}
