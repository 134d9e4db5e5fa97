import { Readable } from 'node:stream';
import { type CrmStorage, createTenantAdmin, isCrmError } from '@gongfu/core';
import { checkNewAccount, checkNewContact, dryRunImport } from '@gongfu/import';
import {
  checkDealForDuplicates,
  costRollup,
  findDuplicateAccounts,
  findDuplicateContacts,
  findDuplicateDeals,
  morningReview,
  pipeline,
  quoteConflicts,
} from '@gongfu/reports';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProbeWorld, type ProbeWorld, settles } from './probe-world.js';

type Open = () => Promise<CrmStorage>;

/** What a refused call threw, with its texts in both built-in languages. */
async function refusal(world: ProbeWorld, call: (crm: ProbeWorld['crm']) => Promise<unknown>) {
  const said: Record<'en' | 'zh-CN', unknown> = { en: undefined, 'zh-CN': undefined };
  for (const locale of ['en', 'zh-CN'] as const) {
    try {
      await settles(`call in ${locale}`, () => call(world.crm.with({ locale })));
    } catch (e) {
      said[locale] = e;
      continue;
    }
    throw new Error(`expected a refusal in ${locale}`);
  }
  return said as Record<
    'en' | 'zh-CN',
    { code: string; message: string; issues?: { field: string; message: string }[] }
  >;
}

/**
 * The user's-chair probe (README, docs/permissions.md, docs/input.md, docs/custom-fields.md): only
 * public exports, every call bounded in time. Each `it` names the rule it holds the SDK to.
 */
