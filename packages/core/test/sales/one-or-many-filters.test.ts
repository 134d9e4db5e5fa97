import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accountListQuery,
  activityListQuery,
  contactListQuery,
  costListQuery,
  demoLoanListQuery,
  parseInput,
} from '../../src/index.js';
import { searchVariants } from '../../src/sales/accounts/account-search.js';
import { toCostFilter } from '../../src/sales/costs/cost-filter.js';

const id = fc.stringMatching(/^[a-z][a-z0-9_-]{0,20}$/);
const ids = fc.array(id, { minLength: 1, maxLength: 5 });

/** Every id filter of the accounts, activities, demo-loan and cost lists, by query schema. */
const ID_FILTERS = [
  ['accounts', accountListQuery, ['ownerId']],
  ['contacts', contactListQuery, ['accountId']],
  ['activities', activityListQuery, ['ownerId', 'leadId', 'opportunityId', 'accountId']],
  ['demo loans', demoLoanListQuery, ['ownerId', 'accountId']],
  ['costs', costListQuery, ['opportunityId', 'accountId', 'leadId', 'incurredBy']],
] as const;

describe('list filters take one value or several, the same shape everywhere', () => {
  for (const [area, schema, fields] of ID_FILTERS) {
    it(`${area}: { f: x } means exactly { f: [x] }, and an array stays as given`, () => {
      fc.assert(
        fc.property(fc.constantFrom(...fields), id, ids, (field, one, many) => {
          const single = parseInput(schema, { [field]: one } as never) as Record<string, unknown>;
          const wrapped = parseInput(schema, { [field]: [one] } as never) as Record<string, unknown>;
          expect(single).toEqual(wrapped);
          expect(single[field]).toEqual([one]);
          const several = parseInput(schema, { [field]: many } as never) as Record<string, unknown>;
          expect(several[field]).toEqual(many);
        }),
      );
    });
  }

  it('activity status takes one status or several, and refuses one that does not exist', () => {
    expect(parseInput(activityListQuery, { status: 'scheduled' }).status).toEqual(['scheduled']);
    expect(parseInput(activityListQuery, { status: ['scheduled', 'completed'] }).status).toEqual([
      'scheduled',
      'completed',
    ]);
    expect(() => parseInput(activityListQuery, { status: 'planned' as never })).toThrow(/status/);
  });

  it('a cost filter hands every id given to the storage, for totals as for lists', () => {
    fc.assert(
      fc.property(ids, ids, (deals, people) => {
        const filter = toCostFilter(parseInput(costListQuery, { opportunityId: deals, incurredBy: people }));
        expect(filter).toEqual({ opportunityId: deals, incurredBy: people });
      }),
    );
  });
});

describe('searchVariants', () => {
  it('adds the digits alone to a query that looks like a phone number, and only then', () => {
    const digit = fc.constantFrom(...'0123456789');
    const separator = fc.constantFrom(' ', '-', '(', ')', '.', '/');
    const typedPhone = fc
      .array(fc.oneof(digit, digit, separator), { minLength: 6, maxLength: 20 })
      .map((chars) => chars.join(''))
      .filter((q) => q.replace(/\D/g, '').length >= 5);
    fc.assert(
      fc.property(typedPhone, (query) => {
        const digits = query.replace(/\D/g, '');
        expect(searchVariants(query)).toEqual(digits === query ? [query] : [query, digits]);
      }),
    );
    expect(searchVariants('青岛港务 0532')).toEqual(['青岛港务 0532']);
    expect(searchVariants('0532-8298 1234')).toEqual(['0532-8298 1234', '053282981234']);
  });
});
