/**
 * The duplicate functions' errors speak the call's language, as the commands' do: a newcomer's
 * check found `limit`, `minScore`, `cursor`, `opportunityId` and an unknown workspace refused in
 * English through a `zh-CN` view, while core commands answered in Chinese.
 */
import { type CrmError, isCrmError } from '@gongfu/core';
import {
  allDuplicateDeals,
  checkDealForDuplicates,
  findDuplicateClusters,
  findDuplicateDeals,
  findDuplicateDealsPage,
} from '@gongfu/reports';
import { sqliteStorage } from '@gongfu/storage-sqlite';
import { describe, expect, it } from 'vitest';
import { openStoryWorld } from './story-world.js';

async function refusal(call: () => Promise<unknown>): Promise<CrmError> {
  try {
    await call();
  } catch (error) {
    if (isCrmError(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the duplicate functions refuse in the call’s language (SQLite)', () => {
  it('renders every refusal in zh-CN through a zh-CN view, and in English through an English one', async () => {
    const w = await openStoryWorld(() => sqliteStorage({ filename: ':memory:' }));
    const zh = w.crm.with({ locale: 'zh-CN' });
    const en = w.crm.with({ locale: 'en' });
    const calls = (crm: typeof zh) => [
      () => findDuplicateDealsPage(crm, w.org.admin, { limit: 0 }),
      () => findDuplicateDealsPage(crm, w.org.admin, { cursor: 'garbage' }),
      () => findDuplicateDeals(crm, w.org.admin, { minScore: Number.NaN }),
      () => findDuplicateClusters(crm, w.org.admin, { minScore: Number.POSITIVE_INFINITY }),
      () => checkDealForDuplicates(crm, w.org.admin, ''),
      () => checkDealForDuplicates(crm, w.org.admin, 'no-such-deal'),
      () => findDuplicateDeals(crm.forTenant('no-such-tenant'), w.org.admin),
      async () => {
        for await (const _ of allDuplicateDeals(crm, w.org.admin, { minScore: Number.NaN })) break;
      },
    ];
    const zhCalls = calls(zh);
    const enCalls = calls(en);
    for (let i = 0; i < zhCalls.length; i += 1) {
      const inChinese = await refusal(zhCalls[i]!);
      const inEnglish = await refusal(enCalls[i]!);
      expect(inChinese.code).toBe(inEnglish.code);
      expect(inChinese.detail).not.toBeNull();
      expect(inChinese.message).toBe(zh.say(inChinese.detail!));
      expect(inEnglish.message).toBe(en.say(inEnglish.detail!));
      // Chinese text, not the English sentence passed through.
      expect(inChinese.message).not.toBe(inEnglish.message);
      expect(inChinese.message).toMatch(/[\u4e00-\u9fff]/);
    }
    await w.storage.close();
  });
});
