import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Decision,
  decideOrder,
  isOrderOpen,
  isOrderTerminal,
  ORDER_STATUSES,
  type OrderEvent,
  type OrderFacts,
  type OrderStatus,
} from '../../src/index.js';
import { isBlank, orderEventArb, orderFactsArb, run, stepsArb } from './arbitraries.js';

const facts = (shippedQuantity: number, totalQuantity = 10, lineCount = 2): OrderFacts => ({
  lineCount,
  shippedQuantity,
  totalQuantity,
});

/** The rules every single decision must respect, whatever led up to it. */
function expectLegal(decision: Decision<OrderStatus>, f: OrderFacts, event: OrderEvent): void {
  if (!decision.ok) {
    expect(isBlank(decision.reason)).toBe(false);
    return;
  }
  expect(ORDER_STATUSES).toContain(decision.to);
  expect(isOrderTerminal(decision.from)).toBe(false);
  if (decision.to === 'cancelled') {
    expect(['draft', 'confirmed', 'partially_shipped', 'shipped']).toContain(decision.from);
    expect(isBlank((event as { reason: string }).reason)).toBe(false);
  }
  if (decision.to === 'confirmed') expect(f.lineCount).toBeGreaterThanOrEqual(1);
  if (decision.to === 'partially_shipped') {
    expect(f.shippedQuantity).toBeGreaterThan(0);
    expect(f.shippedQuantity).toBeLessThan(f.totalQuantity);
  }
  if (decision.to === 'shipped' || decision.to === 'delivered') {
    expect(f.totalQuantity).toBeGreaterThan(0);
    expect(f.shippedQuantity).toBe(f.totalQuantity);
  }
}

describe('order lifecycle properties', () => {
  it('never reaches an illegal status from any run of events, and never cancels after delivery', () => {
    fc.assert(
      fc.property(stepsArb(orderFactsArb, orderEventArb), (steps) => {
        let delivered = false;
        for (const { decision, facts: f, event } of run<OrderStatus, OrderFacts, OrderEvent>(
          'draft',
          steps,
          decideOrder,
        ).visits) {
          expectLegal(decision, f, event);
          if (decision.ok && decision.to === 'delivered') delivered = true;
          if (delivered && decision.ok) expect(decision.to).not.toBe('cancelled');
        }
      }),
    );
  });

  it('decides legally from every status with any facts', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ORDER_STATUSES), orderFactsArb, orderEventArb, (status, f, event) => {
        expectLegal(decideOrder(status, f, event), f, event);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps closed and cancelled orders frozen', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<OrderStatus>('closed', 'cancelled'),
        stepsArb(orderFactsArb, orderEventArb),
        (s, steps) => {
          const { final, visits } = run<OrderStatus, OrderFacts, OrderEvent>(s, steps, decideOrder);
          expect(final).toBe(s);
          expect(visits.every((v) => !v.decision.ok)).toBe(true);
        },
      ),
    );
  });
});

describe('order examples', () => {
  it('ships partially, then fully, then delivers and closes', () => {
    expect(decideOrder('confirmed', facts(4), { type: 'SHIP' })).toMatchObject({
      ok: true,
      to: 'partially_shipped',
    });
    expect(decideOrder('partially_shipped', facts(7), { type: 'SHIP' })).toMatchObject({
      ok: true,
      to: 'partially_shipped',
    });
    expect(decideOrder('partially_shipped', facts(10), { type: 'SHIP' })).toMatchObject({
      ok: true,
      to: 'shipped',
    });
    expect(decideOrder('confirmed', facts(10), { type: 'SHIP' })).toMatchObject({ ok: true, to: 'shipped' });
    expect(decideOrder('shipped', facts(10), { type: 'DELIVER' })).toMatchObject({
      ok: true,
      to: 'delivered',
    });
    expect(decideOrder('delivered', facts(10), { type: 'CLOSE' })).toEqual({
      ok: true,
      from: 'delivered',
      to: 'closed',
      effects: [{ type: 'frozen' }],
    });
    expect(
      decideOrder('shipped', facts(10), { type: 'CANCEL', reason: 'customer refused the goods' }),
    ).toEqual({
      ok: true,
      from: 'shipped',
      to: 'cancelled',
      effects: [{ type: 'cancelled', reason: 'customer refused the goods' }, { type: 'frozen' }],
    });
  });

  it.each<[OrderStatus, OrderFacts, OrderEvent, string]>([
    ['draft', facts(0, 0, 0), { type: 'CONFIRM' }, 'the order has no lines; add at least one first'],
    ['confirmed', facts(0, 0), { type: 'SHIP' }, 'the order has nothing to ship'],
    ['confirmed', facts(11), { type: 'SHIP' }, 'more would be shipped than the order holds'],
    ['confirmed', facts(0), { type: 'SHIP' }, 'nothing has been shipped; record a shipment with a quantity'],
    ['shipped', facts(9), { type: 'DELIVER' }, 'not everything on the order has shipped yet'],
    ['draft', facts(0), { type: 'CANCEL', reason: '' }, 'needs a reason why the order is cancelled'],
    [
      'delivered',
      facts(10),
      { type: 'CANCEL', reason: 'broken' },
      'the order was delivered; open a service case or a return instead',
    ],
    ['closed', facts(10), { type: 'CANCEL', reason: 'late' }, 'the order is closed'],
    ['cancelled', facts(0), { type: 'CONFIRM' }, 'the order was cancelled'],
    ['confirmed', facts(0), { type: 'CONFIRM' }, 'the order is already confirmed'],
    ['draft', facts(5), { type: 'SHIP' }, 'the order must be confirmed first'],
    ['shipped', facts(10), { type: 'SHIP' }, 'everything on the order has already shipped'],
    ['confirmed', facts(0), { type: 'DELIVER' }, 'nothing on the order has shipped yet'],
    [
      'partially_shipped',
      facts(10),
      { type: 'DELIVER' },
      'only part of the order has shipped; ship the rest first',
    ],
    ['delivered', facts(10), { type: 'DELIVER' }, 'the order was already delivered'],
    ['shipped', facts(10), { type: 'CLOSE' }, 'the order can only be closed after it is delivered'],
    ['lost' as OrderStatus, facts(10), { type: 'CLOSE' }, '"lost" is not an order status'],
  ])('refuses %s --%j--> with its reason', (from, f, event, reason) => {
    expect(decideOrder(from, f, event)).toMatchObject({ ok: false, from, event: event.type, reason });
  });

  it('classifies statuses', () => {
    expect(ORDER_STATUSES.filter(isOrderTerminal)).toEqual(['closed', 'cancelled']);
    expect(ORDER_STATUSES.filter(isOrderOpen)).not.toContain('closed');
  });
});
