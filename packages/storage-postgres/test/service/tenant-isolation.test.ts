import { describeTenantIsolation } from '@gongfu/core/testing';
import { openServiceStorage, usePgTarget } from '../support/pg-target.js';

usePgTarget();
describeTenantIsolation(openServiceStorage);
