import { describeModelBasedService } from '@gongfu/core/testing';
import { openServiceStorage, usePgTarget } from '../support/pg-target.js';

usePgTarget();
describeModelBasedService(openServiceStorage);
