import { describeChangeFeed } from '@gongfu/service-suites';
import { openServiceStorage, usePgTarget } from '../support/pg-target.js';

usePgTarget();
describeChangeFeed(openServiceStorage);
