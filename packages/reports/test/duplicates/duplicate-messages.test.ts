import { catalogueProblems } from '@gongfu/core';
import { describe, expect, it } from 'vitest';
import { DUPLICATE_DEAL_MESSAGES, PROVINCE_MESSAGES } from '../../src/index.js';

describe('duplicate explanation catalogues', () => {
  it('give every clause, product and province a zh-CN and an en text using every parameter', () => {
    expect(catalogueProblems(DUPLICATE_DEAL_MESSAGES)).toEqual([]);
    expect(catalogueProblems(PROVINCE_MESSAGES)).toEqual([]);
    expect(Object.keys(PROVINCE_MESSAGES)).toContain('duplicate.province.37');
  });
});
