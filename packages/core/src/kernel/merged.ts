/** What an object spread of `A` then `B` gives: B's keys win. */
export type Merged<A, B> = Omit<A, keyof B> & B;

const PROTO = '__proto__';

/**
 * `{ ...a, ...b }` — the same keys in the same order with the same values — for objects a command
 * builds on every call (a record's next version, a reminder, a feed event).
 *
 * Why not the spread: on Node 20 (V8 11.3) an object spread followed by a key its source lacks
 * (`{ ...base, type }`) gives every result a hidden class of its own, never shared, so every later
 * read or write of such an object misses its inline cache and takes V8's slow path, and a command
 * makes dozens of them (callgrind: a fifth of an advance's JavaScript). `Object.assign` onto a fresh
 * literal builds the result through the shared transitions instead (held by
 * `test/kernel/merged.test.ts`). A spread that only overwrites keys of its source keeps a shared
 * class, and copies faster: where that is the common case and the call site sees few shapes (a
 * record's next version), spread there and assign the rest (`CommandContext.update`). A source with an own `__proto__` key (JSON.parse makes one) keeps
 * the spread, which defines that key where `Object.assign` would set the prototype.
 */
export function merged<A extends object, B extends object>(a: A, b: B): Merged<A, B> {
  if (Object.hasOwn(a, PROTO) || Object.hasOwn(b, PROTO)) return { ...a, ...b } as Merged<A, B>;
  return Object.assign({}, a, b) as Merged<A, B>;
}
