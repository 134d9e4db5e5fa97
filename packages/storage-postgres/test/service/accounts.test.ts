import { describeAccountCommands } from '@gongfu/service-suites';
import { openServiceStorage, usePgTarget } from '../support/pg-target.js';

usePgTarget();
describeAccountCommands(openServiceStorage);
