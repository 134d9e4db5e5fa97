import { type CrmStorage, isCrmError, type VocabularyEntryInput } from '@gongfu/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorld, type ServiceWorld, type StorageFactory, storyLead } from '../support/harness.js';
import { expectCode, expectInvalidField } from '../support/service-expect.js';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const cny = (amount: number) => ({ amount, currency: 'CNY' });

/** 展会 as a lead source, 微信 as an activity kind that counts as contact, 展位费 as a cost category. */
async function addOwnKeys(w: ServiceWorld) {
  const { crm, org } = w;
  const before = await crm.config.get(org.admin);
  return crm.config.update(org.admin, {
    expectedVersion: before.version,
    leadSources: [...before.leadSources, { key: 'trade_show', label: label('展会', 'Trade show') }],
    activityKinds: [...before.activityKinds, { key: 'wechat', label: label('微信', 'WeChat') }],
    costCategories: [...before.costCategories, { key: 'booth_fee', label: label('展位费', 'Booth fee') }],
    quietCustomer: { contactKinds: [...before.quietCustomer.contactKinds, 'wechat'] },
  });
}

/** The reminders of `kind` due for `actor` by `at`, as due instants. */
async function dueAt(w: ServiceWorld, kind: string, at: string): Promise<string[]> {
  return (await w.crm.reminders.due(w.org.repA, { at })).filter((r) => r.kind === kind).map((r) => r.dueAt);
}

