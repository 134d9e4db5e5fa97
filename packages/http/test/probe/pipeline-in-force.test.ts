import { createCrm } from '@gongfu/core';
import { createCrmApi } from '@gongfu/http';
import { DEALER_PIPELINE } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';
import { beforeAll, describe, expect, it } from 'vitest';

/** A workspace's own distribution pipeline, saved by its admin with `config.update`. */
const OWN_PIPELINE = DEALER_PIPELINE;

describe('HTTP: a rep reads the pipeline in force, not the built-in template', () => {
  let api: ReturnType<typeof createCrmApi>;
  let rep: string;
  beforeAll(async () => {
    const crm = createCrm({ storage: await sqliteStorage({ filename: ':memory:' }) });
    const admin = await crm.users.create(crm.system, { name: 'Admin', role: 'admin' });
    rep = (await crm.users.create(admin, { name: '甲', role: 'sales_rep', channel: 'distribution' })).id;
    await crm.config.update(admin, { expectedVersion: 0, pipelines: { distribution: OWN_PIPELINE } });
    api = createCrmApi(crm, { authenticate: (request) => request.headers.get('x-user-id') });
  });
  const get = async (path: string) => {
    const res = await api.fetch(new Request(`http://crm.test${path}`, { headers: { 'x-user-id': rep } }));
    return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> };
  };

  it('GET /opportunities/pipelines/{channel} lists the saved stages in order', async () => {
    const { status, body } = await get('/opportunities/pipelines/distribution');
    expect(status).toBe(200);
    expect(body.version).toBe(1);
    const stages = body.stages as { id: string; label: string; probability: number; kind: string }[];
    expect(stages.map((s) => [s.id, s.label, s.probability, s.kind])).toEqual([
      ['intake', '接洽', 15, 'open'],
      ['offer', '报价', 60, 'open'],
      ['won', '成交', 100, 'won'],
      ['lost', '丢单', 0, 'lost'],
    ]);
  });

  it('GET /opportunities/pipelines/{channel}/stages/{stage} serves the saved stage; the replaced one is 404', async () => {
    const offer = await get('/opportunities/pipelines/distribution/stages/offer');
    expect(offer.status).toBe(200);
    expect(offer.body).toMatchObject({ id: 'offer', label: '报价', probability: 60 });
    expect((await get('/opportunities/pipelines/distribution/stages/proposal')).status).toBe(404);
    expect((await get('/opportunities/pipelines/bogus')).status).toBe(422);
    expect((await get('/opportunities/pipelines/bogus/stages/offer')).status).toBe(422);
  });
});
