import { fieldIssue, message, ValidationError } from '@gongfu/core';

/** A screenful per person: a manager reads the oldest few and how many more, for fifty people. */
export const DEFAULT_REMINDERS_PER_PERSON = 5;
const MAX_REMINDERS_PER_PERSON = 100;
/**
 * A section's "n more" stops at 99 ("99+"): counting a rep's whole backlog would walk every entry
 * of it (at 1M the bench's team of fifty owes ~80,000 follow-ups); 99 bounds the walk per person.
 */
export const MORE_COUNTED_UP_TO = 99;

/** The review's `remindersPerPerson`: a whole number from 1 to 100, else a ValidationError naming it. */
export function remindersPerPerson(value: unknown): number {
  if (value === undefined) return DEFAULT_REMINDERS_PER_PERSON;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_REMINDERS_PER_PERSON)
    return value;
  throw new ValidationError([
    fieldIssue(
      'remindersPerPerson',
      message('input.wholeNumberBetween', { min: 1, max: MAX_REMINDERS_PER_PERSON }),
    ),
  ]);
}
