import { describeTenantIsolation } from '@gongfu/service-suites';
import { openServiceStorage, usePgTarget } from '../support/pg-target.js';

usePgTarget();
describeTenantIsolation(openServiceStorage);
