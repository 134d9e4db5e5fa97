import type { FuzzStorageModule } from '@gongfu/service-suites';
import { sqliteStorage } from '../../src/index.js';

/** The fuzz child's storage (loaded in the child process, see fuzz-child.ts): SQLite in memory. */
export const openFuzzStorage: FuzzStorageModule['openFuzzStorage'] = () =>
  sqliteStorage({ filename: ':memory:' });
