import { createCrm } from '@gongfu/core';
import { sqliteStorage } from '@gongfu/storage-sqlite';
import { describe, expect, it } from 'vitest';
import { resolveRoutes } from '../../src/index.js';
import { crmMembers } from '../support/recording-crm.js';

describe('the route table', () => {
  it('has a route for every member of every area of a real service, and no route for anything else', async () => {
    const crm = createCrm({ storage: await sqliteStorage({ filename: ':memory:' }) });
    const members = crmMembers(crm).sort();
    expect(members.length).toBeGreaterThanOrEqual(94);
    const routed = resolveRoutes()
      .map((r) => r.operationId)
      .sort();
    expect(routed).toEqual(members);
    await crm.storage.close();
  });

  it('gives every route its own method and path', () => {
    const keys = resolveRoutes().map((r) => `${r.spec.method} ${r.path.replace(/\{\w+\}/g, '{}')}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('serves a literal path before a parameter that could swallow it', () => {
    const paths = resolveRoutes().map((r) => r.path);
    expect(paths.indexOf('/leads/last-quote')).toBeLessThan(paths.indexOf('/leads/{id}'));
    expect(paths.indexOf('/accounts/search')).toBeLessThan(paths.indexOf('/accounts/{id}'));
  });
});
