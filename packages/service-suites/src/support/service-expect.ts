import type { StorageTx } from '@gongfu/core';
import { type CrmErrorCode, isCrmError } from '@gongfu/core';
import { expect } from 'vitest';
import type { ServiceWorld } from './harness.js';

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejectionOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to be refused, but it succeeded');
}

/** Expect a refusal with this SDK error code; returns the error for further checks. */
export async function expectCode(
  p: Promise<unknown>,
  code: CrmErrorCode,
): Promise<Error & Record<string, unknown>> {
  const error = await rejectionOf(p);
  expect(isCrmError(error) ? error.code : error).toBe(code);
  return error as Error & Record<string, unknown>;
}

/** Expect a ValidationError whose issues name `field`. */
export async function expectInvalidField(p: Promise<unknown>, field: string): Promise<void> {
  const error = await expectCode(p, 'VALIDATION');
  expect((error.issues as { field: string }[]).map((i) => i.field)).toContain(field);
}

/** Reads that bypass the service (what was really stored): reminders and history. */
export function peek(w: ServiceWorld) {
  const read = <T>(fn: (tx: StorageTx) => Promise<T>) => w.storage.read({ tenantId: w.crm.tenantId }, fn);
  return {
    reminders: (subjectType: 'lead' | 'activity' | 'order', id: string) =>
      read((tx) => tx.reminders.forSubject(subjectType, id)),
    history: (entityType: 'activity' | 'cost' | 'lead', id: string) =>
      read((tx) => tx.history.forEntity(entityType, id)),
  };
}
