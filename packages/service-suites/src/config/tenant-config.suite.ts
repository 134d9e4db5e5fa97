import {
  type Crm,
  type CrmStorage,
  createCrm,
  isCrmError,
  ManualClock,
  pipelineFor,
  type User,
} from '@gongfu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEALER_PIPELINE } from '../faults/command-fixtures.js';
import { openWorld, type StorageFactory } from '../support/harness.js';
import { codeOf } from '../support/suite-support.js';

/** Stage ids the repository's program never declares (an app would, in `CustomStageIds`). */
const stage = (id: string) => id as never;

/** A distribution-channel deal of a dealer account, opened by `rep` (the stale-deal tests' subject). */
async function dealerDeal(crm: Crm, rep: User) {
  const account = await crm.accounts.create(rep, { name: '临沂经销商', kind: 'dealer' });
  return crm.opportunities.create(rep, {
    name: '临沂扫描枪',
    accountId: account.id,
    channel: 'distribution',
    lines: [{ sku: 'DS2208', quantity: 10, unitPrice: { amount: 500_00, currency: 'CNY' } }],
  });
}

export function describeTenantConfig(makeStorage: StorageFactory): void {
  describe('tenant configuration: pipelines per channel (service)', () => {
    let storage: CrmStorage;
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(() => storage.close());

    it('starts on the built-in pipelines; only admins read or change it, at the version they read', async () => {
      const { crm, org } = await openWorld(storage);
      const config = await crm.config.get(org.admin);
      expect(config.version).toBe(0);
      expect(config.pipelines.key_account).toEqual(pipelineFor('key_account'));
      expect(await codeOf(crm.config.get(org.manager))).toBe('PERMISSION_DENIED');
      expect(
        await codeOf(
          crm.config.update(org.manager, {
            expectedVersion: 0,
            pipelines: { distribution: DEALER_PIPELINE },
          }),
        ),
      ).toBe('PERMISSION_DENIED');
      const saved = await crm.config.update(org.admin, {
        expectedVersion: 0,
        pipelines: { distribution: DEALER_PIPELINE },
      });
      expect(saved.version).toBe(1);
      expect(saved.pipelines.distribution.map((s) => s.id)).toEqual(['intake', 'offer', 'won', 'lost']);
      expect(saved.pipelines.key_account).toEqual(pipelineFor('key_account'));
      // A second admin who read version 0 is told, not overwritten.
      expect(
        await codeOf(
          crm.config.update(org.admin, { expectedVersion: 0, pipelines: { wireless: DEALER_PIPELINE } }),
        ),
      ).toBe('CONCURRENCY');
      const broken = [...DEALER_PIPELINE].reverse();
      expect(
        await codeOf(crm.config.update(org.admin, { expectedVersion: 1, pipelines: { wireless: broken } })),
      ).toBe('VALIDATION');
      expect((await crm.config.history(org.admin)).map((c) => c.version)).toEqual([1]);
      expect((await crm.config.get(org.admin)).updatedBy).toBe(org.admin.id);
    });

    it('any active user reads the pipeline in force: the template before an update, the saved one after', async () => {
      const { crm, org } = await openWorld(storage);
      const before = await crm.opportunities.pipeline(org.repA, 'distribution');
      expect(before).toEqual({ channel: 'distribution', version: 0, stages: pipelineFor('distribution') });
      const saved = await crm.config.update(org.admin, {
        expectedVersion: 0,
        pipelines: { distribution: DEALER_PIPELINE },
      });
      for (const reader of [org.repA, org.presales, org.manager]) {
        const inForce = await crm.opportunities.pipeline(reader, 'distribution');
        expect(inForce).toEqual({
          channel: 'distribution',
          version: 1,
          stages: saved.pipelines.distribution,
        });
      }
      const offer = (await crm.opportunities.pipeline(org.repA, 'distribution')).stages[1]!;
      expect(offer).toMatchObject({ id: 'offer', kind: 'open' });
      expect(typeof offer.label).toBe('string');
      expect(typeof offer.probability).toBe('number');
      // An unknown channel is bad input; a deactivated user reads nothing.
      expect(await codeOf(crm.opportunities.pipeline(org.repA, 'bogus' as never))).toBe('VALIDATION');
      expect(await codeOf(crm.opportunities.pipeline(org.repA, '__proto__' as never))).toBe('VALIDATION');
      await crm.users.deactivate(org.admin, org.repB.id);
      expect(await codeOf(crm.opportunities.pipeline(org.repB, 'distribution'))).toBe('PERMISSION_DENIED');
    });

    it('a deal keeps the pipeline version it started on until migratePipeline moves it, and says what moved', async () => {
      const { crm, org } = await openWorld(storage);
      const rep = org.otherRep;
      const account = await crm.accounts.create(rep, { name: '临沂经销商', kind: 'dealer' });
      const line = { sku: 'DS2208', quantity: 10, unitPrice: { amount: 500_00, currency: 'CNY' } };
      const old = await crm.opportunities.create(rep, {
        name: '老单',
        accountId: account.id,
        channel: 'distribution',
        lines: [line],
      });
      await crm.config.update(org.admin, {
        expectedVersion: 0,
        pipelines: { distribution: DEALER_PIPELINE },
      });

      const fresh = await crm.opportunities.create(rep, {
        name: '新单',
        accountId: account.id,
        channel: 'distribution',
      });
      expect([fresh.stage, fresh.probability, fresh.pipelineVersion]).toEqual(['intake', 15, 1]);
      // The offer stage's gate, in its own words; then the move once the deal has a line.
      const refused = await crm.opportunities
        .advance(rep, fresh.id, { to: stage('offer') })
        .catch((e: unknown) => e);
      expect(isCrmError(refused, 'INVALID_TRANSITION') && refused.message).toMatch(
        /at least one product line/,
      );
      await crm.opportunities.addLine(rep, fresh.id, line);
      const offered = await crm.opportunities.advance(rep, fresh.id, { to: stage('offer') });
      expect([offered.stage, offered.probability, offered.forecastCategory]).toEqual(['offer', 60, 'commit']);

      // The old deal still runs on the built-in distribution pipeline.
      const proposal = await crm.opportunities.advance(rep, old.id, { to: 'proposal' });
      expect(proposal.stage).toBe('proposal');
      expect(proposal.pipelineVersion).toBeUndefined();
      expect(await codeOf(crm.opportunities.advance(rep, old.id, { to: stage('offer') }))).toBe(
        'INVALID_TRANSITION',
      );

      // Migration: an unmapped stage is refused naming it, writing nothing; a mapped one moves.
      const unmapped = await crm.opportunities.migratePipeline(rep, old.id).catch((e: unknown) => e);
      expect(isCrmError(unmapped, 'VALIDATION') && unmapped.field).toBe('stageMap.proposal');
      expect((await crm.opportunities.get(rep, old.id)).version).toBe(proposal.version);
      const moved = await crm.opportunities.migratePipeline(rep, old.id, { stageMap: { proposal: 'offer' } });
      expect({ ...moved, opportunity: undefined }).toEqual({
        opportunity: undefined,
        fromVersion: 0,
        toVersion: 1,
        fromStage: 'proposal',
        toStage: 'offer',
        moved: true,
      });
      expect([
        moved.opportunity.stage,
        moved.opportunity.probability,
        moved.opportunity.pipelineVersion,
      ]).toEqual(['offer', 60, 1]);
      const again = await crm.opportunities.migratePipeline(rep, old.id);
      expect([again.moved, again.opportunity.version]).toEqual([false, moved.opportunity.version]);
      const events = await crm.history.forRecord(rep, 'opportunity', old.id);
      expect(events.at(-1)?.event).toBe('opportunity.pipeline_migrated');
      const won = await crm.opportunities.win(rep, old.id);
      expect(won.opportunity.stage).toBe('won');
    });

    it("a deal on the tenant's pipeline goes stale by the tenant's limit, and the reminder names the stage in the reader's words", async () => {
      const { crm, org } = await openWorld(storage);
      const rep = org.otherRep;
      const saved = await crm.config.update(org.admin, {
        expectedVersion: 0,
        pipelines: {
          distribution: DEALER_PIPELINE.map((s) =>
            s.id === 'offer' ? { ...s, label: { 'zh-CN': '报价', en: 'Offer' } } : s,
          ),
        },
      });
      expect(saved.pipelines.distribution[1]?.label).toEqual({ 'zh-CN': '报价', en: 'Offer' });
      const deal = await dealerDeal(crm, rep);
      const stale = async (at: string, locale: 'en' | 'zh-CN' = 'zh-CN') =>
        (await crm.with({ locale }).reminders.due(rep, { at }))
          .filter((r) => r.kind === 'stale_opportunity')
          .map((r) => [r.dueAt, r.message]);
      // intake goes stale after the tenant's 7 days (the world starts 2026-03-02T01:00Z).
      expect(await stale('2026-03-09T00:59:00.000Z')).toEqual([]);
      expect(await stale('2026-03-09T01:00:00.000Z')).toEqual([
        ['2026-03-09T01:00:00.000Z', '临沂扫描枪已在“接洽”阶段停留 7 天，请推进'],
      ]);
      // offer, labelled in both languages, after its 5 days; each reader reads their language.
      await crm.opportunities.advance(rep, deal.id, { to: stage('offer') });
      expect(await stale('2026-03-07T01:00:00.000Z', 'en')).toEqual([
        ['2026-03-07T01:00:00.000Z', '临沂扫描枪 has been in stage "Offer" for 5 days — move it on'],
      ]);
      expect(await stale('2026-03-07T01:00:00.000Z', 'zh-CN')).toEqual([
        ['2026-03-07T01:00:00.000Z', '临沂扫描枪已在“报价”阶段停留 5 天，请推进'],
      ]);
      // A label in one language only, or an empty one, is bad input naming the field.
      const half = await crm.config
        .update(org.admin, {
          expectedVersion: 1,
          pipelines: {
            wireless: DEALER_PIPELINE.map((s) =>
              s.id === 'offer' ? { ...s, label: { en: 'Offer' } as never } : s,
            ),
          },
        })
        .catch((e: unknown) => e);
      expect(isCrmError(half, 'VALIDATION') && half.field).toMatch(/^pipelines\.wireless\.1\.label/);
    });

    it('a label carries the languages the app adds; each reader reads their own, else their language, else English', async () => {
      const { crm: base, org } = await openWorld(storage);
      const crm = createCrm({
        storage,
        tenant: base.tenantId,
        clock: new ManualClock('2026-03-02T01:00:00.000Z'),
        timeZone: 'Asia/Shanghai',
        messages: {
          ja: { 'reminder.staleOpportunity': '{label}は「{stage}」段階に{days}日間とどまっています' },
          'zh-TW': { 'reminder.staleOpportunity': '{label}已在「{stage}」階段停留 {days} 天' },
        },
      });
      const rep = org.otherRep;
      await crm.config.update(org.admin, {
        expectedVersion: 0,
        pipelines: {
          distribution: DEALER_PIPELINE.map((s) =>
            s.id === 'offer' ? { ...s, label: { 'zh-CN': '报价', en: 'Offer', ja: '見積' } } : s,
          ),
        },
      });
      const deal = await dealerDeal(crm, rep);
      await crm.opportunities.advance(rep, deal.id, { to: stage('offer') });
      const staleIn = async (locale: string) =>
        (await crm.with({ locale }).reminders.due(rep, { at: '2026-03-07T01:00:00.000Z' }))
          .filter((r) => r.kind === 'stale_opportunity')
          .map((r) => r.message);
      expect(await staleIn('ja')).toEqual(['临沂扫描枪は「見積」段階に5日間とどまっています']);
      // zh-TW is not in the label: its language's words (zh-CN), not English.
      expect(await staleIn('zh-TW')).toEqual(['临沂扫描枪已在「报价」階段停留 5 天']);
      // A language the app never added reads English, the label's English too.
      expect(await staleIn('fr')).toEqual(['临沂扫描枪 has been in stage "Offer" for 5 days — move it on']);
      expect(await staleIn('zh-CN')).toEqual(['临沂扫描枪已在“报价”阶段停留 5 天，请推进']);

      // A tag that is not a language, or one spelled off BCP 47, is bad input naming the key.
      const refusal = async (label: Record<string, string>) => {
        const e = await crm.config
          .update(org.admin, {
            expectedVersion: 1,
            leadSources: [{ key: 'trade_show', label: { 'zh-CN': '展会', en: 'Trade show', ...label } }],
          })
          .catch((x: unknown) => x);
        return isCrmError(e, 'VALIDATION') ? [e.field, e.message] : e;
      };
      expect(await refusal({ zh_tw: '展會' })).toEqual([
        'leadSources.0.label.zh_tw',
        expect.stringContaining('zh_tw is not a language tag'),
      ]);
      expect(await refusal({ 'zh-tw': '展會' })).toEqual([
        'leadSources.0.label.zh-tw',
        expect.stringContaining('write the language tag zh-tw as zh-TW'),
      ]);
      expect((await crm.config.get(org.admin)).version).toBe(1);
    });
  });
}
