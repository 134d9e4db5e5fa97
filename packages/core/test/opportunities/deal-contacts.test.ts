import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DealContact, withDealContact, withoutDealContact } from '../../src/index.js';

const ROLES = ['decision_maker', 'influencer', 'user', 'technical_evaluator', 'procurement'] as const;

/** A change to a deal's contacts: someone added (maybe as primary) or someone taken off. */
const step = fc.oneof(
  fc.record({
    add: fc.constantFrom('c1', 'c2', 'c3', 'c4'),
    role: fc.constantFrom(...ROLES),
    primary: fc.option(fc.boolean(), { nil: undefined }),
  }),
  fc.record({ remove: fc.constantFrom('c1', 'c2', 'c3', 'c4') }),
);

describe('deal contacts', () => {
  it('have exactly one primary whenever there are any, each person once, in any sequence of changes', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        let contacts: DealContact[] = [];
        for (const s of steps) {
          contacts =
            'add' in s
              ? withDealContact(contacts, { contactId: s.add, role: s.role, primary: s.primary })
              : withoutDealContact(contacts, s.remove);
          if ('add' in s) {
            const added = contacts.find((c) => c.contactId === s.add);
            expect(added?.role).toBe(s.role);
            if (s.primary === true) expect(added?.primary).toBe(true);
          }
          if ('remove' in s) expect(contacts.some((c) => c.contactId === s.remove)).toBe(false);
          expect(contacts.filter((c) => c.primary)).toHaveLength(contacts.length > 0 ? 1 : 0);
          expect(new Set(contacts.map((c) => c.contactId)).size).toBe(contacts.length);
        }
      }),
    );
  });

  it('hand the primary role to the earliest remaining contact when the primary one leaves', () => {
    const three = [
      { contactId: 'a', role: 'user', primary: false },
      { contactId: 'b', role: 'influencer', primary: true },
      { contactId: 'c', role: 'procurement', primary: false },
    ] satisfies DealContact[];
    expect(withoutDealContact(three, 'b').map((c) => [c.contactId, c.primary])).toEqual([
      ['a', true],
      ['c', false],
    ]);
    expect(withoutDealContact(three, 'c')).toEqual(three.slice(0, 2));
  });
});
