import { sqliteStorage } from '@gongfu/storage-sqlite';
import { describeImport } from '../suites/import.suite.js';

describeImport(() => sqliteStorage({ filename: ':memory:' }));
