import { describeFuzz } from '@gongfu/service-suites';
import { openServiceStorage, usePgTarget } from '../support/pg-target.js';

usePgTarget();
describeFuzz(openServiceStorage, 2000);
