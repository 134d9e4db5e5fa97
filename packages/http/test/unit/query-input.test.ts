import { leadListQuery, opportunityListQuery, parseInput, resolutionsQuery } from '@gongfu/core';
import { describe, expect, it } from 'vitest';
import { queryInput } from '../../src/http/query-input.js';

const q = (s: string) => new URLSearchParams(s);

describe('query strings as command input', () => {
  it('types numbers, booleans and repeated keys from the schema, and the command accepts them', () => {
    const input = queryInput(q('limit=20&status=new&status=working&ownerId=u1&text=恒通'), leadListQuery);
    expect(input).toEqual({ limit: 20, status: ['new', 'working'], ownerId: 'u1', text: '恒通' });
    expect(parseInput(leadListQuery, input)).toMatchObject({
      limit: 20,
      status: ['new', 'working'],
      ownerId: ['u1'],
    });
    expect(queryInput(q('open=false&accountId=a1'), opportunityListQuery)).toEqual({
      open: false,
      accountId: 'a1',
    });
    expect(queryInput(q('kind=account&kind=contact&limit=5'), resolutionsQuery)).toEqual({
      kind: ['account', 'contact'],
      limit: 5,
    });
  });

  it('leaves what does not fit as text, so validation names the field', () => {
    expect(queryInput(q('limit=ten&open=yes'), opportunityListQuery)).toEqual({ limit: 'ten', open: 'yes' });
    // A text filter that looks like a number stays text.
    expect(queryInput(q('text=0531'), leadListQuery)).toEqual({ text: '0531' });
  });
});
