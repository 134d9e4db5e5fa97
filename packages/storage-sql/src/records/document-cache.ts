/**
 * Decoded documents a storage keeps between calls, by tenant, table, id, version and `updated_at`:
 * a manager who opens the team week again reads the same 140 activities, and decoding their JSON
 * (with the text's copy and the garbage it leaves) was a third of the call's own work on both
 * engines. Nothing is ever invalidated by hand: every write through the record store's change path
 * bumps the version and sets `updated_at`, so the new row has a key no entry holds, and the old
 * entry ages out. (A migration that rewrites documents in place runs before the storage opens;
 * a tenant deleted and made again under its id, whose rows may bring the same ids, versions and
 * times, is told apart by its tenant row's epoch, which callers put into the tenant part of the
 * key: `cachedDocuments`.)
 *
 * Entries not used for a while go first once `capacity` is reached. A hit is a deep copy: callers
 * own what a store returns (the calendar labels its entries in place), so no two calls share an
 * object and no caller can change what the next one reads.
 */
export class DocumentCache {
  private readonly documents: Generations<Kept>;
  /** The keys each read answered last time, by the read's text and parameters (`recall`). */
  private readonly answers = new Generations<KnownKeys>(ANSWERS_KEPT);
  /** Each day's last listed start time the same read found last time, by its text and parameters (`boundsOf`). */
  private readonly bounds = new Generations<readonly unknown[]>(ANSWERS_KEPT);
  /** How many rows each days read counted last time, by its WHERE, parameters and number of days (`countedOf`). */
  private readonly counted = new Generations<number>(ANSWERS_KEPT);

  constructor(readonly capacity: number) {
    this.documents = new Generations(capacity);
  }

  /** The key of one stored row's document. */
  static key(tenantId: string, table: string, id: string, version: unknown, updatedAt: unknown): string {
    return `${tenantId}\u0000${table}\u0000${id}\u0000${String(version)}\u0000${String(updatedAt)}`;
  }

  /** A fresh copy of the document under `key`, or undefined when none is kept. */
  get<T>(key: string): T | undefined {
    const kept = this.documents.get(key);
    return kept === undefined ? undefined : (copyKept(kept) as T);
  }

  /** Keeps `doc` (the caller's own object is copied, so later changes to it are not kept). */
  set(key: string, doc: unknown): void {
    this.documents.keep(key, keptOf(copyJson(doc)));
  }

  /**
   * The documents' keys the same read (text and parameters) answered last time, if remembered:
   * PostgreSQL sends them with the read, and a row still at that version and time comes back
   * without its document.
   */
  recall(read: string): KnownKeys | undefined {
    return this.answers.get(read);
  }

  /** Remembers what `read` answered (see `recall`), as the array literals it is sent back as. */
  remember(read: string, keys: readonly DocumentKeyOf[]): void {
    this.answers.keep(read, knownKeysOf(keys));
  }

  /**
   * The start time of each day's last listed row when the same read (SQLite's calendar days) last
   * listed a full day, else null: a hint that bounds the day's next scan, checked by the reader.
   */
  boundsOf(read: string): readonly unknown[] | undefined {
    return this.bounds.get(read);
  }

  /** Remembers each day's bound `read` found (see `boundsOf`). */
  keepBounds(read: string, bounds: readonly unknown[]): void {
    this.bounds.keep(read, bounds);
  }

  /**
   * How many rows the same calendar read (PostgreSQL's days: its WHERE over as many days, any
   * week) counted over all its days last time: a hint for how to read them next, never part of an
   * answer.
   */
  countedOf(read: string): number | undefined {
    return this.counted.get(read);
  }

  /** Remembers how many rows `read` counted (see `countedOf`). */
  keepCounted(read: string, rows: number): void {
    this.counted.keep(read, rows);
  }
}

/** A row's document key as a read returned it: id, version and `updated_at`. */
export interface DocumentKeyOf {
  id: string;
  version: unknown;
  updated: unknown;
}

/**
 * The keys a read answered, as the three PostgreSQL array literals (`text[]`: ids, versions,
 * `updated_at` texts) its next statement takes as parameters: built once when remembered, so a
 * week read again sends the same strings instead of pg escaping 3 × 140 elements every call.
 */
export interface KnownKeys {
  /** How many keys: an answer of as many rows, every one of them known, is this one again. */
  readonly count: number;
  readonly ids: string;
  readonly versions: string;
  readonly times: string;
}

/** `keys` as `KnownKeys`: each element quoted, a quote or backslash escaped, as pg writes a text array. */
export function knownKeysOf(keys: readonly DocumentKeyOf[]): KnownKeys {
  const literal = (of: (k: DocumentKeyOf) => unknown) =>
    `{${keys.map((k) => `"${String(of(k)).replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
  return {
    count: keys.length,
    ids: literal((k) => k.id),
    versions: literal((k) => k.version),
    times: literal((k) => k.updated),
  };
}

/** Reads whose answers are remembered: a few hundred people's weeks and months. */
const ANSWERS_KEPT = 512;

/**
 * Two generations instead of a list ordered by use: a hit in `recent` is one lookup, where moving
 * each hit to the end of one map (delete, then set) cost 4 % of a cached team week. What was not
 * used for a whole generation is dropped; at most `capacity` + 1 entries are kept.
 */
