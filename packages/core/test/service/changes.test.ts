import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffRecords } from '../../src/service/changes.js';

describe('diffRecords', () => {
  it('lists changed top-level fields with before and after, ignoring version and updatedAt', () => {
    const before = { id: 'l1', version: 1, updatedAt: 'a', status: 'new', company: 'X' };
    const after = { id: 'l1', version: 2, updatedAt: 'b', status: 'working', company: 'X' };
    expect(diffRecords(before, after)).toEqual({ status: { from: 'new', to: 'working' } });
  });

  it('treats nested objects with the same content but another key order as unchanged', () => {
    const before = { contact: { name: '王工', phone: '0531' } };
    const reordered = { contact: { phone: '0531', name: '王工' } };
    expect(diffRecords(before, reordered)).toEqual({});
    expect(diffRecords(before, { contact: { phone: '0532', name: '王工' } })).toEqual({
      contact: { from: before.contact, to: { phone: '0532', name: '王工' } },
    });
  });

  it('on creation every field is a change from null', () => {
    expect(diffRecords(null, { id: 'x', amount: 0 })).toEqual({
      id: { from: null, to: 'x' },
      amount: { from: null, to: 0 },
    });
  });

  it("visits before's keys, then after's new ones, in that order, whatever order after has them in", () => {
    // The order the changes come out in is the order history shows them: a Set of both key lists.
    const key = fc.constantFrom('id', 'stage', 'amount', 'note', 'version', 'updatedAt', 'custom', 'b');
    const record = fc.dictionary(key, fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constant(null)));
    fc.assert(
      fc.property(record, record, fc.boolean(), (generated, after, hidden) => {
        const before: Record<string, unknown> = { ...generated };
        // A non-enumerable own key of before is not one of its keys: after's key is visited as new.
        if (hidden) Object.defineProperty(before, 'note', { value: 1, enumerable: false });
        const changed = Object.keys(diffRecords(before, after));
        const order = [...new Set([...Object.keys(before), ...Object.keys(after)])];
        expect(changed).toEqual(order.filter((k) => changed.includes(k)));
        for (const k of order) {
          const from = (Object.hasOwn(before, k) ? before[k] : null) ?? null;
          const to = after[k] ?? null;
          const noise = k === 'version' || k === 'updatedAt';
          expect(changed.includes(k)).toBe(!noise && from !== to);
        }
      }),
    );
  });
});
