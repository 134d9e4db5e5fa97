import { describeCatalogueLines } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeCatalogueLines(() => sqliteStorage({ filename: ':memory:' }));
