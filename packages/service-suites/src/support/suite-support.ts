import { isCrmError } from '@gongfu/core';
import { expect } from 'vitest';
import { tenantSnapshot } from '../tenants/tenant-snapshot.js';
import { type FaultyStorage, InjectedFault } from './fault-injection.js';

/** The CrmError code a promise rejects with (fails the test when it resolves or throws something else). */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isCrmError(error)) throw new Error(`expected a CrmError, got ${String(error)}`);
  return error.code;
}

/**
 * Run `command` with its 1st, 2nd, … write failing until it finally succeeds, proving after each
 * failure that the tenant is exactly as before. Returns the number of writes the command needs.
 */
export async function failEveryWrite(
  faulty: FaultyStorage,
  tenantId: string,
  command: () => Promise<unknown>,
): Promise<number> {
  const before = await tenantSnapshot(faulty.storage, tenantId);
  for (let n = 1; n < 1000; n++) {
    faulty.failAt(n);
    const failure = await command().then(
      () => null,
      (e: unknown) => e ?? new Error('rejected'),
    );
    if (failure === null) {
      faulty.disarm();
      return n - 1;
    }
    expect(failure).toBeInstanceOf(InjectedFault);
    expect(await tenantSnapshot(faulty.storage, tenantId)).toEqual(before);
  }
  throw new Error('the command never succeeded');
}
