import { describeWebhookHandler } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeWebhookHandler(() => sqliteStorage({ filename: ':memory:' }));
