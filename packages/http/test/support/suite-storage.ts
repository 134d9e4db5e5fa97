import type { Crm, CrmStorage } from '@gongfu/core';
import type { StorageFactory } from '@gongfu/service-suites';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { CrmApiOptions } from '../../src/index.js';
import { type ApiWorld, openApiWorld } from './api-server.js';

/**
 * One storage for a describe block, and a fresh tenant + server per call of the returned opener;
 * every server opened by a test is closed after it. Tests share the storage, never their rows.
 */
export type OpenApiWorld = (options?: Partial<CrmApiOptions>, wrap?: (crm: Crm) => Crm) => Promise<ApiWorld>;

export function useApiWorlds(factory: StorageFactory): OpenApiWorld {
  let storage: CrmStorage | undefined;
  const open: ApiWorld[] = [];
  beforeAll(async () => {
    storage = await factory();
  });
  afterEach(async () => {
    for (const w of open.splice(0)) await w.close();
  });
  afterAll(async () => {
    await storage?.close();
  });
  return async (options = {}, wrap) => {
    if (!storage) throw new Error('storage not opened');
    const world = await openApiWorld(storage, options, wrap);
    open.push(world);
    return world;
  };
}
