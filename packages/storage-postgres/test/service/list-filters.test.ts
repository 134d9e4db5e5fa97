import {
  describeDealReferences,
  describeListFilters,
  describeOneOrManyFilters,
} from '@gongfu/service-suites';
import { openServiceStorage, usePgTarget } from '../support/pg-target.js';

usePgTarget();
describeListFilters(openServiceStorage);
describeOneOrManyFilters(openServiceStorage);
describeDealReferences(openServiceStorage);
