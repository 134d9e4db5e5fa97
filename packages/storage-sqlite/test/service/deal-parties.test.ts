import { describeDealParties } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeDealParties(() => sqliteStorage({ filename: ':memory:' }));