export function describeProbe(engine: string, open: Open): void {
  describe(`probe from the user's chair (${engine})`, () => {
    let storage: CrmStorage;
    let w: ProbeWorld;
    beforeAll(async () => {
      storage = await open();
      w = await openProbeWorld(storage);
    });
    afterAll(async () => {
      await storage?.close();
    });

    it('a rep from another team learns nothing of a hidden record from any read, report or duplicate check', async () => {
      const { crm, b } = w;
      const hidden = [...Object.values(w.hiddenIds), ...w.hiddenTexts];
      const leaks: string[] = [];
      /** `asked`: the id the caller passed, which a NOT_FOUND may echo back. */
      const read = async (label: string, call: () => Promise<unknown>, asked?: string) => {
        let seen: unknown;
        try {
          seen = await settles(label, call);
        } catch (e) {
          if (!isCrmError(e)) throw e;
          if (asked !== undefined && !isCrmError(e, 'NOT_FOUND') && !isCrmError(e, 'VALIDATION'))
            leaks.push(`${label}: ${e.code} instead of NOT_FOUND`);
          seen = { message: e.message, detail: e.detail };
        }
        const text = JSON.stringify(seen) ?? '';
        for (const secret of hidden)
          if (secret !== asked && text.includes(secret)) leaks.push(`${label}: ${secret}`);
      };
      const year = { from: '2026-01-01', to: '2026-12-31' } as const;
      await read('leads.list', () => crm.leads.list(b, { limit: 500 }));
      await read('opportunities.list', () => crm.opportunities.list(b, { limit: 500 }));
      await read('opportunities.list custom', () =>
        crm.opportunities.list(b, { custom: { industryCode: 'C39' } } as never),
      );
      await read('accounts.list', () => crm.accounts.list(b, { limit: 500 }));
      await read('activities.list', () => crm.activities.list(b, { limit: 500 }));
      await read('costs.list', () => crm.costs.list(b, { limit: 500 }));
      await read('costs.total', () => crm.costs.total(b, {}));
      await read('orders.list', () => crm.orders.list(b, { limit: 500 }));
      for (const q of [
        '隐秘',
        'yinmi',
        '0531 8888 1234',
        '13905329876',
        '91370100MA3C4XKQ7Y',
        '赵秘书',
        'T-HIDDEN-7',
      ])
        await read(`search ${q}`, () => crm.search.find(b, { q }));
      await read('events', () => crm.events.since(b, null, { limit: 500 }));
      await read('reminders', () => crm.reminders.due(b, { at: '2026-12-31T00:00:00Z' }));
      await read('calendar', () => crm.activities.calendar(b, { view: 'month', date: '2026-03-10' }));
      await read('calendar of A', () =>
        crm.activities.calendar(b, { view: 'month', date: '2026-03-10', userId: w.a.id }),
      );
      await read('lastQuote', () => crm.leads.lastQuote(b, { sku: 'LS2208' } as never));
      for (const by of ['opportunity', 'account', 'salesperson', 'team', 'category', 'month'] as const)
        await read(`costRollup ${by}`, () => costRollup(crm, b, { by, ...year }));
      await read('pipeline', () => pipeline(crm, b, year));
      await read('morningReview', () => morningReview(crm, b, { day: '2026-03-11' }));
      await read('quoteConflicts', () => quoteConflicts(crm, b, year));
      await read('findDuplicateDeals', () => findDuplicateDeals(crm, b));
      await read('findDuplicateAccounts', () => findDuplicateAccounts(crm, b));
      await read('findDuplicateContacts', () => findDuplicateContacts(crm, b));
      await read('checkDealForDuplicates own', () => checkDealForDuplicates(crm, b, w.bDealId));
      await read('checkNewAccount', () =>
        checkNewAccount(crm, b, {
          name: '隐秘科技有限公司',
          kind: 'end_user',
          creditCode: '91370100MA3C4XKQ7Y',
        }),
      );
      await read('checkNewContact', () =>
        checkNewContact(crm, b, { accountId: w.hiddenIds.account, name: '赵秘书', mobile: '139 0532 9876' }),
      );
      await read('dryRunImport', () =>
        dryRunImport(crm, b, {
          entity: 'account',
          runId: 'probe-dry',
          source: { stream: Readable.from(['name,kind\n隐秘科技有限公司,end_user\n']), format: 'csv' },
        }),
      );
      // Every read of one hidden record is NOT_FOUND, exactly like a missing one.
      const { lead, account, contact, opportunity, endCustomer, activity, cost, order } = w.hiddenIds;
      const gets: [string, string, (id: string) => Promise<unknown>][] = [
        ['leads.get', lead, (id) => crm.leads.get(b, id)],
        ['leads.quotes', lead, (id) => crm.leads.quotes(b, id)],
        ['accounts.get', account, (id) => crm.accounts.get(b, id)],
        ['accounts.timeline', account, (id) => crm.accounts.timeline(b, id, {})],
        ['end customer timeline', endCustomer, (id) => crm.accounts.timeline(b, id, {})],
        ['contacts.get', contact, (id) => crm.contacts.get(b, id)],
        ['contacts.list', account, (id) => crm.contacts.list(b, { accountId: id })],
        ['opportunities.get', opportunity, (id) => crm.opportunities.get(b, id)],
        ['explainAccess', opportunity, (id) => crm.opportunities.explainAccess(b, id)],
        ['checkDealForDuplicates', opportunity, (id) => checkDealForDuplicates(crm, b, id)],
        ['activities.get', activity, (id) => crm.activities.get(b, id)],
        ['costs.get', cost, (id) => crm.costs.get(b, id)],
        ['orders.get', order, (id) => crm.orders.get(b, id)],
        ['history lead', lead, (id) => crm.history.forRecord(b, 'lead', id)],
        ['history opportunity', opportunity, (id) => crm.history.forRecord(b, 'opportunity', id)],
        ['history cost', cost, (id) => crm.history.forRecord(b, 'cost', id)],
        ['lastQuote by account', account, (id) => crm.leads.lastQuote(b, { accountId: id })],
        ['costs.total by deal', opportunity, (id) => crm.costs.total(b, { opportunityId: id })],
        ['activities.list by deal', opportunity, (id) => crm.activities.list(b, { opportunityId: id })],
      ];
      for (const [label, id, call] of gets) await read(label, () => call(id), id);
      // Writes that name a hidden record refuse it as missing, too.
      const writes: [string, string, (id: string) => Promise<unknown>][] = [
        ['leads.update', lead, (id) => crm.leads.update(b, id, { company: 'x' })],
        [
          'opportunities.advance',
          opportunity,
          (id) => crm.opportunities.advance(b, id, { to: 'needs_analysis' }),
        ],
        [
          'opportunities.create on hidden account',
          account,
          (id) => crm.opportunities.create(b, { name: 'x', accountId: id, channel: 'key_account' }),
        ],
        [
          'linkEndCustomer by hidden id',
          account,
          (id) => crm.opportunities.linkEndCustomer(b, w.bDealId, { accountId: id }),
        ],
        ['costs.correct', cost, (id) => crm.costs.correct(b, id, { description: 'x', reason: 'probe' })],
      ];
      for (const [label, id, call] of writes) await read(label, () => call(id), id);
      expect(leaks).toEqual([]);
    });

    it('a custom value of the wrong type is refused naming the field and the type, in en and zh-CN, and nothing is written', async () => {
      const { crm, a } = w;
      const deal = await crm.opportunities.list(a, { limit: 1 });
      const before = deal.items[0]!;
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.string(),
            fc.boolean(),
            fc.constantFrom(1.5, Number.NaN, Number.POSITIVE_INFINITY, -1e308),
          ),
          async (value) => {
            const said = await refusal(w, (c) =>
              c.opportunities.update(a, before.id, { custom: { budgetYear: value } } as never),
            );
            expect(said.en.code).toBe('VALIDATION');
            expect(said.en.issues?.[0]?.field).toBe('custom.budgetYear');
            // Not "required": the value was there, of the wrong type or out of the integer range.
            expect(said.en.issues?.[0]?.message).toMatch(/^(expected|must be at)/);
            expect(said['zh-CN'].issues?.[0]?.message).toMatch(/^(应为|不能)/);
            const after = await crm.opportunities.get(a, before.id);
            expect(after.version).toBe(before.version);
          },
        ),
        { numRuns: 15 },
      );
    });

    it('a custom-field filter of another type than the field is refused on every engine, never compared', async () => {
      const { crm, a } = w;
      for (const custom of [
        { budgetYear: { from: 'x' } },
        { industryCode: { from: 5 } },
        { budgetYear: 'abc' },
      ]) {
        const said = await refusal(w, (c) => c.opportunities.list(a, { custom } as never));
        expect(said.en.code).toBe('VALIDATION');
        expect(said.en.issues?.[0]?.field).toMatch(/^custom\.(budgetYear|industryCode)/);
        expect(said['zh-CN'].message).toMatch(/应为/);
      }
      // The same field, its own type: compared as documented.
      const page = await crm.opportunities.list(a, {
        custom: { budgetYear: { from: 2026, to: 2027 } },
      } as never);
      expect(page.items.map((d) => d.name)).toEqual(['隐秘仓储项目']);
    });

    it('prototype-named custom fields round-trip as plain data; a __proto__ key is refused, never dropped', async () => {
      const { crm, a } = w;
      const capture = (custom: unknown, via = crm) =>
        via.leads.capture(a, {
          source: 'web',
          receivedAt: '2026-03-03T09:00:00+08:00',
          company: 'Proto 公司',
          contact: { name: 'p' },
          custom,
        } as never);
      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 40 }), async (value) => {
          const lead = await capture(JSON.parse(`{"constructor": ${JSON.stringify(value)}}`));
          expect((lead.custom as Record<string, unknown>).constructor).toBe(value);
          expect(Object.getPrototypeOf(lead.custom)).toBe(Object.prototype);
          const again = await crm.leads.get(a, lead.id);
          expect(Object.hasOwn(again.custom, 'constructor')).toBe(true);
          expect((again.custom as Record<string, unknown>).constructor).toBe(value);
        }),
        { numRuns: 10 },
      );
      const before = (await crm.leads.list(a, { limit: 500 })).items.length;
      const proto = JSON.parse('{"__proto__": {"polluted": true}, "score": 1}');
      for (const call of [
        (c: ProbeWorld['crm']) => capture(proto, c),
        (c: ProbeWorld['crm']) => c.leads.list(a, { custom: JSON.parse('{"__proto__": "x"}') } as never),
      ]) {
        const said = await refusal(w, call);
        expect(said.en.issues?.[0]?.field).toBe('custom.__proto__');
        expect(said['zh-CN'].issues?.[0]?.message).toContain('__proto__');
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((await crm.leads.list(a, { limit: 500 })).items.length).toBe(before);
    });

    it('text in every script, direction mark, zero-width joiner and emoji round-trips exactly', async () => {
      const { crm, a } = w;
      const odd = fc.constantFrom(
        'شركة الاختبار',
        '\u202e反向\u202c',
        'a\u200bb\u200dc',
        '👩‍💻 团队 🚀',
        'ＳＫＵ－１ full-width',
        "'; drop table leads; --",
        '%_\\',
      );
      await fc.assert(
        fc.asyncProperty(odd, fc.string({ maxLength: 20, unit: 'grapheme' }), async (head, tail) => {
          const company = `${head}${tail}`.trim() || head;
          const lead = await settles('capture', () =>
            crm.leads.capture(a, {
              source: 'web',
              receivedAt: '2026-03-03T09:00:00+08:00',
              company,
              contact: { name: company.slice(0, 50) || 'x' },
            }),
          );
          expect((await crm.leads.get(a, lead.id)).company).toBe(lead.company);
          await settles('search', () => crm.search.find(a, { q: company.slice(0, 200) }));
        }),
        { numRuns: 12 },
      );
    });

    it('two writers on one record with the version they read: one wins, the other gets CONCURRENCY', async () => {
      const { crm, a } = w;
      const deal = (await crm.opportunities.list(a, { limit: 1 })).items[0]!;
      const results = await Promise.allSettled([
        crm.opportunities.update(a, deal.id, { name: '写者一', expectedVersion: deal.version }),
        crm.opportunities.update(a, deal.id, {
          custom: { budgetYear: 2030 },
          expectedVersion: deal.version,
        } as never),
      ]);
      const refused = results.filter((r) => r.status === 'rejected');
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(refused).toHaveLength(1);
      const error = (refused[0] as PromiseRejectedResult).reason;
      expect(isCrmError(error, 'CONCURRENCY')).toBe(true);
      expect(error).toMatchObject({ expected: deal.version, actual: deal.version + 1 });
    });

    it("a change-feed cursor from another workspace, or past this feed's head, is refused instead of skipping events", async () => {
      const { crm, admin } = w;
      const first = await crm.events.since(admin, null, { limit: 3 });
      const head = await crm.events.since(admin, null, { limit: 1000 });
      const otherId = `probe-other-${engine.length}`;
      await createTenantAdmin(storage).create({ id: otherId, name: 'Other' });
      const other = crm.forTenant(otherId);
      const otherAdmin = await other.users.create(other.system, { name: 'Other admin', role: 'admin' });
      const ownFirst = await other.events.since(otherAdmin, null, { limit: 1 });
      // Another workspace's cursor: refused, in both languages, though positions may coincide.
      const foreign = await refusal(w, (c) =>
        c.forTenant(otherId).events.since(otherAdmin, first.nextCursor),
      );
      expect(foreign.en.code).toBe('VALIDATION');
      expect(foreign['zh-CN'].message).toContain('不是变更流的游标');
      // A position this feed has not reached (forged, or kept from before a move): refused too.
      const ahead = String(head.items.at(-1)!.seq + 1_000);
      expect((await refusal(w, (c) => c.events.since(admin, ahead))).en.code).toBe('VALIDATION');
      // Its own cursors page on; a bare position (the older format) still reads.
      expect((await other.events.since(otherAdmin, ownFirst.nextCursor)).items.length).toBeGreaterThanOrEqual(
        0,
      );
      const next = await crm.events.since(admin, first.nextCursor, { limit: 2 });
      expect(next.items[0]?.seq).toBe(first.items.at(-1)!.seq + 1);
      const bare = await crm.events.since(admin, String(first.items.at(-1)!.seq), { limit: 2 });
      expect(bare.items.map((e) => e.seq)).toEqual(next.items.map((e) => e.seq));
      // At the head, nothing new is an empty page, not a refusal.
      expect((await crm.events.since(admin, head.nextCursor)).items).toEqual([]);
    });

    it("another workspace reached through a view keeps the view's language and idempotency key", async () => {
      const otherId = `probe-view-${engine.length}`;
      await createTenantAdmin(storage).create({ id: otherId, name: 'View' });
      const other = w.crm.forTenant(otherId);
      const admin = await other.users.create(other.system, { name: 'View admin', role: 'admin' });
      const zh = w.crm.with({ locale: 'zh-CN' }).forTenant(otherId);
      expect(zh.locale).toBe('zh-CN');
      await expect(zh.leads.get(admin, 'lead_missing')).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringContaining('找不到'),
      });
      // A retried capture with the same key is the same lead, not a second one.
      const retry = () =>
        w.crm
          .with({ idempotencyKey: 'probe-retry-1' })
          .forTenant(otherId)
          .leads.capture(admin, {
            source: 'web',
            receivedAt: '2026-03-03T09:00:00+08:00',
            company: '重试公司',
            contact: { name: '重试' },
            ownerId: admin.id,
          } as never);
      const [first, second] = [await retry(), await retry()];
      expect(second.id).toBe(first.id);
      expect((await other.leads.list(admin, {})).items.filter((l) => l.company === '重试公司')).toHaveLength(
        1,
      );
    });

    it('a missing user is NOT_FOUND like every missing record, for get, update and deactivate', async () => {
      const { admin } = w;
      for (const call of [
        (c: ProbeWorld['crm']) => c.users.get(admin, 'user_missing'),
        (c: ProbeWorld['crm']) => c.users.update(admin, 'user_missing', { name: 'x' }),
        (c: ProbeWorld['crm']) => c.users.deactivate(admin, 'user_missing'),
      ]) {
        const said = await refusal(w, call);
        expect(said.en.code).toBe('NOT_FOUND');
        expect(said['zh-CN'].message).toContain('找不到');
      }
    });

    it('two identical retries racing with one idempotency key write one lead', async () => {
      const { crm, a } = w;
      const capture = () =>
        crm.with({ idempotencyKey: `probe-race-${engine.length}` }).leads.capture(a, {
          source: 'web',
          receivedAt: '2026-03-03T09:00:00+08:00',
          company: '竞速公司',
          contact: { name: '竞速' },
        });
      const results = await Promise.allSettled([capture(), capture(), capture()]);
      for (const r of results) if (r.status === 'rejected') expect(isCrmError(r.reason)).toBe(true);
      const ids = new Set(results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.id] : [])));
      expect(ids.size).toBe(1);
      const stored = (await crm.leads.list(a, { limit: 500 })).items.filter((l) => l.company === '竞速公司');
      expect(stored).toHaveLength(1);
    });

    it('a custom field change is diffed in the history and announced on the change feed', async () => {
      const { crm, a } = w;
      const deal = (await crm.opportunities.list(a, { limit: 1 })).items[0]!;
      const from = (deal.custom as { budgetYear?: number }).budgetYear;
      const cursor = (await crm.events.since(a, null, { limit: 500 })).nextCursor;
      await crm.opportunities.update(a, deal.id, { custom: { budgetYear: 2031 } } as never);
      const history = await crm.history.forRecord(a, 'opportunity', deal.id);
      expect(history.at(-1)?.changes).toMatchObject({ 'custom.budgetYear': { from, to: 2031 } });
      const feed = await crm.events.since(a, cursor, { limit: 50 });
      expect(JSON.stringify(feed.items)).toContain('custom.budgetYear');
    });
  });
}
