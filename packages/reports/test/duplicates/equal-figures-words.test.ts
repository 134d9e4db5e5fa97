/**
 * Equal figures are said as equal (newcomers' checks). Two deals of one amount in a tenant too small
 * for the fen to say anything are weighed at the "within 5 %" level: the words say the amounts are
 * the same, not "within 5 % (¥300,000 / ¥300,000)", which a manager read as if they differed. Two
 * accounts of one name are not "one customer under two spellings (德阳市中医院 / 德阳市中医院)".
 */
import { DealDuplicateEngine, type DealRecord, type SignalName } from '@gongfu/reports';
import { describe, expect, it } from 'vitest';
import { storyDeal, storyTwin } from './story-deals.js';

/** One signal of a two-deal tenant's only pair. */
const signalOf = (name: SignalName, x: DealRecord, y: DealRecord) =>
  new DealDuplicateEngine([x, y]).score(x.id, y.id).signals.find((s) => s.name === name);
const amountOf = (x: DealRecord, y: DealRecord) => signalOf('amount', x, y);

describe('equal amounts weighed at the 5 % level', () => {
  it('are said as the same amount, at the weight of the level', () => {
    const twin = { ...storyTwin, amountMinor: storyDeal.amountMinor };
    const amount = amountOf(storyDeal, twin);
    expect(amount?.level).toBe('same');
    expect(amount?.message.key).toBe('duplicate.amount.equal');
    expect(amount?.text).toBe('the same amount (¥362,000)');
    // The weight is the level's: only the words changed.
    const near = amountOf(storyDeal, { ...twin, amountMinor: storyDeal.amountMinor - 1_000 });
    expect(near?.level).toBe('same');
    expect(near?.message.key).toBe('duplicate.amount.same');
    expect(amount?.weight).toBe(near?.weight);
  });
});

describe('two accounts of one name', () => {
  it('are said as one customer entered twice under the same name, with the weight of the level', () => {
    const again: DealRecord = { ...storyDeal, id: 'again', accountId: 'acc-again', ownerId: 'repB' };
    const customer = signalOf('customer', storyDeal, again);
    expect(customer?.level).toBe('same_name');
    expect(customer?.message.key).toBe('duplicate.customer.same_name_twice');
    expect(customer?.text).toBe(
      'one customer entered as two accounts of the same name (山东恒通系统集成有限公司)',
    );
    expect(customer?.weight).toBeGreaterThan(0);
  });
});

describe('counts far apart', () => {
  it('name the product and both counts, not "about" the first', () => {
    const fewer: DealRecord = {
      ...storyTwin,
      lines: [{ sku: 'LS2208', category: 'laser_scanner', quantity: 50 }, ...storyDeal.lines.slice(1)],
    };
    const basket = signalOf('basket', storyDeal, fewer);
    expect(basket?.text).toContain('laser scanners (200 / 50)');
    expect(basket?.text).not.toContain('about 200 laser scanners');
    // Close counts stay "about": 200 against 190.
    const close: DealRecord = {
      ...fewer,
      lines: [{ sku: 'LS2208', category: 'laser_scanner', quantity: 190 }, ...storyDeal.lines.slice(1)],
    };
    const near = signalOf('basket', storyDeal, close);
    expect(near?.text).toContain('about 200 laser scanners (200 / 190)');
  });
});
