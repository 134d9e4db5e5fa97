import { customValues } from '../domain/custom-field-check.js';
import type { CustomFieldKind, CustomFieldsInput, CustomFieldsOf } from '../domain/custom-fields.js';
import type { CommandContext } from './context.js';

/**
 * The custom values a new record of `kind` starts with, checked against the tenant's declarations.
 * (Updates need nothing: `ctx.update` checks and merges a `custom` change itself.)
 */
export function newCustom<K extends CustomFieldKind>(
  ctx: CommandContext,
  kind: K,
  input: CustomFieldsInput<K> | undefined,
): CustomFieldsOf<K> {
  return customValues(ctx.settings.customFields, kind, null, input);
}
