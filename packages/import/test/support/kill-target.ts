import type { CrmStorage } from '@gongfu/core';

/** `postgres://…#schema` opens that schema on the server; anything else is a SQLite file. */
export async function openTarget(db: string): Promise<CrmStorage> {
  if (db.startsWith('postgres')) {
    const [url = '', schema] = db.split('#');
    const { postgresStorage } = await import('@gongfu/storage-postgres');
    return postgresStorage(
      { connectionString: url, max: 2 },
      { migrate: true, ...(schema ? { schema } : {}) },
    );
  }
  const { sqliteStorage } = await import('@gongfu/storage-sqlite');
  return sqliteStorage({ filename: db });
}
