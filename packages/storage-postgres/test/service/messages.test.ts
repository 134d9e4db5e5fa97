import { describeLocalizedMessages } from '@gongfu/service-suites';
import { openServiceStorage, usePgTarget } from '../support/pg-target.js';

usePgTarget();
describeLocalizedMessages(openServiceStorage);
