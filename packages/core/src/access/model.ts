import type { AccessLevel, TeamRole } from '../domain/enums.js';
import type { Message } from '../kernel/message.js';

/**
 * The access-policy vocabulary. The service, the SQL storage adapters and the reports all depend on
 * exactly these shapes, so change them only together with those callers.
 */

export const ROLES = [
  'sales_rep',
  'sales_manager',
  'presales_engineer',
  'service_engineer',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export interface OrgUser {
  id: string;
  role: Role;
  /** Who this user reports to; `null` for the top of a reporting tree. */
  managerId: string | null;
  /** `false` once the user has left; a departed user is allowed nothing. */
  active: boolean;
}

// Re-exported from the domain enums (not redeclared) so that a root barrel exporting both modules has one
// `TeamRole`/`AccessLevel` symbol instead of an ambiguous pair.
export type { AccessLevel, TeamRole } from '../domain/enums.js';

export const TEAM_ROLES = ['sales', 'presales', 'service'] as const satisfies readonly TeamRole[];
export const ACCESS_LEVELS = ['read', 'edit'] as const satisfies readonly AccessLevel[];

/** One member of a record's virtual team (deal team or account team). */
export interface Grant {
  userId: string;
  role: TeamRole;
  access: AccessLevel;
}

/**
 * What the policy needs to know about any protected record. `grants` is the team of the record that
 * governs it (a deal team for an opportunity and everything hanging off it — its orders, activities,
 * costs; an account team for an account).
 */
export interface ProtectedRecord {
  ownerId: string;
  grants: readonly Grant[];
  /**
   * On a customer (an account, and a contact through its account): the members of the deal teams
   * of the deals on it, owner rows included. Everyone on the virtual team sees the same customer
   * facts, so each of them — and anyone above them — reads the customer, whatever their deal seat
   * says; it never gives edit (Salesforce's opportunity team reads the account the same way).
   */
  dealTeamGrants?: readonly Grant[];
  /**
   * On an activity about a contact, an order or a service case: that record's own access. Whoever
   * may read it reads the activity (read only: the activity's own owner and team edit it).
   */
  subject?: ProtectedRecord;
}

export const ACTIONS = ['read', 'edit', 'manage_team', 'transfer', 'delete'] as const;
export type Action = (typeof ACTIONS)[number];

/** One reason an actor has access to a record, e.g. `{ kind: 'manager', detail: 'manages u7 (2 levels up)' }`. */
export interface AccessGrant {
  kind: 'owner' | 'manager' | 'team' | 'admin';
  /** An English sentence fragment a person can read in an "why can I see this?" panel. */
  detail: string;
  /** The fragment as a key with parameters (`access.grant.manager` …), for any locale. */
  detailMessage: Message;
  level: AccessLevel;
}

/** A refusal: `reason` in English, `reasonDetail` the same as a key with parameters. */
export interface PolicyRefusal {
  allowed: false;
  reason: string;
  reasonDetail: Message;
}

export type AuthorizeResult = { allowed: true; grants: AccessGrant[] } | PolicyRefusal;

/** The result of the org-management and transfer checks, which have no access sources to report. */
export type PolicyDecision = { allowed: true } | PolicyRefusal;

/** `edit` implies `read`; this is the single place that ordering is defined (SQL mirrors it). */
export function accessAtLeast(have: AccessLevel, need: AccessLevel): boolean {
  return need === 'read' || have === 'edit';
}
