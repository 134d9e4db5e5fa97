import { ValidationError } from '@gongfu/core';

/**
 * A schema or role name as a quoted SQL identifier. Only plain names are accepted (letters, digits,
 * underscore), so a name can never smuggle SQL into the DDL it is spliced into.
 */
export function quoteIdent(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) {
    throw new ValidationError([{ field: 'schema', message: `not a plain SQL identifier: ${name}` }]);
  }
  return `"${name}"`;
}
