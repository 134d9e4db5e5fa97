import type { CrmStorage, FindInput, Message, SearchHit, User } from '@gongfu/core';
import { normaliseName } from '@gongfu/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorld, type ServiceWorld, type StorageFactory, storyLead } from '../support/harness.js';
import { codeOf } from '../support/suite-support.js';

const HENGTONG = '山东恒通系统集成有限公司';
const CREDIT_CODE = '91370100MA3C8XYW1K';

/** 甲's customer with its phone, credit code, contact and deal; 乙's own look-alike; a lead of 甲's. */
async function story(w: ServiceWorld) {
  const { crm, org } = w;
  const account = await crm.accounts.create(org.repA, {
    name: HENGTONG,
    kind: 'system_integrator',
    creditCode: CREDIT_CODE,
    phones: ['0531-8888 0000'],
  });
  const contact = await crm.contacts.create(org.repA, {
    accountId: account.id,
    name: '王工',
    mobile: '138-0013-8000',
  });
  const deal = await crm.opportunities.create(org.repA, {
    name: '恒通扫描枪项目',
    accountId: account.id,
    channel: 'key_account',
  });
  const lead = await crm.leads.capture(org.repA, storyLead());
  const hidden = await crm.accounts.create(org.repB, { name: '恒通科技', kind: 'end_user' });
  return { account, contact, deal, lead, hidden };
}

const hitOf = (hits: SearchHit[], id: string) => hits.find((h) => h.id === id);
const search = async (w: ServiceWorld, actor: User, input: FindInput) =>
  (await w.crm.search.find(actor, input)).hits;

