import { describeOrderCommands } from '@gongfu/core/testing';
import { openServiceStorage, usePgTarget } from '../support/pg-target.js';

usePgTarget();
describeOrderCommands(openServiceStorage);
