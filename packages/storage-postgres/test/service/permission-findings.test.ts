import { describePermissionFindings } from '@gongfu/service-suites';
import { openServiceStorage, usePgTarget } from '../support/pg-target.js';

usePgTarget();
describePermissionFindings(openServiceStorage);
