import { idSchema, oneOrMany } from '../../domain/common.js';

/**
 * List filters on what a record hangs off (a lead, a deal, a customer), each one id or several;
 * shared by every kind whose links `resolveLinks` fills in (activities, costs).
 */
export const linkFilters = {
  leadId: oneOrMany(idSchema).optional(),
  opportunityId: oneOrMany(idSchema).optional(),
  accountId: oneOrMany(idSchema).optional(),
};
