import { sqliteStorage } from '@gongfu/storage-sqlite';
import { describeHttpApi } from '../suites/http-api.suite.js';

describeHttpApi(() => sqliteStorage({ filename: ':memory:' }));
