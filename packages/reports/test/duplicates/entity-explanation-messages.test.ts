import { buildCatalogues, builtInMessages, catalogueProblems, renderMessage } from '@gongfu/core';
import { describe, expect, it } from 'vitest';
import {
  type AccountRecord,
  ENTITY_DUPLICATE_MESSAGES,
  prepareAccount,
  REPORT_MESSAGES,
  scoreAccounts,
} from '../../src/index.js';

const catalogues = buildCatalogues([builtInMessages()]);
const account = (id: string, name: string, more: Partial<AccountRecord> = {}): AccountRecord => ({
  id,
  name,
  ownerId: 'u1',
  creditCode: null,
  phones: [],
  emails: [],
  ...more,
});

describe('account and contact duplicate explanations in zh-CN and en', () => {
  it('give every clause a zh-CN and an en text using every parameter', () => {
    expect(catalogueProblems(ENTITY_DUPLICATE_MESSAGES)).toEqual([]);
    expect(catalogueProblems(REPORT_MESSAGES)).toEqual([]);
  });

  it('one pair explained: the English text is unchanged, the message reads in Chinese clause by clause', () => {
    const x = prepareAccount(account('a1', '山东恒通系统集成有限公司', { phones: ['0531-8888 0000'] }));
    const y = prepareAccount(account('a2', '山东恒通系统集成股份有限公司', { phones: ['0531 8888 0000'] }));
    const pair = scoreAccounts(x, y);
    const { text, message } = pair.explanation;
    expect(text).toMatch(/^Same company: 山东恒通 .*; same phone \+86 531 8888 0000/);
    expect(text).toContain('legal forms differ');
    const zh = renderMessage(message, 'zh-CN', catalogues);
    expect(zh).toMatch(/^同一家公司：山东恒通/);
    expect(zh).toContain('组织形式不同');
    expect(zh).toContain('；电话相同（+86 531 8888 0000）');
    expect(zh).not.toMatch(/same|phone|legal/);

    const other = prepareAccount(account('a3', '青岛瑞达物流有限公司', { creditCode: '91370200MA3C00000X' }));
    const ruida = prepareAccount(
      account('a4', '青岛瑞达信息技术有限公司', { creditCode: '91370200MA3C11111X' }),
    );
    const apart = scoreAccounts(other, ruida).explanation;
    expect(renderMessage(apart.message, 'zh-CN', catalogues)).toContain('统一社会信用代码不同');
    expect(renderMessage(apart.message, 'en', catalogues)).toContain('different credit codes');
  });

  it("name places and businesses in the reader's language: no pinyin or English inside the Chinese text", () => {
    const x = prepareAccount(account('a1', '济南恒通系统集成有限公司', { phones: ['0531-8888 0000'] }));
    const y = prepareAccount(account('a2', '济南恒通系统集成股份有限公司', { phones: ['0531 8888 0000'] }));
    const { message } = scoreAccounts(x, y).explanation;
    const en = renderMessage(message, 'en', catalogues);
    const zh = renderMessage(message, 'zh-CN', catalogues);
    expect(en).toContain('(Jinan, Shandong)');
    expect(en).toContain('system integration');
    expect(zh).toContain('（山东济南）');
    expect(zh).toContain('系统集成');
    expect(zh).not.toMatch(/[A-Za-z]{3,}/);
  });
});
