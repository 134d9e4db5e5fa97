import { storyLead } from '@gongfu/service-suites';
import { expect, it } from 'vitest';
import type { ApiWorld, Reply } from '../support/api-server.js';

type Open = () => Promise<ApiWorld>;

/** Follows `next` links to the end, collecting every item; fails on a loop. */
async function walk(w: ApiWorld, first: string, as: string): Promise<{ ids: unknown[]; pages: number }> {
  const ids: unknown[] = [];
  let path: string | null = first;
  let pages = 0;
  while (path !== null) {
    const r: Reply = await w.call('GET', path, { as });
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(['items', 'next', 'nextCursor']);
    if (r.body.next) expect(r.headers.get('link')).toBe(`<${r.body.next}>; rel="next"`);
    ids.push(...r.body.items.map((i: { id?: string; seq?: number }) => i.id ?? i.seq));
    path = r.body.next;
    pages += 1;
    if (pages > 50) throw new Error('next links loop');
  }
  return { ids, pages };
}

/** Cursor pagination on every collection: storage pages, whole lists paged here, filters kept. */
export function collectionCases(open: Open): void {
  it('pages a list by cursor with next links that keep the filters', async () => {
    const w = await open();
    const jia = w.org.repA.id;
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      made.push(
        (await w.call('POST', '/leads', { as: jia, body: storyLead({ company: `公司${i}` }) })).body.id,
      );
    }
    await w.call('POST', `/leads/${made[0]}/qualify`, { as: jia });
    const all = await walk(w, '/leads?limit=2', jia);
    expect(all.pages).toBe(3);
    expect([...(all.ids as string[])].sort()).toEqual([...made].sort());
    const fresh = await walk(w, '/leads?limit=2&status=new', jia);
    expect([...(fresh.ids as string[])].sort()).toEqual(made.slice(1).sort());
    const either = await walk(w, '/leads?status=new&status=qualified&limit=10', jia);
    expect(either.ids).toHaveLength(5);
  });

  it('pages a customer 360 timeline by cursor, filtered by kind', async () => {
    const w = await open();
    const jia = w.org.repA.id;
    const account = (
      await w.call('POST', '/accounts', {
        as: jia,
        body: { name: '青岛瑞达信息技术有限公司', kind: 'end_user' },
      })
    ).body;
    for (let i = 0; i < 3; i++) {
      const body = { name: `项目${i}`, accountId: account.id, channel: 'key_account' };
      expect((await w.call('POST', '/opportunities', { as: jia, body })).status).toBe(201);
    }
    const direct = await w.crm.accounts.timeline(w.org.repA, account.id, { kinds: ['deal'] });
    const paged = await walk(w, `/accounts/${account.id}/timeline?limit=2&kinds=deal`, jia);
    expect(paged.pages).toBe(2);
    expect(paged.ids).toEqual(direct.items.map((e) => e.id));
    const hidden = await w.call('GET', `/accounts/${account.id}/timeline`, { as: w.org.otherRep.id });
    expect(hidden.status).toBe(404);
  });

  it('pages a list that core returns whole (the users) with an opaque cursor', async () => {
    const w = await open();
    const admin = w.org.admin.id;
    const direct = await w.crm.users.list(admin);
    const paged = await walk(w, '/users?limit=3', admin);
    expect(paged.pages).toBe(Math.ceil(direct.length / 3));
    expect(paged.ids).toEqual(direct.map((u) => u.id));
    const bad = await w.call('GET', '/users?cursor=not-a-cursor', { as: admin });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('cursor');
  });

  it('types query values from the schema: numbers, booleans and lists', async () => {
    const w = await open();
    const jia = w.org.repA.id;
    const badLimit = await w.call('GET', '/leads?limit=0', { as: jia });
    expect(badLimit.status).toBe(422);
    expect(badLimit.body.errors[0].field).toBe('limit');
    const open_ = await w.call('GET', '/opportunities?open=true&limit=5', { as: jia });
    expect(open_.status).toBe(200);
    const notBool = await w.call('GET', '/opportunities?open=maybe', { as: jia });
    expect(notBool.status).toBe(422);
    expect(notBool.body.errors[0].field).toBe('open');
  });

  it("reads one record's history as a paged collection", async () => {
    const w = await open();
    const jia = w.org.repA.id;
    const lead = (await w.call('POST', '/leads', { as: jia, body: storyLead() })).body;
    await w.call('POST', `/leads/${lead.id}/qualify`, { as: jia });
    await w.call('POST', `/leads/${lead.id}/nurture`, { as: jia });
    const history = await walk(w, `/history/lead/${lead.id}?limit=1`, jia);
    expect(history.pages).toBeGreaterThanOrEqual(3);
    const direct = await w.crm.history.forRecord(jia, 'lead', lead.id);
    expect(history.ids).toEqual(direct.map((e) => e.seq));
  });
}
