import { renderBuiltIn } from '@gongfu/core';
import { describe, expect, it } from 'vitest';
import { sayDuplicate } from '../../src/duplicates/duplicate-messages.js';

/** A busy customer counted against a pair follows the explanation's "but": it must not say "but" again. */
describe('a busy customer as evidence against a pair', () => {
  const busy = sayDuplicate('duplicate.customer.same_account_busy', {
    a: '华信科技',
    others: 299,
    deals: 300,
  });
  const sentence = sayDuplicate('duplicate.explanation.both', {
    pro: sayDuplicate('duplicate.customer.same_account', { a: '华信科技' }),
    contra: busy,
  });

  it('says the conjunction once in zh-CN', () => {
    const text = renderBuiltIn(sentence, 'zh-CN');
    expect(text).toContain('另有 299 笔');
    expect(text.match(/但/g)).toHaveLength(1);
  });

  it('says the conjunction once in en', () => {
    const text = renderBuiltIn(sentence, 'en');
    expect(text).toContain('299 other open deals of 300');
    expect(text.match(/\bbut\b/g)).toHaveLength(1);
  });
});
