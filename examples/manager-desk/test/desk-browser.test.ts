import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk, type Desk } from '../src/desk.js';

/** Debian's chromium (CI installs it); the tests skip, saying why, where there is none. */
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => !!p && existsSync(p),
);
if (!CHROMIUM) {
  console.warn(
    'manager-desk browser tests skipped: no chromium binary (apt-get install chromium, or set CHROMIUM_PATH)',
  );
}

describe.skipIf(!CHROMIUM)('the manager desk in headless Chromium', () => {
  let desk: Desk;
  let server: ReturnType<typeof serve>;
  let base: string;
  let browser: import('playwright-core').Browser;
  let page: import('playwright-core').Page;

  beforeAll(async () => {
    desk = await createDesk();
    server = serve({ fetch: desk.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM!,
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
    });
    page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base);
    await page.getByTestId('pair').first().waitFor();
    expect(errors).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await desk?.close();
  });

  it('shows the morning review, the charts, a customer 360 and a week calendar', async () => {
    await expect(page.getByTestId('review').textContent()).resolves.toContain('销售员甲');
    await page.getByTestId('pipeline-chart').locator('rect').first().waitFor();
    expect(await page.getByTestId('funnel-chart').locator('rect').count()).toBe(5);
    await page.getByTestId('timeline-row').first().waitFor();
    // 恒通's story from crm.accounts.timeline: the call, two quotes, the deal, its stage moves, the visit.
    const kinds = await page
      .getByTestId('timeline-row')
      .evaluateAll((rows) => rows.map((r) => r.dataset.kind));
    expect(kinds[0]).toBe('stage_move');
    expect(kinds.at(-1)).toBe('lead');
    expect(kinds.filter((k) => k === 'quote')).toHaveLength(2);
    const story = (await page.getByTestId('customer').textContent()) ?? '';
    expect(story).toContain('needs_analysis → solution');
    expect(story).toContain('LS2208 × 200');
    expect(story).toContain('认可方案');
    await page.getByTestId('calendar-item').first().waitFor();
    expect(await page.getByTestId('calendar').textContent()).toContain('拜访恒通');
  });

  it("lists 甲's and 乙's deals as one tender, explained, and links them by a click", async () => {
    const pair = page.getByTestId('pair').first();
    const text = (await pair.textContent()) ?? '';
    expect(text).toContain('恒通 仓储扫描项目');
    expect(text).toContain('瑞达 仓储扫描项目');
    expect(text).toMatch(/可能性 \d+%/);
    const { dealA, dealB } = desk.cast;
    // The history panel shows 乙's deal; nothing says duplicate yet.
    await pair.locator(`[data-testid="show-history"][data-deal="${dealB.id}"]`).click();
    await expect.poll(() => page.getByTestId('history').textContent()).toContain(dealB.name);
    await page.getByTestId('history-row').first().waitFor();
    const before = await page.getByTestId('history-row').count();
    expect(await page.getByTestId('history').textContent()).not.toContain('duplicate of');

    // Keep 甲's deal, release 乙's: the manager's verdict from the source story.
    await pair.locator(`[data-testid="link"][data-keep="${dealA.id}"]`).click();

    await page.getByTestId('no-duplicates').waitFor();
    expect(await page.getByTestId('pair').count()).toBe(0);
    await expect.poll(() => page.getByTestId('history-row').count()).toBeGreaterThan(before);
    expect(await page.getByTestId('history').textContent()).toContain('重复于 duplicate of');
    // The service agrees with the page: 乙's deal is now a duplicate of 甲's.
    const released = await desk.crm.opportunities.get(desk.cast.li, desk.cast.dealB.id);
    expect(released.duplicateOfId).toBe(dealA.id);
  });
});
