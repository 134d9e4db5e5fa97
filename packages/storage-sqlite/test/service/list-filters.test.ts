import {
  describeDealReferences,
  describeListFilters,
  describeOneOrManyFilters,
} from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';

const open = () => sqliteStorage({ filename: ':memory:' });
describeListFilters(open);
describeOneOrManyFilters(open);
describeDealReferences(open);
