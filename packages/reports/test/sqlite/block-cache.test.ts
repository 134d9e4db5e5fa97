import { sqliteStorage } from '@gongfu/storage-sqlite';
import { describeBlockCache } from '../suites/block-cache.suite.js';

describeBlockCache(() => sqliteStorage({ filename: ':memory:' }));
