/**
 * The values of rows one after another, as `rows.flatMap(Object.values)` gives them: the
 * parameters of a multi-row INSERT. Written out because `flatMap` reads back every value of every
 * row through V8's generic element lookup (`FlattenIntoArray`), several thousand instructions for
 * the one history row of a command.
 */
export function rowValues(rows: readonly object[]): unknown[] {
  const out: unknown[] = [];
  for (let r = 0; r < rows.length; r++) {
    const values = Object.values(rows[r] as object);
    for (let i = 0; i < values.length; i++) out.push(values[i]);
  }
  return out;
}
