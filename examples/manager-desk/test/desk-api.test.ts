import type { MorningReview, PipelineReport } from '@gongfu/reports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer360 } from '../src/customer-360.js';
import { createDesk, type Desk } from '../src/desk.js';

/** The desk's server without a browser: what the page fetches, through the same fetch handler. */
describe('the manager desk server', () => {
  let desk: Desk;
  const call = (path: string, init: RequestInit = {}) =>
    desk.app.fetch(
      new Request(`http://desk${path}`, {
        ...init,
        headers: { 'x-user-id': desk.cast.li.id, 'content-type': 'application/json', ...init.headers },
      }),
    );
  beforeAll(async () => {
    desk = await createDesk();
  });
  afterAll(() => desk?.close());

  it('serves the page, its modules and the vendored preact + htm from this machine', async () => {
    for (const [path, type] of [
      ['/', 'text/html'],
      ['/app.js', 'text/javascript'],
      ['/charts.js', 'text/javascript'],
      ['/vendor/preact-htm.js', 'text/javascript'],
    ] as const) {
      const response = await call(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toContain(type);
    }
    expect(await (await call('/vendor/preact-htm.js')).text()).toContain('useState');
  });

  it('marks a pair as not a duplicate through the HTTP API, and the queue forgets it', async () => {
    const queue = async () =>
      (await (await call('/desk/duplicates')).json()) as {
        a: { id: string };
        b: { id: string };
        explanation: string;
      }[];
    const [pair, ...rest] = await queue();
    expect(rest).toEqual([]);
    expect(pair!.explanation).toContain('200 laser scanners');
    const response = await call('/api/duplicates/mark-not-duplicate', {
      method: 'POST',
      body: JSON.stringify({ aId: pair!.a.id, bId: pair!.b.id, reason: 'two tenders' }),
    });
    expect(response.status).toBe(201);
    expect(await queue()).toEqual([]);
  });

  it("answers the page's reads: review, pipeline, a customer 360", async () => {
    const json = async <T>(path: string) => (await (await call(path)).json()) as T;
    const review = await json<MorningReview>('/desk/review');
    expect(review.people.map((p) => p.name)).toContain('销售员甲');
    const pipeline = await json<PipelineReport>('/desk/pipeline');
    expect(pipeline.funnel.leads).toBe(5);
    const customer = await json<Customer360>(`/desk/customers/${desk.cast.hengtong.id}`);
    expect(customer.deals.map((d) => d.name)).toEqual(['恒通 仓储扫描项目']);
    // The core timeline, newest first: from the inbound call through two quotes to the visit.
    expect(customer.timeline.map((t) => t.kind)).toEqual([
      'stage_move',
      'cost',
      'cost',
      'cost',
      'activity',
      'stage_move',
      // 甲 links the deal to its end customer and tender right after converting the lead.
      'end_customer',
      'deal',
      'quote',
      'quote',
      'lead',
    ]);
    const at = customer.timeline.map((t) => t.at);
    expect(at).toEqual([...at].sort().reverse());
    expect(new Set(customer.timeline.map((t) => t.id)).size).toBe(customer.timeline.length);
    expect(customer.timeline.every((t) => t.who === '销售员甲')).toBe(true);
    const line = (id: string) => customer.timeline.find((t) => t.id === id);
    expect(line('lead:lead_1')?.detail).toBe('inbound_call, converted');
    expect(customer.timeline.filter((t) => t.kind === 'stage_move').map((t) => t.detail)).toContain(
      'needs_analysis → solution',
    );
    expect(customer.timeline.filter((t) => t.kind === 'quote').map((t) => t.detail)).toEqual([
      'CNY 980.00 each, valid until 2026-03-31',
      'CNY 1,020.00 each, valid until 2026-03-31',
    ]);
    expect(customer.timeline.find((t) => t.kind === 'activity')?.detail).toContain('认可方案');
    expect(customer.timeline.find((t) => t.kind === 'end_customer')?.detail).toMatch(
      /^山东恒通系统集成有限公司 → .+ · tender SD-2026-0315$/,
    );
  });

  it('refuses the API to a caller who is not signed in', async () => {
    const response = await desk.app.fetch(new Request('http://desk/api/duplicates/resolutions'));
    expect(response.status).toBe(401);
  });
});
