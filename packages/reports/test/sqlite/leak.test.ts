import { sqliteStorage } from '@gongfu/storage-sqlite';
import { describeLeakSuite } from '../suites/leak.suite.js';

describeLeakSuite(() => sqliteStorage({ filename: ':memory:' }), 'SQLite');
