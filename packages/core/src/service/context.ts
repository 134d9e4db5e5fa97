import { sayAccess } from '../access/access-messages.js';
import { accessSources } from '../access/access-sources.js';
import { authorize, ownerPermits, permits } from '../access/authorize.js';
import { type AccessExplanation, explainAccess } from '../access/explain-access.js';
import type { Action, Grant, OrgUser, ProtectedRecord } from '../access/model.js';
import { OrgChart } from '../access/org-chart.js';
import type { RecordBase } from '../domain/common.js';
import { customValues } from '../domain/custom-field-check.js';
import { customKindOf } from '../domain/custom-fields.js';
import type { AccessLevel } from '../domain/enums.js';
import type { EntityType } from '../domain/history.js';
import { ConcurrencyError, NotFoundError, PermissionDeniedError } from '../kernel/errors.js';
import { entityName } from '../kernel/kernel-messages.js';
import { merged } from '../kernel/merged.js';
import { type Locale, type Message, renderMessage } from '../kernel/message.js';
import type { Instant } from '../kernel/time.js';
import type { Accepted } from '../lifecycle/decision.js';
import { patchFromEffects } from '../lifecycle/effect-handlers.js';
import type { ActivityRegarding } from '../sales/activities/activity.js';
import { resolveTenantConfig, type TenantConfig } from '../sales/config/tenant-config.js';
import type { LoggedChange } from '../sales/events/events-of-change.js';
import type { User } from '../sales/org/user.js';
import type { Product } from '../sales/products/product.js';
import { ProductCache } from '../sales/products/product-cache.js';
import { type ReminderConfig, withTenantRules } from '../sales/reminders/reminder-config.js';
import type { StorageTx } from '../storage/crm-storage.js';
import type { TeamMemberRow } from '../storage/repositories.js';
import type { RowScope } from '../storage/scope.js';
import { SYSTEM_ACTOR_ID, systemUser } from './actor.js';
import { diffRecords } from './changes.js';
import type { EntityKind, LifecycleKind } from './entity-kind.js';
import { RecentSubjects } from './recent-subjects.js';
import { newRecordBase } from './record-stamp.js';
import { scanAll } from './scan-all.js';
import type { ServiceSettings } from './settings.js';

const ALL: RowScope = { kind: 'all' };

/** Who may see a logged change: the record's owner and its governing team (see RowScope). */
export interface ChangeAccess {
  ownerId: string;
  teamKey: string;
}

/** Everything one command needs: its transaction, the acting user, the org chart and "now". */
export class CommandContext {
  /**
   * Every change this command logged, in order: the runner appends them to the change feed as the
   * command's last write, so the feed's per-tenant lock is held only while the transaction commits.
   */
  readonly logged: LoggedChange[] = [];

  private constructor(
    readonly tx: StorageTx,
    readonly actor: User,
    readonly org: OrgChart,
    readonly users: ReadonlyMap<string, User>,
    readonly now: Instant,
    readonly settings: ServiceSettings,
    /** The tenant's configuration in force when the command began (cached with the org chart). */
    readonly config: TenantConfig,
    /** The reminder rules for this tenant: the service's, with the tenant's own laid on top. */
    readonly reminders: ReminderConfig,
    private readonly caches: ServiceCaches,
    /** The language of the call (`crm.with({ locale })`, else the service's). */
    readonly locale: Locale,
  ) {}

  static async open(
    tx: StorageTx,
    actorId: string,
    settings: ServiceSettings,
    caches: ServiceCaches = newServiceCaches(),
    locale: Locale = settings.locale,
  ): Promise<CommandContext> {
    const now = settings.clock.now();
    const { users, org, config, reminders } = await caches.org.load(tx, settings);
    const actor = actorId === SYSTEM_ACTOR_ID ? systemUser(tx.tenantId, now) : users.get(actorId);
    if (!actor) throw new NotFoundError('user', actorId);
    if (!actor.active) {
      throw new PermissionDeniedError(
        sayAccess('access.action.act'),
        sayAccess('access.denied.inactive', { name: actor.name }),
      );
    }
    return new CommandContext(tx, actor, org, users, now, settings, config, reminders, caches, locale);
  }

  /** A message as text in the call's language, with the app's catalogues laid over the built-in ones. */
  say(msg: Message): string {
    return renderMessage(msg, this.locale, this.settings.catalogues);
  }

  /** The catalogue entries of these SKUs (those that exist, active or not), by SKU. */
  productsBySku(skus: readonly string[]): Promise<ReadonlyMap<string, Product>> {
    return this.caches.products.bySku(this.tx, skus);
  }

