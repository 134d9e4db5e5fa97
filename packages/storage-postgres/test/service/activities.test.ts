import { describeActivityCommands } from '@gongfu/core/testing';
import { openServiceStorage, usePgTarget } from '../support/pg-target.js';

usePgTarget();
describeActivityCommands(openServiceStorage);
