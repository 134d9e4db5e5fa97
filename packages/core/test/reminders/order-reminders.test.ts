import { describe, expect, it } from 'vitest';
import { remindersForOrder } from '../../src/index.js';
import { config, HENGTONG, order } from './fixtures.js';

const delivered = (deliveredAt: string, over: Parameters<typeof order>[0] = {}) =>
  order({ status: 'delivered', deliveredAt, ...over });

describe('order_delivery_approaching', () => {
  it('is due at 09:00 Shanghai seven days before the promised delivery', () => {
    expect(remindersForOrder(order(), config())).toMatchObject([
      {
        key: 'order_delivery_approaching:order_9',
        kind: 'order_delivery_approaching',
        subjectType: 'order',
        subjectId: 'order_9',
        userId: 'user_jia',
        dueAt: '2026-06-23T01:00:00.000Z',
        escalateAt: '2026-06-25T01:00:00.000Z',
        message: `Delivery to ${HENGTONG} is promised for 2026-06-30 — check it is on track`,
      },
    ]);
  });

  it('yields nothing without a promised date, or once delivered, closed or cancelled', () => {
    expect(remindersForOrder(order({ promisedDelivery: null }), config())).toEqual([]);
    expect(remindersForOrder(order({ channel: 'distribution', status: 'delivered' }), config())).toEqual([]);
    expect(remindersForOrder(order({ status: 'closed' }), config())).toEqual([]);
    expect(remindersForOrder(order({ status: 'cancelled' }), config())).toEqual([]);
  });
});

describe('after_sales_visit', () => {
  it('is due three months after delivery, at 09:00 Shanghai, for a key account', () => {
    // delivered 2026-01-10 10:00 Shanghai
    expect(remindersForOrder(delivered('2026-01-10T02:00:00.000Z'), config())).toMatchObject([
      {
        key: 'after_sales_visit:order_9',
        kind: 'after_sales_visit',
        subjectType: 'order',
        subjectId: 'order_9',
        userId: 'user_jia',
        dueAt: '2026-04-10T01:00:00.000Z',
        escalateAt: '2026-04-12T01:00:00.000Z',
        message: `After-sales visit due for ${HENGTONG} — delivered on 2026-01-10`,
      },
    ]);
  });

  it('counts from the later of delivery and the last service visit', () => {
    const facts = delivered('2026-01-10T02:00:00.000Z', { lastServiceVisitAt: '2026-04-20T07:00:00.000Z' });
    const [r] = remindersForOrder(facts, config());
    expect(r?.dueAt).toBe('2026-07-20T01:00:00.000Z');
    expect(r?.message).toBe(`After-sales visit due for ${HENGTONG} — last visited on 2026-04-20`);
  });

  it('clamps Jan 31 + 1 month to the end of February, and to 29 February in the leap year 2028', () => {
    const monthly = config({ defaults: { afterSalesVisitMonths: 1 } });
    expect(remindersForOrder(delivered('2026-01-31T02:00:00.000Z'), monthly)[0]?.dueAt).toBe(
      '2026-02-28T01:00:00.000Z',
    );
    expect(remindersForOrder(delivered('2028-01-31T02:00:00.000Z'), monthly)[0]?.dueAt).toBe(
      '2028-02-29T01:00:00.000Z',
    );
    // Nov 30 + 3 months → 28 Feb 2027 (not a leap year), with the default three months
    expect(remindersForOrder(delivered('2026-11-30T02:00:00.000Z'), config())[0]?.dueAt).toBe(
      '2027-02-28T01:00:00.000Z',
    );
  });

  it('counts months from the local date: 00:30 Shanghai on 1 March is still 28 February in UTC', () => {
    const monthly = config({ defaults: { afterSalesVisitMonths: 1 } });
    const [r] = remindersForOrder(delivered('2026-02-28T16:30:00.000Z'), monthly);
    expect(r?.dueAt).toBe('2026-04-01T01:00:00.000Z');
  });

  it('applies only in channels where it is enabled', () => {
    expect(
      remindersForOrder(delivered('2026-01-10T02:00:00.000Z', { channel: 'distribution' }), config()),
    ).toEqual([]);
    const enabled = config({ channels: { distribution: { afterSalesVisitEnabled: true } } });
    const facts = delivered('2026-01-10T02:00:00.000Z', { channel: 'distribution' });
    expect(remindersForOrder(facts, enabled).map((r) => r.kind)).toEqual(['after_sales_visit']);
    const disabled = config({ channels: { key_account: { afterSalesVisitEnabled: false } } });
    expect(remindersForOrder(delivered('2026-01-10T02:00:00.000Z'), disabled)).toEqual([]);
  });

  it('yields nothing for a closed order, even one delivered', () => {
    expect(remindersForOrder(delivered('2026-01-10T02:00:00.000Z', { status: 'closed' }), config())).toEqual(
      [],
    );
  });
});
