import {
  ConcurrencyError,
  ConflictError,
  type CrmError,
  ERROR_CODES,
  InvalidTransitionError,
  message,
  NotFoundError,
  PermissionDeniedError,
  StorageError,
  ValidationError,
} from '@gongfu/core';
import { describe, expect, it } from 'vitest';
import { problemOf } from '../../src/errors/problem.js';

const ctx = { versionFromIfMatch: false, instance: '/leads/l1', locale: undefined };

/** One error of every code, so a code added to core without a case here fails the coverage check. */
const SAMPLES: Record<keyof typeof ERROR_CODES, { error: CrmError; status: number }> = {
  VALIDATION: { error: new ValidationError([{ field: 'contact.name', message: 'required' }]), status: 422 },
  NOT_FOUND: { error: new NotFoundError('lead', 'l1'), status: 404 },
  PERMISSION_DENIED: { error: new PermissionDeniedError('create users', 'only managers'), status: 403 },
  INVALID_TRANSITION: {
    error: new InvalidTransitionError(
      'needs_analysis',
      'ADVANCE',
      message('opportunity.gate.presales', { n: 1 }),
    ),
    status: 409,
  },
  CONCURRENCY: { error: new ConcurrencyError('lead', 'l1', 1, 2), status: 409 },
  CONFLICT: { error: new ConflictError('user', 'email taken'), status: 409 },
  STORAGE: {
    error: new StorageError('SQLITE_CORRUPT at /var/lib/gongfu/sales.db: table leads', {
      cause: new Error('disk I/O error on /var/lib/gongfu/sales.db'),
    }),
    status: 500,
  },
};

describe('typed errors as problems', () => {
  it('has a status for every error code, and the code travels as `code`', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(ERROR_CODES).sort());
    for (const [code, { error, status }] of Object.entries(SAMPLES)) {
      const p = problemOf(error, ctx);
      expect(p).toMatchObject({ status, code, instance: '/leads/l1' });
      expect(p.type).toMatch(/^https:\/\/gongfu\.dev\/problems\/[a-z-]+$/);
    }
  });

  it('validation names every field; a refused move carries its reason and message key', () => {
    expect(problemOf(SAMPLES.VALIDATION.error, ctx).errors).toEqual([
      { field: 'contact.name', message: 'required' },
    ]);
    expect(problemOf(SAMPLES.INVALID_TRANSITION.error, ctx)).toMatchObject({
      from: 'needs_analysis',
      event: 'ADVANCE',
      reasonKey: 'opportunity.gate.presales',
      reasonParams: { n: 1 },
    });
    const plain = problemOf(new InvalidTransitionError('new', 'CONVERT', 'work the lead first'), ctx);
    expect(plain.reason).toBe('work the lead first');
    expect(plain).not.toHaveProperty('reasonKey');
  });

  it('a version conflict is 409 with expected/actual, or 412 when the version came from If-Match', () => {
    expect(problemOf(SAMPLES.CONCURRENCY.error, ctx)).toMatchObject({ status: 409, expected: 1, actual: 2 });
    expect(problemOf(SAMPLES.CONCURRENCY.error, { ...ctx, versionFromIfMatch: true })).toMatchObject({
      status: 412,
      expected: 1,
      actual: 2,
    });
  });

  it('a storage failure says nothing about the internals', () => {
    const p = problemOf(SAMPLES.STORAGE.error, ctx);
    expect(JSON.stringify(p)).not.toMatch(/sqlite|sales\.db|table|disk/i);
    expect(p).not.toHaveProperty('detail');
  });
});
