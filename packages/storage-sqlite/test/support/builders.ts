// The record builders are the conformance kit's own (one set of fixtures for every engine); these
// names are kept for the SQLite suites that read more naturally with a "T0" and "minutesAfter".
import { BASE_INSTANT } from '@gongfu/core/testing';

export {
  buildAccount,
  buildActivity,
  buildContact,
  buildCost,
  buildDemoLoan,
  buildLead,
  buildOpportunity,
  buildOrder,
  buildProduct,
  buildServiceCase,
  buildUser,
  newId,
} from '@gongfu/core/testing';

export const T0 = BASE_INSTANT;

export function minutesAfter(minutes: number, base: string = T0): string {
  return new Date(Date.parse(base) + minutes * 60_000).toISOString();
}
