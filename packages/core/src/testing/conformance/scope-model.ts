import type { AccessLevel, Page, RowScope, TeamMemberRow } from '@gongfu/core';
import fc from 'fast-check';

/** The in-memory reading of `RowScope` that the database filter must agree with. */

export const SCOPE_USERS = ['u0', 'u1', 'u2', 'u3', 'u4'] as const;

export interface GeneratedTeam {
  owner: string;
  members: { userId: string; access: AccessLevel }[];
}

export const accessArb: fc.Arbitrary<AccessLevel> = fc.constantFrom('read', 'edit');

export const teamArb: fc.Arbitrary<GeneratedTeam> = fc.record({
  owner: fc.constantFrom(...SCOPE_USERS),
  members: fc.uniqueArray(fc.record({ userId: fc.constantFrom(...SCOPE_USERS), access: accessArb }), {
    selector: (m) => m.userId,
    maxLength: 3,
  }),
});

export const scopeArb: fc.Arbitrary<RowScope> = fc.oneof(
  { arbitrary: fc.constant<RowScope>({ kind: 'all' }), weight: 1 },
  { arbitrary: fc.constant<RowScope>({ kind: 'none' }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('scoped' as const),
      ownerIds: fc.subarray([...SCOPE_USERS]),
      memberIds: fc.subarray([...SCOPE_USERS]),
      minAccess: accessArb,
    }),
    weight: 4,
  },
);

/** The stored team rows of a generated team: the owner (isOwner) plus the other members. */
export function teamRows(team: GeneratedTeam): TeamMemberRow[] {
  const others = team.members.filter((m) => m.userId !== team.owner);
  return [
    { userId: team.owner, role: 'sales', access: 'edit', isOwner: true },
    ...others.map(
      (m): TeamMemberRow => ({ userId: m.userId, role: 'presales', access: m.access, isOwner: false }),
    ),
  ];
}

export function scopeAllowsRow(scope: RowScope, ownerId: string, team: readonly TeamMemberRow[]): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'scoped':
      return (
        scope.ownerIds.includes(ownerId) ||
        team.some(
          (m) => scope.memberIds.includes(m.userId) && (scope.minAccess === 'read' || m.access === 'edit'),
        )
      );
  }
}

/** Walks every page of a list; fails on a cursor loop. */
export async function walkPages<T>(
  fetch: (cursor: string | undefined) => Promise<Page<T>>,
  max: number,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page <= max + 1; page += 1) {
    const result = await fetch(cursor);
    items.push(...result.items);
    if (result.nextCursor === null) return items;
    cursor = result.nextCursor;
  }
  throw new Error(`pagination did not end after ${max + 2} pages`);
}

/** True when `rows` are newest first (by createdAt), ties broken by id in one consistent direction. */
export function isNewestFirst(rows: readonly { id: string; createdAt: string }[]): boolean {
  const sorted = (idDir: 1 | -1) =>
    [...rows]
      .sort((a, b) =>
        a.createdAt === b.createdAt ? idDir * (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? 1 : -1,
      )
      .map((r) => r.id)
      .join('\n');
  const actual = rows.map((r) => r.id).join('\n');
  return actual === sorted(1) || actual === sorted(-1);
}
