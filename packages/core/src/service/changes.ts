/** Fields that change on every write and say nothing about what the user did. */
const NOISE = new Set(['version', 'updatedAt']);

/**
 * JSON with object keys sorted, so two equal values compare equal whatever order their keys were
 * built in — PostgreSQL's jsonb hands documents back with keys reordered, SQLite does not.
 */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/** Top-level field changes between two versions of a record (before null = creation). */
export function diffRecords(
  before: object | null,
  after: object | null,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (NOISE.has(key)) continue;
    const from = b[key] ?? null;
    const to = a[key] ?? null;
    if (canonical(from) !== canonical(to)) changes[key] = { from, to };
  }
  return changes;
}
