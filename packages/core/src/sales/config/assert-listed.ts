import { ValidationError } from '../../kernel/errors.js';
import type { CommandContext } from '../../service/context.js';
import { type VocabularyName, vocabularyIssue } from './vocabulary.js';

/**
 * Refuses a key that is not active in the tenant's list `name`, before anything is written: a
 * ValidationError naming `field`, with the closest active key. The list comes with the command's
 * context (cached beside the org chart), so the check reads nothing. Absent keys pass.
 */
export function assertListed(
  ctx: CommandContext,
  name: VocabularyName,
  key: string | undefined,
  field: string,
): void {
  if (key === undefined) return;
  const issue = vocabularyIssue(ctx.config[name], name, key, field);
  if (issue) throw new ValidationError([issue]);
}
