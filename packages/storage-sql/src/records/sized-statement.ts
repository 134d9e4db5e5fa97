/** A placeholder per call: `?` on SQLite, `$1`, `$2`, … on PostgreSQL. */
export type Placeholder = () => string;

/**
 * Statements whose text depends only on how many rows they carry (a command's feed events, a
 * record's search keys), written by hand once per engine and size instead of built by Kysely on
 * every command. `write` gets the placeholder source and the size; the text is remembered.
 */
export function sizedStatement(
  texts: Map<string, string>,
  engine: 'sqlite' | 'postgres',
  count: number,
  write: (param: Placeholder, count: number) => string,
): string {
  const key = `${engine}:${count}`;
  let text = texts.get(key);
  if (text === undefined) {
    let n = 0;
    text = write(() => (engine === 'postgres' ? `$${++n}` : '?'), count);
    texts.set(key, text);
  }
  return text;
}

/** `(…), (…)`: `count` rows of `width` placeholders each. */
export function placeholderRows(param: Placeholder, count: number, width: number): string {
  const rows: string[] = [];
  for (let i = 0; i < count; i++) rows.push(`(${Array.from({ length: width }, param).join(', ')})`);
  return rows.join(', ');
}
