import { describeTenantConfig, describeTenantVocabularies } from '@gongfu/service-suites';
import { openServiceStorage, usePgTarget } from '../support/pg-target.js';

usePgTarget();
describeTenantConfig(openServiceStorage);
describeTenantVocabularies(openServiceStorage);
