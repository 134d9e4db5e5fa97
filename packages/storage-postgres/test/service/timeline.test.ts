import { describeAccountTimeline } from '@gongfu/service-suites';
import { openServiceStorage, usePgTarget } from '../support/pg-target.js';

usePgTarget();
describeAccountTimeline(openServiceStorage);