class Generations<V> {
  /** Entries kept or used since the last turn; at half the capacity they become `older`. */
  private recent = new Map<string, V>();
  /** The generation before: a hit here moves the entry back to `recent`, the rest go at the next turn. */
  private older = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.recent.get(key);
    if (value !== undefined) return value;
    const old = this.older.get(key);
    if (old !== undefined) this.keep(key, old);
    return old;
  }

  keep(key: string, value: V): void {
    if (this.capacity <= 0) return;
    if (this.recent.size >= Math.ceil(this.capacity / 2)) {
      this.older = this.recent;
      this.recent = new Map();
    }
    this.recent.set(key, value);
  }
}

/**
 * A kept document and, for a plain object, the copier of its shape (`copierOf`): its keys, and
 * which of them hold nested objects and arrays, found once when it is kept.
 */
interface Kept {
  readonly doc: unknown;
  readonly copy: ((doc: unknown) => unknown) | undefined;
}

function keptOf(doc: unknown): Kept {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return { doc, copy: undefined };
  const keys: string[] = [];
  const nested: boolean[] = [];
  for (const key in doc) {
    const item = (doc as Record<string, unknown>)[key];
    keys.push(key);
    nested.push(item !== null && typeof item === 'object');
  }
  return { doc, copy: copierOf(keys, nested) };
}

/** A fresh deep copy of a kept document (`copyJson`, by its shape's copier when it has one). */
function copyKept({ doc, copy }: Kept): unknown {
  return copy === undefined ? copyJson(doc) : copy(doc);
}

/**
 * Copiers by shape (the keys in order, each marked nested or not): a kept document's shape is one
 * of the few its table's writes produce, so a copier is compiled once and used by every hit.
 */
const copiers = new Map<string, (doc: unknown) => unknown>();

/** Copiers kept: past this many the oldest is dropped (a kept document keeps its own). */
const COPIERS_KEPT = 256;
/**
 * The most keys a shape given a copier has: the documents the stores write have a few dozen; a
 * document of thousands of keys (any JSON an import brings) is copied by `copyJson`, so no copier
 * holds megabytes of compiled code or takes long to compile on the read that fills the cache.
 */
const COPIER_KEYS_MAX = 64;

/** The platform refused to compile a copier (`--disallow-code-generation-from-strings`): none is tried again. */
let compileRefused = false;

/**
 * The copier of one shape: an object literal with the document's keys in its order (it costs
 * what a spread does), the nested values copied by `copyJson`. A copy by spread
 * has a map V8 cannot extend by a shared transition: a property added to it afterwards (the
 * calendar's label) made a new hidden class for every entry, ~4 µs and ~800 bytes of old-space
 * garbage each (bench/RESULTS.md, issue 15, h-read11); a literal's map takes the transition once.
 * The same object as the spread made: own keys in the same order, all writable, enumerable and
 * configurable, `Object.prototype` as prototype. A shape with a key `__proto__` (a literal would
 * set the prototype) or more than `COPIER_KEYS_MAX` keys is copied by `copyJson` (spread); so is
 * every one when the platform refuses to compile code from strings.
 */
function copierOf(
  keys: readonly string[],
  nested: readonly boolean[],
): ((doc: unknown) => unknown) | undefined {
  const shape = JSON.stringify([keys, nested]);
  const known = copiers.get(shape);
  if (known !== undefined) return known;
  if (compileRefused || keys.length > COPIER_KEYS_MAX || keys.includes('__proto__')) return undefined;
  // Keys are quoted as JSON string literals, so no document key can inject code.
  const fields = keys.map((key, i) => {
    const name = JSON.stringify(key);
    return nested[i] ? `${name}: c(s[${name}])` : `${name}: s[${name}]`;
  });
  let copier: (doc: unknown) => unknown;
  try {
    const compiled = new Function('c', `return (s) => ({ ${fields.join(', ')} });`) as (
      c: typeof copyJson,
    ) => (doc: unknown) => unknown;
    copier = compiled(copyJson);
  } catch (error) {
    // Only the platform's refusal (an EvalError) stops every later try; anything else this shape's.
    if (error instanceof EvalError) compileRefused = true;
    return undefined;
  }
  if (copiers.size >= COPIERS_KEPT) copiers.delete(copiers.keys().next().value as string);
  copiers.set(shape, copier);
  return copier;
}

/**
 * A deep copy of a decoded JSON value (objects, arrays, strings, numbers, booleans, null). Each
 * object is copied by spread, V8's fast path that keeps the source's shape, and only its nested
 * objects and arrays are copied again: about a tenth of `JSON.parse`'s time for an activity's
 * document, where a copy key by key cost as much as parsing. (Spread defines an own `__proto__`
 * key as a property, as `JSON.parse` made it, not as the copy's prototype.)
 */
function copyJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out: unknown[] = value.slice();
    for (let i = 0; i < out.length; i++) {
      const item = out[i];
      if (item !== null && typeof item === 'object') out[i] = copyJson(item);
    }
    return out as T;
  }
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const key in out) {
    const item = out[key];
    if (item !== null && typeof item === 'object') out[key] = copyJson(item);
  }
  return out as T;
}
