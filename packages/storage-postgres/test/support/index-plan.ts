import type pg from 'pg';

/** Plan nodes of an EXPLAIN (FORMAT JSON), depth first. */
function nodesOf(plan: Record<string, unknown>): Record<string, unknown>[] {
  const children = (plan.Plans as Record<string, unknown>[] | undefined) ?? [];
  return [plan, ...children.flatMap(nodesOf)];
}

/**
 * The plan nodes of a statement the storage sent, planned with indexes preferred: a test's table is
 * too small for PostgreSQL to choose the index a tenant's table of millions gets.
 */
export async function indexPlanNodes(
  pool: pg.Pool,
  statement: { text: string; values: readonly unknown[] },
): Promise<Record<string, unknown>[]> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('set local enable_seqscan = off');
    await client.query('set local enable_bitmapscan = off');
    const explained = await client.query<{ 'QUERY PLAN': [{ Plan: Record<string, unknown> }] }>({
      text: `explain (format json) ${statement.text}`,
      values: [...statement.values],
    });
    await client.query('rollback');
    return nodesOf(explained.rows[0]?.['QUERY PLAN'][0].Plan ?? {});
  } finally {
    client.release();
  }
}
