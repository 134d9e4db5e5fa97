import { describeOpportunityCommands } from '@gongfu/core/testing';
import { openServiceStorage, usePgTarget } from '../support/pg-target.js';

usePgTarget();
describeOpportunityCommands(openServiceStorage);
