import type { StorageFactory } from '@gongfu/service-suites';
import { describe } from 'vitest';
import { useApiWorlds } from '../support/suite-storage.js';
import { collectionCases } from './collections.cases.js';
import { coverageCases } from './coverage.cases.js';
import { errorCases } from './errors.cases.js';
import { headerCases } from './headers.cases.js';
import { recordCases } from './records.cases.js';

/**
 * The service over real HTTP on one storage engine: a node-server on an ephemeral port per test,
 * called with `fetch`, each test in its own tenant.
 */
export function describeHttpApi(factory: StorageFactory): void {
  describe('http api', () => {
    const open = useApiWorlds(factory);
    describe('records, versions and moves', () => recordCases(() => open()));
    describe('errors as problems', () => errorCases(() => open()));
    describe('collections', () => collectionCases(() => open()));
    describe('headers', () => headerCases(open));
    describe('every route', () => coverageCases(open));
  });
}
