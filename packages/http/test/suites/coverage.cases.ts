import { expect, it } from 'vitest';
import { resolveRoutes } from '../../src/index.js';
import { recordingCrm } from '../support/recording-crm.js';
import type { OpenApiWorld } from '../support/suite-storage.js';

/** A value for each path parameter that reaches the member (a real kind or channel where one is needed). */
const SAMPLE: Record<string, string> = { entityType: 'lead', channel: 'key_account', stage: 'bid' };

/** Every route answers over HTTP by calling its own member, and nothing answers 5xx. */
export function coverageCases(open: OpenApiWorld): void {
  it('each of the routes reaches its own member and answers without a server error', async () => {
    const calls: string[] = [];
    const w = await open({}, recordingCrm(calls));
    const routes = resolveRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(94);
    const misses: string[] = [];
    for (const route of routes) {
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE[name] ?? 'nope-1');
      calls.length = 0;
      const r = await w.call(route.spec.method.toUpperCase(), path, {
        as: w.org.admin.id,
        ...(route.spec.body ? { body: {} } : {}),
      });
      if (r.status >= 500 || r.body?.code === 'ROUTE_NOT_FOUND' || calls[0] !== route.operationId) {
        misses.push(`${route.operationId} ${route.spec.method} ${path}: ${r.status} ${calls.join(',')}`);
      }
    }
    expect(misses).toEqual([]);
  });
}
