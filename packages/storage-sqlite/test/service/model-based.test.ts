import { describeModelBasedService } from '@gongfu/core/testing';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeModelBasedService(() => sqliteStorage({ filename: ':memory:' }));
