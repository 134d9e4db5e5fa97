import { pgTestTarget } from '@gongfu/storage-postgres/testing';
import { afterAll } from 'vitest';

/** The real server when `GONGFU_PG_URL` is set (CI, this machine), PGlite otherwise. */
const target = pgTestTarget({
  url: process.env.GONGFU_PG_URL || undefined,
  schemaPrefix: 'gf_http',
  afterFile: afterAll,
});

export const TARGET = target.target;
export const usePgStorage = target.usePgStorage;
export const openPgStorage = target.openPgStorage;
