import { describeDuplicateStory } from '../suites/duplicate-story.suite.js';
import { openPgStorage, usePgStorage } from './pg-storage.js';

usePgStorage();
describeDuplicateStory(openPgStorage);
