import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCrm, ManualClock, sequentialIds } from '@gongfu/core';
import { sqliteStorage } from '@gongfu/storage-sqlite';
import stringWidth from 'string-width';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../src/labels.js';
import { printer } from '../src/print.js';
import { FOLLOW_UP_DAYS, runStory, type StoryFacts } from '../src/story.js';

/** Runs README command 1's story into a string, as the terminal would show it. */
async function tell(lang: Lang, verbose = false): Promise<{ out: string; facts: StoryFacts }> {
  const dir = mkdtempSync(join(tmpdir(), 'gongfu-story-'));
  const storage = await sqliteStorage({ filename: join(dir, 'sales.db') });
  const clock = new ManualClock('2026-03-02T01:00:00.000Z');
  const crm = createCrm({ storage, clock, ids: sequentialIds(), timeZone: 'Asia/Shanghai' }).with({
    locale: lang,
  });
  const lines: string[] = [];
  try {
    const facts = await runStory(
      crm,
      clock,
      printer({ lang, verbose }, (t) => lines.push(t)),
    );
    return { out: lines.join('\n'), facts };
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The block of output under a heading, up to the next heading. */
function section(out: string, headingPart: string): string {
  const blocks = out.split('\n== ');
  const block = blocks.find((b) => b.split('\n')[0]!.includes(headingPart));
  if (!block) throw new Error(`no heading with "${headingPart}"`);
  return block;
}

describe('the quickstart story (README command 1)', () => {
  let en: { out: string; facts: StoryFacts };
  let zh: { out: string; facts: StoryFacts };
  beforeAll(async () => {
    en = await tell('en');
    zh = await tell('zh-CN');
  });

  it('says when the follow-up falls due in numbers that agree: heading, due date and message', () => {
    const block = section(en.out, 'follow-up is due');
    expect(block.split('\n')[0]).toContain(`${FOLLOW_UP_DAYS} days after the last quote`);
    const row = block.split('\n').find((l) => l.includes('2026-03-02 14:00'));
    expect(row, block).toBeDefined();
    // Due exactly FOLLOW_UP_DAYS after the last quote, at the same hour.
    expect(row).toContain('2026-03-05 14:00');
    expect(row).toMatch(new RegExp(`\\b${FOLLOW_UP_DAYS}\\b`));
  });

  it('lists quotes oldest first, so the last row is the last quote', () => {
    const block = section(en.out, 'ledger');
    const at11 = block.indexOf('2026-03-02 11:00');
    const at14 = block.indexOf('2026-03-02 14:00');
    expect(at11).toBeGreaterThan(-1);
    expect(at14).toBeGreaterThan(at11);
    expect(block).toMatch(/Last quote for LS2208: CNY 980\.00/);
  });

  it('prices both deals of the tender, and names them shortly', () => {
    const block = section(en.out, 'Qualify and convert');
    const rows = block.split('\n').filter((l) => l.includes('仓储扫描项目'));
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).not.toContain('CNY 0.00');
      expect(row).toMatch(/CNY [1-9]/);
    }
    expect(block).not.toContain('200×');
  });

  it('links both integrators’ deals to one end customer and its tender', () => {
    const block = section(en.out, 'Qualify and convert');
    const rows = block.split('\n').filter((l) => l.includes('仓储扫描项目'));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toContain('山东物流集团 / SD-2026-0315');
  });

  it('shows the duplicate as a likelihood in words, bits only when verbose', async () => {
    const block = section(en.out, 'one deal');
    expect(block).not.toContain('bits');
    expect(block).toMatch(/one deal \(>?\d+%\)/);
    expect(en.facts.duplicate.probability).toBeGreaterThan(0.9);
    expect(block).toContain('"瑞达 仓储扫描项目" is closed as its duplicate');
    // One tender behind both integrators is the strongest reason, said in the reader's language.
    expect(en.facts.duplicate.explanation).toContain(
      'both bid for one tender (SD-2026-0315, end customer 山东物流集团',
    );
    expect(zh.facts.duplicate.explanation).toContain(
      '双方投的是同一个招标（SD-2026-0315，最终客户山东物流集团',
    );
    const verbose = await tell('en', true);
    expect(section(verbose.out, 'one deal')).toContain('score (bits)');
  });

  it('labels history fields for people, never with bookkeeping names', () => {
    const block = section(en.out, 'history');
    for (const field of ['tenantId', 'createdAt', 'ownerId', ' id,']) expect(block).not.toContain(field);
    expect(block).toContain('stage');
  });

  it('words every history event and field in the reader’s language, never an id', () => {
    // Ids are snake_case (`end_customer_linked`) or camelCase (`endCustomer`): neither may show.
    const idLike = /\b[a-z]+(_[a-z]+)+\b|\b[a-z]+[A-Z][A-Za-z]*\b/;
    for (const { out, words } of [
      { out: zh.out, words: ['关联最终用户', '添加联系人', '最终用户', '联系人'] },
      { out: en.out, words: ['end customer linked', 'contact added', 'end customer', 'contacts'] },
    ]) {
      const block = section(out, out === zh.out ? '历史' : 'history');
      expect(block).not.toMatch(idLike);
      for (const word of words) expect(block).toContain(word);
    }
  });

  it('shows each history change from what to what, in words', () => {
    const english = section(en.out, 'history');
    expect(english).toContain('stage solution → bid; probability 40% → 60%');
    expect(english).toContain('forecast best case → commit');
    expect(english).toContain('end customer 山东物流集团');
    const chinese = section(zh.out, '历史');
    expect(chinese).toContain('阶段 方案 → 投标; 赢率 40% → 60%');
    // A member joining reads as who joined, not the whole team twice.
    expect(chinese).toMatch(/团队 \+ 赵工/);
    // The merge changes no field of 甲's deal: the row says why it happened instead of nothing.
    expect(chinese).toContain('两家集成商在投同一个标');
  });

  it('names every cost category in words', () => {
    const review = section(en.out, 'morning review');
    expect(review).toContain('travel (济南往返)');
    expect(review).toContain('entertainment CNY 880.00');
    expect(review).toContain('bid fees (标书购买)');
    expect(review).not.toContain('bid_fees');
    expect(section(zh.out, '费用').length).toBeGreaterThan(0);
    expect(zh.out).toContain('招待');
  });

  it('introduces every deal of the pipeline and keeps the funnel numbers agreeing', () => {
    // 丙's switches and 丁's handhelds are the open pipeline, both introduced in their own chapter.
    const channels = section(en.out, 'Distribution and wireless');
    expect(channels).toContain('联华 门店交换机');
    expect(channels).toContain('顺丰济南 手持终端');
    const { funnel } = en.facts;
    expect(funnel.convertedLeads).toBe(funnel.opportunities + funnel.duplicates);
    expect(funnel.duplicates).toBe(1);
    const reports = section(en.out, 'funnel');
    expect(reports).toContain(
      `${funnel.convertedLeads} leads were converted; 1 of them turned out to be another's deal, so there are ${funnel.opportunities} opportunities.`,
    );
    expect(reports).toMatch(/│ currency │ won\s+│ lost/);
  });

  it('has a salesperson in every channel and an administrator', () => {
    const people = section(en.out, 'sales department');
    for (const word of ['administrator', 'key accounts', 'distribution', 'wireless'])
      expect(people).toContain(word);
  });

  it('speaks Chinese by default and English with --lang en', () => {
    expect(zh.out).toContain('南开戈德的销售部');
    expect(zh.out).toContain(`最后一次报价 ${FOLLOW_UP_DAYS} 天后`);
    expect(en.out).toContain('The sales department of 南开戈德');
    expect(en.out).not.toContain('最后一次报价');
  });

  it('pads every heading to the same 80 terminal columns, a Chinese character counting two', () => {
    for (const out of [zh.out, en.out]) {
      const headings = out.split('\n').filter((l) => l.startsWith('== '));
      expect(headings.length).toBeGreaterThan(10);
      for (const h of headings) expect(stringWidth(h), h).toBe(80);
    }
  });

  it("names visit, order and service statuses in the reader's language", () => {
    expect(section(zh.out, '拜访和结果')).toContain('拜访恒通, 售前讲解方案 (已完成)');
    const after = section(zh.out, '赢单, 下订单');
    expect(after).toContain('已交货');
    expect(after).toMatch(/LS\d+: 已解决/);
    expect(zh.out).not.toMatch(/\((completed|scheduled)\)|│ delivered │/);
    expect(section(en.out, 'Visits with outcomes')).toContain('(completed)');
    expect(section(en.out, 'The deal is won')).toMatch(/│ delivered │[\s\S]*: resolved/);
  });
});
