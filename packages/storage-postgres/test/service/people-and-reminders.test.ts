import { describeUsersProductsReminders } from '@gongfu/core/testing';
import { openServiceStorage, usePgTarget } from '../support/pg-target.js';

usePgTarget();
describeUsersProductsReminders(openServiceStorage);
