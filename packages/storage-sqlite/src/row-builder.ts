/**
 * A statement's rows as objects, built in JavaScript from the values better-sqlite3 returns in raw
 * mode (one array per row). better-sqlite3 (on Node < 22) builds an object row in C++ with one
 * `Object::Set` per column, each a slow generic store with the column's name interned again: a
 * 23-column reminder row costs about as much as running the statement. An object literal with the
 * statement's column names compiles once to one hidden class per statement and costs almost
 * nothing per row.
 */
export type RowBuilder = (values: readonly unknown[]) => Record<string, unknown>;

/**
 * The builder for rows with these column names, in the statement's column order: the same object
 * better-sqlite3 builds by setting each column in turn on a fresh `{}` (a name met twice keeps its
 * first place and its last value). A literal gives exactly that unless a column is named
 * `__proto__`: setting that one runs Object.prototype's setter (a null or an object value becomes
 * the prototype, others are dropped), so such rows are built by the same assignments, in order.
 */
export function rowBuilder(names: readonly string[]): RowBuilder {
  // Names are quoted as JSON string literals, so no column name can inject code.
  const keys = names.map((name) => JSON.stringify(name));
  const body = names.includes('__proto__')
    ? `const row = {}; ${keys.map((key, i) => `row[${key}] = v[${i}];`).join(' ')} return row;`
    : `return { ${keys.map((key, i) => `${key}: v[${i}]`).join(', ')} };`;
  return new Function('v', body) as RowBuilder;
}
