import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeKillResume } from '../suites/kill-resume.suite.js';

describeKillResume('SQLite', () => join(mkdtempSync(join(tmpdir(), 'gongfu-kill-db-')), 'sales.db'));