export function describeSearch(makeStorage: StorageFactory): void {
  describe('search over accounts, contacts, leads and deals (service)', () => {
    let storage: CrmStorage;
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(() => storage.close());

    it('finds 山东恒通 by full pinyin, by initials and by traditional characters', async () => {
      const w = await openWorld(storage);
      const s = await story(w);
      const byPinyin = await search(w, w.org.repA, { q: 'hengtong' });
      expect(hitOf(byPinyin, s.account.id)).toMatchObject({
        kind: 'account',
        name: HENGTONG,
        matched: 'pinyin',
      });
      expect(hitOf(byPinyin, s.deal.id)).toMatchObject({ kind: 'opportunity', matched: 'pinyin' });
      expect(hitOf(byPinyin, s.lead.id)).toMatchObject({ kind: 'lead', name: HENGTONG });
      const byInitials = await search(w, w.org.repA, { q: 'HT', kinds: ['account'] });
      expect(byInitials.map((h) => [h.id, h.matched])).toEqual([[s.account.id, 'initials']]);
      const traditional = await search(w, w.org.repA, { q: '山東恆通', kinds: ['account', 'lead'] });
      expect(traditional.map((h) => h.matched)).toEqual(['prefix', 'prefix']);
      expect(new Set(traditional.map((h) => h.id))).toEqual(new Set([s.account.id, s.lead.id]));
    });

    it('puts an exact name first, then prefixes, then the rest', async () => {
      const w = await openWorld(storage);
      const s = await story(w);
      const exact = await w.crm.accounts.create(w.org.repA, { name: '恒通', kind: 'dealer' });
      const hits = await search(w, w.org.repA, { q: '恆通' });
      expect(hits[0]).toMatchObject({ id: exact.id, matched: 'exact', score: 100 });
      expect(hitOf(hits, s.deal.id)?.matched).toBe('prefix');
      expect(hitOf(hits, s.account.id)?.matched).toBe('trade_name');
      const scores = hits.map((h) => h.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    });

    it('finds phone numbers however they are typed, and credit codes', async () => {
      const w = await openWorld(storage);
      const s = await story(w);
      for (const q of ['+86 531 8888 0000', '(0531) 8888-0000', '053188880000', '8888 0000']) {
        const hits = await search(w, w.org.repA, { q, kinds: ['account'] });
        expect(
          hits.map((h) => [h.id, h.matched]),
          q,
        ).toEqual([[s.account.id, 'phone']]);
      }
      const mobile = await search(w, w.org.repA, { q: '+86 138 0013 8000' });
      expect(mobile.map((h) => [h.kind, h.id, h.matched])).toEqual([['contact', s.contact.id, 'phone']]);
      for (const q of [CREDIT_CODE, CREDIT_CODE.toLowerCase(), '91370100MA']) {
        const hits = await search(w, w.org.repA, { q });
        expect(
          hits.map((h) => [h.id, h.matched]),
          q,
        ).toEqual([[s.account.id, 'credit_code']]);
      }
    });

    it("never shows a record the searcher may not see; a manager sees the team's", async () => {
      const w = await openWorld(storage);
      const s = await story(w);
      const ofA = await search(w, w.org.repA, { q: '恒通' });
      expect(ofA.map((h) => h.id)).not.toContain(s.hidden.id);
      expect(await search(w, w.org.otherRep, { q: 'hengtong' })).toEqual([]);
      const ofManager = await search(w, w.org.manager, { q: '恒通' });
      expect(ofManager.map((h) => h.id)).toContain(s.hidden.id);
      expect(ofManager.map((h) => h.id)).toContain(s.account.id);
      // A rename is searchable at once, and the old name no longer finds it.
      await w.crm.accounts.update(w.org.repA, s.account.id, { name: '济南华信', expectedVersion: 1 });
      expect(hitOf(await search(w, w.org.repA, { q: 'huaxin' }), s.account.id)).toBeDefined();
      expect(hitOf(await search(w, w.org.repA, { q: 'sdht' }), s.account.id)).toBeUndefined();
    });

    it('keeps the keys through writes that change no name or phone, and replaces them when a phone changes', async () => {
      const w = await openWorld(storage);
      const s = await story(w);
      await w.crm.opportunities.advance(w.org.repA, s.deal.id, { to: 'needs_analysis' });
      await w.crm.leads.logContact(w.org.repA, s.lead.id, {
        kind: 'call',
        at: '2026-03-02T10:00:00+08:00',
        outcome: { metWith: '王工', opinion: 'positive', summary: '招标下月发布' },
      });
      const after = (await w.crm.search.find(w.org.repA, { q: 'hengtong' })).hits;
      expect(hitOf(after, s.deal.id)?.matched).toBe('pinyin');
      expect(hitOf(after, s.lead.id)).toBeDefined();
      await w.crm.contacts.update(w.org.repA, s.contact.id, { mobile: '139-0000-1111', expectedVersion: 1 });
      expect((await w.crm.search.find(w.org.repA, { q: '138 0013 8000' })).hits).toEqual([]);
      const renumbered = (await w.crm.search.find(w.org.repA, { q: '13900001111' })).hits;
      expect(renumbered.map((h) => [h.id, h.matched])).toEqual([[s.contact.id, 'phone']]);
    });

    it("finds a deal's customer and its contacts for a deal-team seat, as their lists do, and not after removal", async () => {
      const w = await openWorld(storage);
      const { repA, presales } = w.org;
      const account = await w.crm.accounts.create(repA, {
        name: '烟台万华检测设备有限公司',
        kind: 'end_user',
      });
      const contact = await w.crm.contacts.create(repA, { accountId: account.id, name: '邹工程师' });
      const found = async () =>
        (await search(w, presales, { q: '万华', kinds: ['account'] }))
          .concat(await search(w, presales, { q: '邹工程师', kinds: ['contact'] }))
          .map((h) => h.id);
      expect(await found()).toEqual([]);
      const deal = await w.crm.opportunities.create(repA, {
        name: '万华检测线',
        accountId: account.id,
        channel: 'key_account',
        team: [{ userId: presales.id, role: 'presales', access: 'read' }],
      });
      expect((await w.crm.accounts.list(presales)).items.map((a) => a.id)).toEqual([account.id]);
      expect(await found()).toEqual([account.id, contact.id]);
      await w.crm.opportunities.removeTeamMember(repA, deal.id, presales.id);
      expect(await found()).toEqual([]);
    });

    it('finds a trade name behind one or two regions as a prefix of its own, in either script', async () => {
      const w = await openWorld(storage);
      const account = await w.crm.accounts.create(w.org.repA, {
        name: '山东省济南市瑞丰信息技术股份有限公司',
        kind: 'end_user',
      });
      for (const q of ['瑞丰', '瑞豐', '瑞丰信息']) {
        const { hits, more } = await w.crm.search.find(w.org.repA, { q, kinds: ['account'] });
        expect(
          hits.map((h) => [h.id, h.matched]),
          q,
        ).toEqual([[account.id, 'trade_name']]);
        expect(more).toBeNull();
      }
      // What follows the trade name is only inside the name: a substring, ranked below.
      expect((await search(w, w.org.repA, { q: '信息技术' })).map((h) => [h.id, h.matched])).toEqual([
        [account.id, 'substring'],
      ]);
    });

    it('follows a transfer: the new owner finds what moved and the old one finds what its lists show', async () => {
      const w = await openWorld(storage);
      const { crm, org } = w;
      const lead = await crm.leads.capture(org.repB, storyLead({ company: '烟台同创电子有限公司' }));
      const found = async (who: User) => (await search(w, who, { q: 'tongchuang' })).map((h) => h.id);
      expect(await found(org.repA)).toEqual([]);
      expect(await found(org.repB)).toEqual([lead.id]);
      await crm.ownership.transfer(org.manager, { from: org.repB.id, to: org.repA.id });
      expect(await found(org.repA)).toEqual([lead.id]);
      const listedToB = (await crm.leads.list(org.repB)).items.map((l) => l.id);
      expect(await found(org.repB)).toEqual(listedToB.filter((id) => id === lead.id));
    });

    it('stops a substring search at a bounded number of names and says a longer query will find more', async () => {
      const w = await openWorld(storage);
      const { crm, org } = w;
      // 乙's 60 names all hold 物流有限公司, which sorts before 甲's 物流运输有限公司: with a page of
      // one, the capped probe reads only 乙's keys (50 per hit wanted) and must stop there.
      for (let i = 0; i < 60; i++)
        await crm.accounts.create(org.repB, { name: `北京瑞丰${i}物流有限公司`, kind: 'end_user' });
      const mine = await crm.accounts.create(org.repA, {
        name: '北京瑞丰物流运输有限公司',
        kind: 'end_user',
      });
      const capped = await crm.search.find(org.repA, { q: '物流', kinds: ['account'], limit: 1 });
      expect(capped.hits).toEqual([]);
      expect(capped.more?.key).toBe('search.more.refineQuery');
      expect(crm.say(capped.more as Message, 'zh-CN')).toContain('物流');
      expect(crm.say(capped.more as Message, 'en')).toContain('narrow');
      const narrower = await crm.search.find(org.repA, { q: '物流运输', kinds: ['account'], limit: 1 });
      expect(narrower).toEqual({
        hits: [expect.objectContaining({ id: mine.id, matched: 'substring' })],
        more: null,
      });
      // A full page is never "more": the manager sees 乙's names too.
      const ofManager = await crm.search.find(org.manager, { q: '物流', kinds: ['account'], limit: 1 });
      expect(ofManager.hits).toHaveLength(1);
      expect(ofManager.more).toBeNull();
      // With the default page the cap (1,000 keys) reaches 甲's name.
      expect((await search(w, org.repA, { q: '物流', kinds: ['account'] })).map((h) => h.id)).toEqual([
        mine.id,
      ]);
    });

    it('refuses an empty query and unknown kinds', async () => {
      const w = await openWorld(storage);
      expect(await codeOf(search(w, w.org.repA, { q: '  ' }))).toBe('VALIDATION');
      expect(await codeOf(search(w, w.org.repA, { q: 'ht', kinds: ['order' as 'lead'] }))).toBe('VALIDATION');
    });

    it('property: visible exact names rank before every other hit, and nothing invisible comes back', async () => {
      const words = ['恒通', '恆通', '华信', '科技', '山东', 'ABC'];
      const nameArb = fc
        .array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 })
        .map((p) => p.join(''));
      const runs = Number(process.env.GONGFU_SEARCH_RUNS ?? 8);
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              name: nameArb,
              owner: fc.constantFrom('repA', 'repB', 'otherRep') as fc.Arbitrary<
                'repA' | 'repB' | 'otherRep'
              >,
            }),
            {
              minLength: 1,
              maxLength: 12,
            },
          ),
          fc.constantFrom('repA', 'manager', 'otherRep') as fc.Arbitrary<'repA' | 'manager' | 'otherRep'>,
          nameArb,
          async (records, who, q) => {
            const w = await openWorld(storage);
            const visibleTo: Record<typeof who, ReadonlySet<string>> = {
              repA: new Set(['repA']),
              manager: new Set(['repA', 'repB']),
              otherRep: new Set(['otherRep']),
            };
            const made: { id: string; name: string; visible: boolean }[] = [];
            for (const r of records) {
              const owner: User = w.org[r.owner];
              const a = await w.crm.accounts.create(owner, { name: r.name, kind: 'end_user' });
              made.push({ id: a.id, name: r.name, visible: visibleTo[who].has(r.owner) });
            }
            const hits = await search(w, w.org[who], { q, kinds: ['account'], limit: 100 });
            const byId = new Map(made.map((m) => [m.id, m]));
            for (const h of hits) expect(byId.get(h.id)?.visible).toBe(true);
            const exactIds = made
              .filter((m) => m.visible && normaliseName(m.name) === normaliseName(q))
              .map((m) => m.id);
            expect(new Set(hits.slice(0, exactIds.length).map((h) => h.id))).toEqual(new Set(exactIds));
            expect(hits.slice(0, exactIds.length).every((h) => h.matched === 'exact')).toBe(true);
            expect(hits.slice(exactIds.length).every((h) => h.matched !== 'exact')).toBe(true);
          },
        ),
        { numRuns: runs },
      );
    });
  });
}
