import { sqliteStorage } from '@gongfu/storage-sqlite';
import { describeCostRollups } from '../suites/cost-rollup.suite.js';

describeCostRollups(() => sqliteStorage({ filename: ':memory:' }));
