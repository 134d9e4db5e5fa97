import { describeFuzz } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeFuzz(() => sqliteStorage({ filename: ':memory:' }), 8000);
