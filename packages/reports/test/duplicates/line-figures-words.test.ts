import { renderBuiltIn } from '@gongfu/core';
import { DealDuplicateEngine } from '@gongfu/reports';
import { describe, expect, it } from 'vitest';
import { storyDeal, storyTwin } from './story-deals.js';

/**
 * In a tenant where no other deal holds the lines two deals share, the figures a line was read with
 * say nothing ("of the 0 other deals…", "the shared … is in 0 other deals, so it counts little"):
 * a manager reading the story pair must not be told them.
 */
describe('the line figures of a pair no other deal resembles', () => {
  const engine = new DealDuplicateEngine([storyDeal, storyTwin]);
  const basket = engine.score(storyDeal.id, storyTwin.id).signals.find((s) => s.name === 'basket');
  const message = basket?.message ?? { key: '', params: {} };

  it('names no figure of zero other deals, in zh-CN or en', () => {
    const zh = renderBuiltIn(message, 'zh-CN');
    const en = renderBuiltIn(message, 'en');
    expect(zh).toContain('200 台激光扫描器');
    expect(zh).not.toMatch(/另外 0 笔|另有 0 笔/);
    expect(en).not.toMatch(/\b0 other deals\b/);
  });
});
