import { describePipelineReport } from '../suites/pipeline.suite.js';
import { openPgStorage, usePgStorage } from './pg-storage.js';

usePgStorage();
describePipelineReport(openPgStorage);
