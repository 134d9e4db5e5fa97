import { sqliteStorage } from '@gongfu/storage-sqlite';
import { describeDuplicateStory } from '../suites/duplicate-story.suite.js';

describeDuplicateStory(() => sqliteStorage({ filename: ':memory:' }));
