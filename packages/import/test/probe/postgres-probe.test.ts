import { pgTestTarget } from '@gongfu/storage-postgres/testing';
import { afterAll } from 'vitest';
import { describeProbe } from './probe.suite.js';

/** The real server when `GONGFU_PG_URL` is set (CI, this machine), PGlite otherwise. */
const target = pgTestTarget({
  url: process.env.GONGFU_PG_URL || undefined,
  schemaPrefix: 'gf_probe',
  afterFile: afterAll,
});
target.usePgStorage();
describeProbe(`PostgreSQL (${target.target})`, target.openPgStorage);
