import { describeEveryCommandFaults } from '@gongfu/service-suites';
import { openServiceStorage, usePgTarget } from '../support/pg-target.js';

usePgTarget();
describeEveryCommandFaults(openServiceStorage);
