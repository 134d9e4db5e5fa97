import { fieldIssue, ValidationError } from '../kernel/errors.js';
import { sayAccess } from './access-messages.js';
import type { OrgUser } from './model.js';

/** A `managerId` the chart ignores, so that the service can report the bad data instead of hanging on it. */
export interface BrokenReportingLink {
  userId: string;
  managerId: string;
  reason: 'cycle' | 'unknown_manager';
}

export interface OrgChartOptions {
  /** Display names for the English `detail` sentences; ids are used when absent. */
  nameOf?: (userId: string) => string | undefined;
}

/**
 * The reporting lines of an organisation: a forest of any depth. Built once per request from the user
 * table and then queried many times, so the cleanup happens here, in one place:
 * - a `managerId` that closes a loop (A→B→A, or A→A) is cut for every user on the loop, making them tree
 *   roots. Cutting fails closed — corrupt data can only take access away, never grant a loop of
 *   people power over each other — and it guarantees every walk below terminates;
 * - a `managerId` naming an unknown user is cut too (the user becomes a root).
 * Both are listed in `brokenLinks`. Duplicate user ids are rejected, because they make "who is this
 * user's manager" ambiguous.
 */
export class OrgChart {
  readonly brokenLinks: readonly BrokenReportingLink[];
  private readonly byId = new Map<string, OrgUser>();
  private readonly parent = new Map<string, string>();
  private readonly children = new Map<string, string[]>();
  private readonly names: OrgChartOptions['nameOf'];
  private readonly outsiders = new Map<string, readonly string[]>();

  constructor(users: readonly OrgUser[], options: OrgChartOptions = {}) {
    this.names = options.nameOf;
    users.forEach((u, i) => {
      if (this.byId.has(u.id)) {
        throw new ValidationError([
          fieldIssue(`users.${i}.id`, sayAccess('access.invalid.userTwice', { id: u.id })),
        ]);
      }
      this.byId.set(u.id, u);
    });
    const broken: BrokenReportingLink[] = [];
    const onCycle = findCycleMembers(this.byId);
    for (const u of users) {
      if (u.managerId === null) continue;
      if (!this.byId.has(u.managerId)) {
        broken.push({ userId: u.id, managerId: u.managerId, reason: 'unknown_manager' });
      } else if (onCycle.has(u.id)) {
        broken.push({ userId: u.id, managerId: u.managerId, reason: 'cycle' });
      } else {
        this.parent.set(u.id, u.managerId);
        const siblings = this.children.get(u.managerId);
        if (siblings) siblings.push(u.id);
        else this.children.set(u.managerId, [u.id]);
      }
    }
    this.brokenLinks = broken;
  }

  get(id: string): OrgUser | undefined {
    return this.byId.get(id);
  }

  users(): OrgUser[] {
    return [...this.byId.values()];
  }

  nameOf(id: string): string {
    return this.names?.(id) ?? id;
  }

  /** The effective manager (after cutting broken links). */
  managerOf(id: string): string | null {
    return this.parent.get(id) ?? null;
  }

  /** All ancestors, nearest first. */
  managersOf(id: string): string[] {
    const out: string[] = [];
    for (let m = this.parent.get(id); m !== undefined; m = this.parent.get(m)) out.push(m);
    return out;
  }

  /** The user and everyone reporting to them, directly or not; the user first. */
  subtreeOf(id: string): string[] {
    const out = [id];
    for (let i = 0; i < out.length; i++) out.push(...(this.children.get(out[i]!) ?? []));
    return out;
  }

  /**
   * Everyone not in the user's subtree, kept per user: the chart lives as long as the org stamp, so
   * a report's wide scope names its outsiders without reading the tenant's user ids per call.
   */
  outsidersOf(id: string): readonly string[] {
    let out = this.outsiders.get(id);
    if (out === undefined) {
      const inside = new Set(this.subtreeOf(id));
      out = [...this.byId.keys()].filter((u) => !inside.has(u));
      this.outsiders.set(id, out);
    }
    return out;
  }

  /** How many levels `managerId` sits above `userId`, or null when not above (a user is not above self). */
  levelsAbove(managerId: string, userId: string): number | null {
    // The chain walked in place, not `managersOf(userId).indexOf(…)`: every load asks this, and the
    // array of ancestors was garbage at once.
    let level = 1;
    for (let m = this.parent.get(userId); m !== undefined; m = this.parent.get(m), level++)
      if (m === managerId) return level;
    return null;
  }

  isAbove(managerId: string, userId: string): boolean {
    return this.levelsAbove(managerId, userId) !== null;
  }
}

/** Users whose own manager chain leads back to themselves (three-colour walk, linear time). */
function findCycleMembers(byId: ReadonlyMap<string, OrgUser>): Set<string> {
  const done = new Set<string>();
  const members = new Set<string>();
  for (const start of byId.keys()) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let cur: string | undefined = start;
    while (cur !== undefined && !done.has(cur) && !onPath.has(cur)) {
      path.push(cur);
      onPath.add(cur);
      const managerId: string | null | undefined = byId.get(cur)?.managerId;
      cur = managerId != null && byId.has(managerId) ? managerId : undefined;
    }
    if (cur !== undefined && onPath.has(cur)) {
      for (const id of path.slice(path.indexOf(cur))) members.add(id);
    }
    for (const id of path) done.add(id);
  }
  return members;
}
