/**
 * fast-check arbitraries for the access policy, shared with the storage suites (which check that their
 * SQL filters agree with `scopeAllows`). Part of the testing kit, so fast-check stays a dev (optional peer) dependency.
 */

import type { Grant, OrgUser, ProtectedRecord, Role } from '@gongfu/core';
import { ACCESS_LEVELS, TEAM_ROLES } from '@gongfu/core';
import fc from 'fast-check';

export interface OrgArbitraryOptions {
  /** Default 12. */
  maxUsers?: number;
  /** Default 12. */
  maxRecords?: number;
  /** Default 4; grants on one record always name distinct users. */
  maxGrantsPerRecord?: number;
}

export interface GeneratedRecord extends ProtectedRecord {
  id: string;
  grants: Grant[];
}

export interface GeneratedOrg {
  /** An acyclic forest; every manager precedes their reports, so rows can be inserted in order. */
  users: OrgUser[];
  /** Owned by generated users (so foreign keys hold); ids are `r0`, `r1`, … */
  records: GeneratedRecord[];
}

// Managers are over-represented so that deep trees with many managers are common.
const roleArbitrary: fc.Arbitrary<Role> = fc.oneof(
  { arbitrary: fc.constantFrom<Role>('sales_rep', 'presales_engineer', 'service_engineer'), weight: 4 },
  { arbitrary: fc.constant<Role>('sales_manager'), weight: 3 },
  { arbitrary: fc.constant<Role>('admin'), weight: 1 },
);

const activeArbitrary = fc.oneof(
  { arbitrary: fc.constant(true), weight: 4 },
  { arbitrary: fc.constant(false), weight: 1 },
);

/** Index `i` reports to nobody, anyone earlier, or (often) the one just before it, which builds deep chains. */
function userAt(i: number): fc.Arbitrary<OrgUser> {
  const manager: fc.Arbitrary<number | null> =
    i === 0 ? fc.constant(null) : fc.oneof(fc.constant(null), fc.nat(i - 1), fc.constant(i - 1));
  return fc
    .record({ role: roleArbitrary, active: activeArbitrary, manager })
    .map(({ role, active, manager }) => ({
      id: `u${i}`,
      role,
      active,
      managerId: manager === null ? null : `u${manager}`,
    }));
}

export function orgUsersArbitrary(maxUsers = 12): fc.Arbitrary<OrgUser[]> {
  return fc
    .integer({ min: 1, max: maxUsers })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => userAt(i))));
}

export function grantArbitrary(userIds: readonly string[]): fc.Arbitrary<Grant> {
  return fc.record({
    userId: fc.constantFrom(...userIds),
    role: fc.constantFrom(...TEAM_ROLES),
    access: fc.constantFrom(...ACCESS_LEVELS),
  });
}

export function recordArbitrary(
  userIds: readonly string[],
  id: string,
  maxGrants = 4,
): fc.Arbitrary<GeneratedRecord> {
  return fc.record({
    id: fc.constant(id),
    ownerId: fc.constantFrom(...userIds),
    grants: fc.uniqueArray(grantArbitrary(userIds), { selector: (g) => g.userId, maxLength: maxGrants }),
  });
}

/** A random forest of users of random depth and roles, plus records with random owners and teams. */
export function orgArbitrary(options: OrgArbitraryOptions = {}): fc.Arbitrary<GeneratedOrg> {
  const { maxUsers = 12, maxRecords = 12, maxGrantsPerRecord = 4 } = options;
  return orgUsersArbitrary(maxUsers).chain((users) => {
    const ids = users.map((u) => u.id);
    return fc
      .integer({ min: 0, max: maxRecords })
      .chain((n) =>
        fc.tuple(...Array.from({ length: n }, (_, i) => recordArbitrary(ids, `r${i}`, maxGrantsPerRecord))),
      )
      .map((records) => ({ users, records }));
  });
}

/** An org plus one of its users as the actor and one extra record to ask about. */
export function orgScenarioArbitrary(
  options: OrgArbitraryOptions = {},
): fc.Arbitrary<GeneratedOrg & { actor: OrgUser; record: GeneratedRecord }> {
  return orgArbitrary(options).chain((org) =>
    fc
      .record({
        actor: fc.constantFrom(...org.users),
        record: recordArbitrary(
          org.users.map((u) => u.id),
          'r-asked',
          options.maxGrantsPerRecord,
        ),
      })
      .map(({ actor, record }) => ({ ...org, actor, record })),
  );
}

/** Users whose `managerId` is anything: null, self, an unknown id, or someone forming a loop. */
export function tangledOrgUsersArbitrary(maxUsers = 10): fc.Arbitrary<OrgUser[]> {
  return fc.integer({ min: 1, max: maxUsers }).chain((n) => {
    const ids = Array.from({ length: n }, (_, i) => `u${i}`);
    const manager = fc.constantFrom<string | null>(null, 'nobody', ...ids);
    return fc.tuple(
      ...ids.map((id) =>
        fc
          .record({ role: roleArbitrary, active: activeArbitrary, managerId: manager })
          .map((u): OrgUser => ({ id, ...u })),
      ),
    );
  });
}
