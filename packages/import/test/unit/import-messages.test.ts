import { buildCatalogues, builtInMessages, catalogueProblems, renderMessage } from '@gongfu/core';
import { describe, expect, it } from 'vitest';
import { IMPORT_MESSAGES } from '../../src/index.js';

describe('import messages', () => {
  it('give every row reason and duplicate notice a zh-CN and an en text using every parameter', () => {
    expect(catalogueProblems(IMPORT_MESSAGES)).toEqual([]);
  });

  it('name a contact or a customer in both languages', () => {
    const catalogues = buildCatalogues([builtInMessages()]);
    const hidden = { key: 'import.duplicate.hidden', params: { noun: 'contact' } };
    expect(renderMessage(hidden, 'zh-CN', catalogues)).toBe('疑似已录入过该联系人；保存前请先询问上级');
    expect(renderMessage(hidden, 'en', catalogues)).toBe(
      'This looks like a contact that is already entered; ask your manager before saving',
    );
  });
});
