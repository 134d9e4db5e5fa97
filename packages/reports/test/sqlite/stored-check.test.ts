import { sqliteStorage } from '@gongfu/storage-sqlite';
import { describeStoredCheck } from '../suites/stored-check.suite.js';

describeStoredCheck(() => sqliteStorage({ filename: ':memory:' }));
