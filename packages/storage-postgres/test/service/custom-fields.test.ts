import { describeCustomFields } from '@gongfu/service-suites';
import { openServiceStorage, usePgTarget } from '../support/pg-target.js';

usePgTarget();
describeCustomFields(openServiceStorage);
