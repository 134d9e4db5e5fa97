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
});
