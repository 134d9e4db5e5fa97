import type { StorageTx } from '@gongfu/core';
import { it } from 'vitest';
import { newTenant } from './fixtures.js';
import type { ConformanceHarness, SuiteState } from './harness.js';

const registered = new Set<string>();

/**
 * Registers one conformance test under a stable id (`area.name`). The id is what a harness names in
 * `skip` to declare a real engine gap; the skipped test's title carries the reason.
 */
export function conformanceIt(state: SuiteState, id: string, title: string, fn: () => Promise<void>): void {
  registered.add(id);
  const reason = state.harness.skip?.[id];
  const label = reason === undefined ? `${id}: ${title}` : `${id}: ${title} [skipped: ${reason}]`;
  it.skipIf(reason !== undefined)(label, fn);
}

/** Throws when the harness names a test id the suite does not have (a typo would skip nothing). */
export function assertKnownSkips(harness: ConformanceHarness): void {
  const unknown = Object.keys(harness.skip ?? {}).filter((id) => !registered.has(id));
  if (unknown.length > 0) {
    throw new Error(`${harness.name}: skip names unknown conformance tests: ${unknown.join(', ')}`);
  }
}

/** Creates a fresh tenant with a random id and returns its id. */
export async function freshTenant(state: SuiteState): Promise<string> {
  const tenant = newTenant();
  await state.ctx.storage.tenants.create(tenant);
  return tenant.id;
}

/** Runs `fn` in a write transaction bound to `tenantId`. */
export function inTx<T>(state: SuiteState, tenantId: string, fn: (tx: StorageTx) => Promise<T>): Promise<T> {
  return state.ctx.storage.transaction({ tenantId }, fn);
}

/** Raw rows of one table for one tenant, optionally narrowed further. */
export function rawRows(
  state: SuiteState,
  table: string,
  tenantId: string,
  where: Record<string, unknown> = {},
): Promise<Record<string, unknown>[]> {
  return state.ctx.raw.rows(table, { tenant_id: tenantId, ...where });
}

/** Awaits `promise` and returns what it rejected with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the operation to be rejected, but it resolved');
}