export function describeTenantVocabularies(makeStorage: StorageFactory): void {
  describe('tenant configuration: lists, reminder rules and the quiet-customer rule (service)', () => {
    let storage: CrmStorage;
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(() => storage.close());

    it('starts on the built-in lists and rules, today’s constants', async () => {
      const { crm, org } = await openWorld(storage);
      const config = await crm.config.get(org.admin);
      expect(config.leadSources.map((e) => [e.key, e.active])).toEqual(
        ['inbound_call', 'referral', 'customer_revisit', 'marketing_event', 'web', 'other'].map((k) => [
          k,
          true,
        ]),
      );
      expect(config.activityKinds.map((e) => e.key)).toEqual([
        'call',
        'visit',
        'meeting',
        'demo_loan',
        'email',
        'task',
      ]);
      expect(config.costCategories.find((e) => e.key === 'bid_fees')?.label).toEqual(
        label('投标费用', 'Bid fees'),
      );
      expect(config.quietCustomer.contactKinds).toEqual(['call', 'visit', 'meeting', 'demo_loan', 'email']);
      expect(config.reminders).toEqual({});
    });

    it('a tenant adds a lead source, an activity kind and a cost category and uses them; another tenant is unaffected', async () => {
      const w = await openWorld(storage);
      const other = await openWorld(storage);
      const { crm, org } = w;
      await addOwnKeys(w);
      const lead = await crm.leads.capture(org.repA, storyLead({ source: 'trade_show' }));
      expect((await crm.leads.get(org.repA, lead.id)).source).toBe('trade_show');

      // 微信 counts as contact here: completing one restarts the lead's follow-up clock.
      const chat = await crm.activities.schedule(org.repA, {
        kind: 'wechat',
        subject: '微信沟通报价',
        startAt: '2026-03-02T15:00:00+08:00',
        leadId: lead.id,
      });
      // Its "starts soon" reminder names the kind by the tenant's label, in the reader's language.
      const soon = async (locale: 'en' | 'zh-CN') =>
        (await crm.with({ locale }).reminders.due(org.repA, { at: '2026-03-02T07:00:00.000Z' })).find(
          (r) => r.kind === 'upcoming_activity',
        )?.message;
      expect(await soon('en')).toMatch(/^WeChat with /);
      expect(await soon('zh-CN')).toMatch(/的微信将在 \d+ 分钟后开始$/);
      w.clock.set('2026-03-02T08:00:00.000Z');
      await crm.activities.complete(org.repA, chat.id, { expectedVersion: chat.version });
      const contacted = await crm.leads.get(org.repA, lead.id);
      expect([contacted.status, contacted.lastContactAt]).toEqual(['working', chat.startAt]);

      const account = await crm.accounts.create(org.repA, { name: '济南展会客户', kind: 'end_user' });
      const cost = await crm.costs.record(org.repA, {
        category: 'booth_fee',
        amount: cny(3_000_00),
        incurredOn: '2026-03-02',
        accountId: account.id,
      });
      expect(cost.category).toBe('booth_fee');

      // The other tenant still has only the built-in lists.
      await expectInvalidField(
        other.crm.leads.capture(other.org.repA, storyLead({ source: 'trade_show' })),
        'source',
      );
      expect((await other.crm.config.get(other.org.admin)).version).toBe(0);
      expect((await other.crm.leads.list(other.org.repA)).items).toEqual([]);
    });

    it('refuses an unknown key naming the field and the closest active key, writing nothing', async () => {
      const w = await openWorld(storage);
      const { crm, org } = w;
      await addOwnKeys(w);
      const refused = await expectCode(
        crm.leads.capture(org.repA, storyLead({ source: 'trade_shwo' })),
        'VALIDATION',
      );
      expect(isCrmError(refused, 'VALIDATION') && refused.field).toBe('source');
      expect(refused.message).toMatch(/trade_shwo is not a lead source.*did you mean trade_show\?/);
      const zh = await expectCode(
        crm.with({ locale: 'zh-CN' }).leads.capture(org.repA, storyLead({ source: 'trade_shwo' })),
        'VALIDATION',
      );
      expect(zh.message).toContain('您是指“trade_show”吗');
      expect((await crm.leads.list(org.repA)).items).toEqual([]);

      const account = await crm.accounts.create(org.repA, { name: '潍坊物联', kind: 'end_user' });
      await expectInvalidField(
        crm.activities.schedule(org.repA, {
          kind: 'wechta',
          subject: '微信',
          startAt: '2026-03-03T10:00:00+08:00',
          accountId: account.id,
        }),
        'kind',
      );
      await expectInvalidField(
        crm.costs.record(org.repA, {
          category: 'trave',
          amount: cny(100_00),
          incurredOn: '2026-03-02',
          accountId: account.id,
        }),
        'category',
      );
      expect((await crm.activities.list(org.repA)).items).toEqual([]);
      expect((await crm.costs.list(org.repA)).items).toEqual([]);
      expect((await crm.history.forRecord(org.repA, 'account', account.id)).length).toBe(1);
    });

    it('a key left out is deactivated: new writes are refused it, records that carry it stay readable', async () => {
      const w = await openWorld(storage);
      const { crm, org } = w;
      const fromWeb = await crm.leads.capture(org.repA, storyLead({ source: 'web' }));
      const config = await crm.config.get(org.admin);
      const saved = await crm.config.update(org.admin, {
        expectedVersion: config.version,
        leadSources: config.leadSources.filter((e) => e.key !== 'web'),
      });
      expect(saved.leadSources.find((e) => e.key === 'web')).toEqual({
        key: 'web',
        label: label('网站', 'Website'),
        active: false,
      });
      const retired = await expectCode(
        crm.leads.capture(org.repA, storyLead({ source: 'web' })),
        'VALIDATION',
      );
      expect(retired.message).toMatch(/web is no longer in use/);
      expect((await crm.leads.get(org.repA, fromWeb.id)).source).toBe('web');
      // Still editable: the lead keeps its source through an update that does not touch it.
      const updated = await crm.leads.update(org.repA, fromWeb.id, {
        company: '山东恒通系统集成',
        expectedVersion: fromWeb.version,
      });
      expect(updated.source).toBe('web');
      // Listed again, it is active again.
      const back = await crm.config.update(org.admin, {
        expectedVersion: saved.version,
        leadSources: saved.leadSources.map((e) => ({ ...e, active: true })),
      });
      expect(back.leadSources.every((e) => e.active)).toBe(true);
      expect((await crm.leads.capture(org.repA, storyLead({ source: 'web' }))).source).toBe('web');
      // A malformed list is refused by its path; a quiet-customer kind must be an activity kind.
      await expectInvalidField(
        crm.config.update(org.admin, {
          expectedVersion: back.version,
          costCategories: [{ key: 'Travel Costs', label: label('差旅', 'Travel') }],
        }),
        'costCategories.0.key',
      );
      await expectInvalidField(
        crm.config.update(org.admin, {
          expectedVersion: back.version,
          quietCustomer: { contactKinds: ['fax'] },
        }),
        'quietCustomer.contactKinds.0',
      );
      expect((await crm.config.get(org.admin)).version).toBe(back.version);
    });

    it('a new follow-up interval moves the next reminder of new writes; the history says who changed what', async () => {
      const w = await openWorld(storage);
      const other = await openWorld(storage);
      const { crm, org } = w;
      const before = await crm.leads.capture(org.repA, storyLead({ company: '老线索' }));
      await addOwnKeys(w);
      const saved = await crm.config.update(org.admin, {
        expectedVersion: 1,
        reminders: { defaults: { leadFollowUpDays: 5 } },
      });
      expect(saved.reminders).toEqual({ defaults: { leadFollowUpDays: 5 } });
      // Captured 09:15 Shanghai on 2 March: five days now, not three.
      const after = await crm.leads.capture(org.repA, storyLead({ company: '新线索' }));
      const theirs = await other.crm.leads.capture(other.org.repA, storyLead());
      const followUps = async (world: ServiceWorld, id: string) =>
        (await world.crm.reminders.due(world.org.repA, { at: '2026-03-31T00:00:00.000Z' }))
          .filter((r) => r.kind === 'lead_follow_up' && r.subjectId === id)
          .map((r) => r.dueAt);
      expect(await followUps(w, after.id)).toEqual(['2026-03-07T01:15:00.000Z']);
      // The lead written before keeps its reminder until it is written again; the other tenant keeps three days.
      expect(await followUps(w, before.id)).toEqual(['2026-03-05T01:15:00.000Z']);
      expect(await followUps(other, theirs.id)).toEqual(['2026-03-05T01:15:00.000Z']);
      await crm.leads.update(org.repA, before.id, {
        company: '老线索（更新）',
        expectedVersion: before.version,
      });
      expect(await followUps(w, before.id)).toEqual(['2026-03-07T01:15:00.000Z']);
      expect(await dueAt(w, 'lead_follow_up', '2026-03-06T00:00:00.000Z')).toEqual([]);

      const history = await crm.config.history(org.admin);
      expect(history.map((v) => [v.version, v.updatedBy, v.changed])).toEqual([
        [2, org.admin.id, ['reminders']],
        [1, org.admin.id, ['leadSources', 'activityKinds', 'costCategories', 'quietCustomer']],
      ]);
      expect(await expectCode(crm.config.history(org.manager), 'PERMISSION_DENIED')).toBeDefined();
    });

    it('property: a generated list accepts exactly its active keys', async () => {
      const w = await openWorld(storage);
      const { crm, org } = w;
      const account = await crm.accounts.create(org.repA, { name: '费用客户', kind: 'end_user' });
      const keyArb = fc.stringMatching(/^[a-z][a-z0-9_]{0,9}$/);
      const listArb = fc
        .uniqueArray(fc.record({ key: keyArb, active: fc.boolean() }), {
          minLength: 1,
          maxLength: 5,
          selector: (e) => e.key,
        })
        .filter((list) => list.some((e) => e.active));
      const everSeen = new Set<string>(['travel', 'other']);
      await fc.assert(
        fc.asyncProperty(listArb, keyArb, async (list, stranger) => {
          const { version } = await crm.config.get(org.admin);
          const entries: VocabularyEntryInput[] = list.map((e) => ({ ...e, label: label(e.key, e.key) }));
          await crm.config.update(org.admin, { expectedVersion: version, costCategories: entries });
          for (const e of list) everSeen.add(e.key);
          const active = new Set(list.filter((e) => e.active).map((e) => e.key));
          for (const key of [...everSeen, stranger]) {
            const written = await crm.costs
              .record(org.repA, {
                category: key,
                amount: cny(1_00),
                incurredOn: '2026-03-02',
                accountId: account.id,
              })
              .then(
                () => true,
                (e: unknown) => {
                  if (isCrmError(e, 'VALIDATION') && e.field === 'category') return false;
                  throw e;
                },
              );
            expect([key, written]).toEqual([key, active.has(key)]);
          }
        }),
        { numRuns: Number(process.env.GONGFU_VOCABULARY_RUNS ?? 12) },
      );
    });
  });
}