  /** The records the calendar reads of this service labelled last time (a hint: `RecentSubjects`). */
  calendarSubjects(): RecentSubjects<ActivityRegarding> {
    return this.caches.calendarSubjects;
  }

  newId(prefix: string): string {
    return this.settings.ids.next(prefix);
  }

  /** The fields a new record starts with: this tenant, a fresh id, version 1, created and updated now. */
  stamp(prefix: string): RecordBase {
    return newRecordBase(this.tx.tenantId, this.settings.ids, prefix, this.now);
  }

  userName(id: string): string {
    return this.users.get(id)?.name ?? id;
  }

  activeUser(id: string, field: string): User {
    const user = this.users.get(id);
    if (!user) throw new NotFoundError('user', id);
    if (!user.active) {
      throw new PermissionDeniedError(
        sayAccess('access.action.assign', { field }),
        sayAccess('access.denied.hasLeft', { name: user.name }),
      );
    }
    return user;
  }

  get actorOrgUser(): OrgUser {
    return this.actor;
  }

  /** Rows this actor may see (or edit), as data the storage compiles into SQL. */
  scope(level: AccessLevel = 'read'): RowScope {
    if (!this.actor.active) return { kind: 'none' };
    if (this.actor.role === 'admin') return ALL;
    const subtree = this.org.subtreeOf(this.actor.id);
    const outsiders = this.org.outsidersOf(this.actor.id);
    return { kind: 'scoped', ownerIds: subtree, memberIds: subtree, minAccess: level, outsiders };
  }

  async protectedRecord<T>(kind: EntityKind<T>, record: T): Promise<ProtectedRecord> {
    const own = await this.ownProtection(kind, record);
    return own.customer ? this.withDealTeams(kind, record, own.target) : own.target;
  }

  /**
   * The record's access from its owner, its governing team and the record it is about; `customer`
   * when the deal teams of its deals may add readers (an account, a contact), read by `withDealTeams`.
   */
  private async ownProtection<T>(
    kind: EntityKind<T>,
    record: T,
  ): Promise<{ target: ProtectedRecord; customer: boolean }> {
    const members = await this.tx.teams.members(kind.teamKeyOf(record));
    const ownerId = kind.ownerOf(record);
    // The governing team holds its owner's row so children of the deal are visible to them; on the
    // deal itself that row only repeats ownership, so it is not listed again as a team grant.
    const grants = members.filter((m) => !(m.isOwner && m.userId === ownerId)).map(toGrant);
    const subject = await kind.readsThrough?.(this, record);
    if (subject) return { target: { ownerId, grants, subject }, customer: false };
    return { target: { ownerId, grants }, customer: kind.type === 'account' || kind.type === 'contact' };
  }

  private async withDealTeams<T>(
    kind: EntityKind<T>,
    record: T,
    own: ProtectedRecord,
  ): Promise<ProtectedRecord> {
    return { ...own, dealTeamGrants: await this.dealTeamsOn(kind.teamKeyOf(record)) };
  }

  /**
   * The first of `actions` that `user` may not take on the record, with the refusal, or null when
   * all are allowed. A customer's deal teams are read only when the rest does not allow an action:
   * a grant only ever adds access, so what is allowed without them is allowed with them, and a
   * customer its owner, team or managers open costs no scan of its deals and their teams (two round
   * trips on PostgreSQL). A refusal is always decided on everything, so its reason is too.
   */
  private async refusal<T>(
    kind: EntityKind<T>,
    record: T,
    user: OrgUser,
    actions: readonly Action[],
  ): Promise<{ action: Action; reasonDetail: Message } | null> {
    // An active owner holds the owner grant, which permits reading, editing and managing the team
    // outright: those need no read of the team (a statement on every command of an owner).
    if (user.active && kind.ownerOf(record) === user.id && actions.every(ownerPermits)) return null;
    const own = await this.ownProtection(kind, record);
    let target = own.target;
    let complete = !own.customer;
    // One list of sources for every action (an inactive user has none): `authorize` per action built
    // it again for each. The refusal itself, rare, is still `authorize`'s, sentence and all.
    let sources = accessSources(this.org, user, target);
    for (const action of actions) {
      if (permits(sources, action)) continue;
      if (!complete) {
        target = await this.withDealTeams(kind, record, target);
        complete = true;
        sources = accessSources(this.org, user, target);
        if (permits(sources, action)) continue;
      }
      const result = authorize(this.org, user, action, target);
      if (!result.allowed) return { action, reasonDetail: result.reasonDetail };
    }
    return null;
  }

