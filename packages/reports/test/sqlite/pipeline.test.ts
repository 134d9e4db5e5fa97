import { sqliteStorage } from '@gongfu/storage-sqlite';
import { describePipelineReport } from '../suites/pipeline.suite.js';

describePipelineReport(() => sqliteStorage({ filename: ':memory:' }));
