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

/** Values whose JSON text differs exactly when they differ by `===` (non-finite numbers become null). */
function isScalar(v: unknown): boolean {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || Number.isFinite(v);
}

function isPlain(v: unknown): v is object {
  return typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

/**
 * Equal as canonical JSON. Every write diffs a whole record, so the cheap cases come first: the
 * same value or reference (an update keeps untouched fields by reference), and two scalars.
 */
function sameValue(from: unknown, to: unknown): boolean {
  if (from === to) return true;
  if (isScalar(from) && isScalar(to)) return false;
  // A field set or cleared: an object's canonical JSON is never `null` without a toJSON of its own.
  if ((from === null && isPlain(to)) || (to === null && isPlain(from))) return false;
  return canonical(from) === canonical(to);
}

/** Top-level field changes between two versions of a record (before null = creation). */
export function diffRecords(
  before: object | null,
  after: object | null,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const visit = (key: string) => {
    if (NOISE.has(key)) return;
    const from = b[key] ?? null;
    const to = a[key] ?? null;
    if (sameValue(from, to)) return;
    // An app's custom fields are diffed one by one (`custom.budgetYear`), like built-in fields.
    if (key === 'custom' && before !== null && isPlain(from) && isPlain(to))
      Object.assign(changes, customDiff(from, to));
    else changes[key] = { from, to };
  };
  // Before's keys, then after's new ones: the order a Set of both key lists would give.
  const beforeKeys = Object.keys(b);
  for (const key of beforeKeys) visit(key);
  // An update mostly keeps before's keys in before's order: a key met at its place in that list is
  // one of before's, with no call into C++ (`propertyIsEnumerable` is one, ~450 instructions).
  // A creation (no keys before) has only new keys.
  let next = 0;
  for (const key of Object.keys(a)) {
    if (key === beforeKeys[next]) next++;
    else if (beforeKeys.length === 0 || !Object.prototype.propertyIsEnumerable.call(b, key)) visit(key);
  }
  return changes;
}

function customDiff(from: object, to: object): Record<string, { from: unknown; to: unknown }> {
  const nested = diffRecords(from, to);
  return Object.fromEntries(Object.entries(nested).map(([name, change]) => [`custom.${name}`, change]));
}