  /** Every seat on the teams of the deals on a customer (owner rows too): they read the customer. */
  private async dealTeamsOn(accountId: string): Promise<Grant[]> {
    const deals = await scanAll(this.tx.opportunities, { accountId: [accountId] });
    if (deals.length === 0) return [];
    const teams = await this.tx.teams.membersOfMany(deals.map((d) => d.id));
    return [...teams.values()].flat().map(toGrant);
  }

  /**
   * Load a record the actor may act on. A record the actor may not even read is reported exactly
   * like a missing one, so ids cannot be probed.
   */
  async load<T>(kind: EntityKind<T>, id: string, action: Action = 'read'): Promise<T> {
    const record = await kind.store(this.tx).get(id);
    if (!record) throw new NotFoundError(kind.label, id);
    await this.authorize(kind, record, action);
    return record;
  }

  async authorize<T>(kind: EntityKind<T>, record: T, action: Action): Promise<void> {
    const refused = await this.refusal(
      kind,
      record,
      this.actor,
      action === 'read' ? ['read'] : ['read', action],
    );
    if (refused === null) return;
    if (refused.action === 'read') throw new NotFoundError(kind.label, (record as { id: string }).id);
    const what = sayAccess(`access.action.${action}`, { entity: entityName(kind.label) });
    throw new PermissionDeniedError(what, refused.reasonDetail);
  }

  /**
   * Whether `userId` (the actor unless given) may `action` the record, without throwing: for texts
   * addressed to someone (a reminder, a report row) that may only name what that reader may open.
   */
  async allows<T>(
    kind: EntityKind<T>,
    record: T,
    action: Action = 'read',
    userId: string = this.actor.id,
  ): Promise<boolean> {
    const user = userId === this.actor.id ? this.actor : this.users.get(userId);
    if (!user) return false;
    return (await this.refusal(kind, record, user, [action])) === null;
  }

  async explain<T>(kind: EntityKind<T>, record: T): Promise<AccessExplanation> {
    return explainAccess(this.org, this.actor, await this.protectedRecord(kind, record));
  }

  /** Fail fast when the caller read an older version than the one stored. */
  checkVersion(entity: string, record: { id: string; version: number }, expected: number | undefined): void {
    if (expected !== undefined && expected !== record.version) {
      throw new ConcurrencyError(entity, record.id, expected, record.version);
    }
  }

  async insert<T extends { id: string; version: number }>(
    kind: EntityKind<T>,
    record: T,
    event: string,
    meta: Record<string, unknown> | null = null,
  ): Promise<T> {
    await kind.store(this.tx).insert(record);
    await this.history(
      kind.type,
      record.id,
      event,
      null,
      record,
      record.version,
      meta,
      accessOf(kind, record),
    );
    await kind.syncDerived?.(this, record, { fresh: true, access: accessOf(kind, record) });
    return record;
  }

  /** Write the next version of a record (compare-and-set on the version read) and log the change. */
  async update<T extends { id: string; version: number; updatedAt: string }>(
    kind: EntityKind<T>,
    before: T,
    changes: Partial<T>,
    event: string,
    meta: Record<string, unknown> | null = null,
  ): Promise<T> {
    // Spread, then set keys the record already has: a spread followed by a key new to its source
    // would give every next version a hidden class of its own (kernel/merged.ts). A change naming a
    // field the stored record lacks still costs that, and only that write.
    const after = { ...before, ...changes } as T;
    after.version = before.version + 1;
    after.updatedAt = this.now;
    // Custom values arrive as the caller's patch; every write of them is checked here, in one place.
    const customKind = customKindOf(kind.type);
    if (customKind !== undefined && (changes as { custom?: unknown }).custom !== undefined) {
      const current = (before as { custom?: object }).custom;
      (after as { custom?: object }).custom = customValues(
        this.settings.customFields,
        customKind,
        current,
        (changes as { custom?: object }).custom,
      );
    }
    await kind.store(this.tx).update(after, before.version);
    const access = accessOf(kind, after);
    await this.history(kind.type, after.id, event, before, after, after.version, meta, access);
    await kind.syncDerived?.(this, after, { access, before, accessBefore: accessOf(kind, before) });
    return after;
  }

