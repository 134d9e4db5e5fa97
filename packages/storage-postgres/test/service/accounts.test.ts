import { describeAccountCommands } from '@gongfu/core/testing';
import { openServiceStorage, usePgTarget } from '../support/pg-target.js';

usePgTarget();
describeAccountCommands(openServiceStorage);
