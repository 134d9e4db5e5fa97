import type { z } from 'zod';

/**
 * "Did you mean" for an unknown input key: the known key closest to it, when it is close enough
 * to be a typo or a near-synonym (requiredDeliveryDate → requiredDelivery, phoneNumber → phone).
 */
export function closestKey(unknown: string, known: readonly string[]): string | null {
  const lower = unknown.toLowerCase();
  let best: { key: string; score: number } | null = null;
  for (const key of known) {
    const k = key.toLowerCase();
    // A known key that starts or ends the unknown one (phoneNumber ⊃ phone) is the likely intent.
    const contained = lower.startsWith(k) || lower.endsWith(k) || k.startsWith(lower);
    const distance = editDistance(lower, k);
    const score = contained && k.length >= 3 ? 0.5 : distance;
    if (score <= Math.max(2, Math.floor(k.length / 3)) && (best === null || score < best.score)) {
      best = { key, score };
    }
  }
  return best?.key ?? null;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 8) return 99;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = row;
  }
  return previous[b.length] ?? 99;
}

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  getter?: () => z.ZodType;
};
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The keys an object schema knows at `path` inside `schema` (through optionals, pipes, arrays, unions). */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const shape = def.shape ?? {};
      if (path.length === 0) return Object.keys(shape);
      const next = shape[String(path[0])];
      return next ? knownKeysAt(next, path.slice(1)) : [];
    }
    case 'array':
      return def.element && path.length > 0 ? knownKeysAt(def.element, path.slice(1)) : [];
    case 'union':
      return [...new Set((def.options ?? []).flatMap((o) => knownKeysAt(o, path)))];
    case 'pipe':
      return def.in ? knownKeysAt(def.in, path) : [];
    case 'lazy':
      return def.getter ? knownKeysAt(def.getter(), path) : [];
    default:
      return def.innerType ? knownKeysAt(def.innerType, path) : [];
  }
}
