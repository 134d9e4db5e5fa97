import { sqliteStorage } from '@gongfu/storage-sqlite';
import { describeProbe } from './probe.suite.js';

describeProbe('SQLite', () => sqliteStorage({ filename: ':memory:' }));
