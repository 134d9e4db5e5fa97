import { describeHttpApi } from '../suites/http-api.suite.js';
import { openPgStorage, usePgStorage } from './pg-storage.js';

usePgStorage();
describeHttpApi(openPgStorage);
