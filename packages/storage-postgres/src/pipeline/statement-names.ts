/**
 * Names of server-side prepared statements, one per (schema, SQL text). The hot texts are a small
 * fixed set (the stores' cached shapes), so the registry stays small; the schema is part of the key
 * because a prepared statement resolves its tables through the search_path it was parsed under.
 */
const names = new Map<string, string>();

export function statementName(schema: string | undefined, text: string): string {
  const key = `${schema ?? ''}\u0000${text}`;
  let name = names.get(key);
  if (name === undefined) {
    name = `gongfu_${names.size.toString(36)}`;
    names.set(key, name);
  }
  return name;
}
