import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DealClasses, sameCustomer, sameEndCustomer, sameLines } from '../../src/duplicates/deal-classes.js';
import { DealPreparer, type PreparedDeal } from '../../src/duplicates/prepared-deal.js';
import { dealFields, toRecord } from './deal-arbitraries.js';

/** The string keys the scan's memos used before `DealClasses`: equal keys, one class. */
const keyed = {
  lines: (p: PreparedDeal) =>
    p.items.map((l) => `${l.sku}\u0001${l.quantity}\u0001${l.category ?? ''}\u0002`).join(''),
  customer: (p: PreparedDeal) =>
    `${p.record.accountId}\u0001${p.record.accountName}\u0001${p.record.accountKeys.join('\u0001')}`,
  endCustomer: (p: PreparedDeal) => JSON.stringify([p.tender, p.endCustomer, p.endCustomerAccountId]),
};

describe("the scan memos' classes of deals (deal-classes.ts)", () => {
  it('puts two values in one class exactly when they are equal, numbered by first appearance, counted', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 200 }),
        fc.integer({ min: 1, max: 5 }),
        (values, spread) => {
          // Numbers shared by unequal values (value % spread): classes under one number told apart.
          const classes = new DealClasses((a, b) => values[a] === values[b]);
          const classOf = values.map((v, i) => classes.of(i, v % spread));
          const firstSeen = [...new Set(values)];
          values.forEach((v, i) => {
            expect(classOf[i]).toBe(firstSeen.indexOf(v));
          });
          expect(classes.counts).toEqual(firstSeen.map((v) => values.filter((w) => w === v).length));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('tells deals alike exactly when the string keys the memos used were equal', () => {
    fc.assert(
      fc.property(fc.array(dealFields, { minLength: 2, maxLength: 40 }), (fields) => {
        const preparer = new DealPreparer();
        // Each deal twice: every deal has at least one alike.
        const deals = [...fields, ...fields].map((f, i) => preparer.prepare(toRecord(f, i)));
        for (const a of deals)
          for (const b of deals) {
            expect(sameLines(a, b)).toBe(keyed.lines(a) === keyed.lines(b));
            expect(sameCustomer(a, b)).toBe(keyed.customer(a) === keyed.customer(b));
            expect(sameEndCustomer(a, b)).toBe(keyed.endCustomer(a) === keyed.endCustomer(b));
          }
      }),
      { numRuns: 60 },
    );
  });
});