  /**
   * Write an accepted lifecycle decision: the record's new state, the command's own changes and
   * what the decision's effects change on the record, with one history event that names the effects.
   * This is the one place a decision's effects are executed; derived rows follow through `update`.
   */
  async transition<T extends { id: string; version: number; updatedAt: string }, S extends string>(
    kind: LifecycleKind<T, S>,
    before: T,
    decision: Accepted<S>,
    step: { event: string; changes?: Partial<T>; meta?: Record<string, unknown> | null },
  ): Promise<T> {
    const changes = merged(
      merged(step.changes ?? {}, patchFromEffects(kind.effects, before, decision.effects, this.now)),
      { [kind.stateField]: decision.to },
    ) as Partial<T>;
    const meta =
      decision.effects.length > 0
        ? merged(step.meta ?? {}, { effects: decision.effects })
        : (step.meta ?? null);
    return this.update(kind, before, changes, step.event, meta);
  }

  async history(
    entityType: EntityType,
    entityId: string,
    event: string,
    before: object | null,
    after: object | null,
    version: number,
    meta: Record<string, unknown> | null = null,
    /** Who may see the change in the feed; without it only admins (and the system actor) do. */
    access: ChangeAccess = { ownerId: '', teamKey: '' },
  ): Promise<void> {
    const changes = diffRecords(before, after);
    await this.tx.history.append([
      { entityType, entityId, event, actorId: this.actor.id, at: this.now, version, changes, meta },
    ]);
    this.logged.push({
      entityType,
      entityId,
      name: event,
      actorId: this.actor.id,
      at: this.now,
      version,
      created: before === null && after !== null,
      deleted: before !== null && after === null,
      changes,
      meta,
      ...access,
    });
  }

  /**
   * Keep the governing team's owner row in step with the record's owner. `fresh` says the record
   * was created in this command, so there is nothing to delete first.
   */
  async setTeam(
    teamKey: string,
    ownerId: string,
    members: readonly Omit<TeamMemberRow, 'isOwner'>[],
    options: { fresh?: boolean } = {},
  ): Promise<void> {
    const rows: TeamMemberRow[] = [{ userId: ownerId, role: 'sales', access: 'edit', isOwner: true }];
    for (const m of members) if (m.userId !== ownerId) rows.push({ ...m, isOwner: false });
    if (options.fresh) await this.tx.teams.create(teamKey, rows);
    else await this.tx.teams.replace(teamKey, rows);
  }
}

/** The owner and governing team of a record, as the feed stores them beside its events. */
export function accessOf<T>(kind: EntityKind<T>, record: T): ChangeAccess {
  return { ownerId: kind.ownerOf(record), teamKey: kind.teamKeyOf(record) };
}

function toGrant(row: TeamMemberRow): Grant {
  return { userId: row.userId, role: row.role, access: row.access };
}

/** What one service instance (one tenant) reuses across its commands, each validated by a stamp. */
export interface ServiceCaches {
  org: OrgCache;
  products: ProductCache;
  /** The records each calendar read labelled last time (`calendarSubjects`). */
  calendarSubjects: RecentSubjects<ActivityRegarding>;
}

export function newServiceCaches(): ServiceCaches {
  return { org: new OrgCache(), products: new ProductCache(), calendarSubjects: new RecentSubjects() };
}

interface TenantSetup {
  users: ReadonlyMap<string, User>;
  org: OrgChart;
  config: TenantConfig;
  reminders: ReminderConfig;
}

/**
 * The tenant's users, org chart and configuration, reused across commands while the storage's org
 * stamp is unchanged (a saved configuration version moves it too: `ConfigStore.append`). The stamp
 * is read inside each command's transaction, so a role change, a new manager, a deactivation or a
 * configuration change made by any app server is seen by the very next command, and checking the
 * tenant's lists or computing its reminders costs no read of its own.
 */
export class OrgCache {
  private cached: (TenantSetup & { stamp: string }) | null = null;

  async load(tx: StorageTx, settings: Pick<ServiceSettings, 'reminders'>): Promise<TenantSetup> {
    const stamp = await tx.org.stamp();
    if (this.cached?.stamp === stamp) return this.cached;
    const users = await loadUsers(tx);
    const org = new OrgChart([...users.values()], { nameOf: (id) => users.get(id)?.name });
    const config = resolveTenantConfig(await tx.configs.latest());
    const reminders = withTenantRules(settings.reminders, config.reminders);
    this.cached = { stamp, users, org, config, reminders };
    return this.cached;
  }
}

async function loadUsers(tx: StorageTx): Promise<Map<string, User>> {
  return new Map((await scanAll(tx.users, undefined)).map((u) => [u.id, u]));
}
