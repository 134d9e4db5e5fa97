import pg from 'pg';
import { describeKillResume } from '../suites/kill-resume.suite.js';

// A killed process needs a server both processes reach: the real PostgreSQL (CI, this machine).
const URL = process.env.GONGFU_PG_URL || 'postgres://postgres@127.0.0.1:5432/test';
let n = 0;
describeKillResume(
  'PostgreSQL',
  () => `${URL}#gf_imp_kill_${process.pid}_${Date.now().toString(36)}_${n++}`,
  async (db) => {
    const client = new pg.Client({ connectionString: URL });
    await client.connect();
    await client.query(`drop schema if exists "${db.split('#')[1]}" cascade`);
    await client.end();
  },
);
