import { describeModelBasedService } from '@gongfu/service-suites';
import { openServiceStorage, usePgTarget } from '../support/pg-target.js';

usePgTarget();
describeModelBasedService(openServiceStorage);
