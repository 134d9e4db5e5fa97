/** Fields that change on every write and say nothing about what the user did. */
const NOISE = new Set(['version', 'updatedAt']);

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
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}
