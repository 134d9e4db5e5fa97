import type { TeamMemberRow, TeamStore } from '@gongfu/core';
import { executeCached, writeCached } from '../records/compiled-cache.js';
import type { StoreContext } from '../records/store-context.js';
import { rowValues } from './row-values.js';

const CHUNK = 500;
const TEAM = { entity: 'team' };

/** Membership rows per governing record; the scope filter joins them by (tenant_id, team_key, user_id). */
export class SqlTeamStore implements TeamStore {
  constructor(private readonly ctx: StoreContext) {}

  async members(teamKey: string): Promise<TeamMemberRow[]> {
    const prefetched = this.ctx.teams?.get(teamKey);
    if (prefetched !== undefined) return prefetched.map((m) => ({ ...m }));
    // Every authorization reads one team: a cached statement, same order as membersOfMany.
    const { rows } = await executeCached<{
      user_id: string;
      role: string;
      access: string;
      is_owner: unknown;
    }>(this.ctx, 'team_members:of', [this.ctx.tenantId, teamKey], () =>
      this.ctx.db
        .selectFrom('team_members')
        .select(['user_id', 'role', 'access', 'is_owner'])
        .where('tenant_id', '=', this.ctx.tenantId)
        .where('team_key', '=', teamKey)
        .orderBy('is_owner', 'desc')
        .orderBy('user_id'),
    );
    return rows.map((r) => ({
      userId: r.user_id,
      role: r.role as TeamMemberRow['role'],
      access: r.access as TeamMemberRow['access'],
      isOwner: this.ctx.engine.decodeBool(r.is_owner),
    }));
  }

  async membersOfMany(teamKeys: readonly string[]): Promise<Map<string, TeamMemberRow[]>> {
    const unique = [...new Set(teamKeys)];
    const out = new Map<string, TeamMemberRow[]>(unique.map((k) => [k, []]));
    for (let i = 0; i < unique.length; i += CHUNK) {
      const rows = await this.ctx.db
        .selectFrom('team_members')
        .select(['team_key', 'user_id', 'role', 'access', 'is_owner'])
        .where('tenant_id', '=', this.ctx.tenantId)
        .where('team_key', 'in', unique.slice(i, i + CHUNK))
        // The owner first, then by user id: a stable order callers can compare.
        .orderBy('team_key')
        .orderBy('is_owner', 'desc')
        .orderBy('user_id')
        .execute();
      for (const r of rows) {
        out.get(String(r.team_key))?.push({
          userId: r.user_id,
          role: r.role,
          access: r.access,
          isOwner: this.ctx.engine.decodeBool(r.is_owner),
        });
      }
    }
    return out;
  }

  async replace(teamKey: string, members: readonly TeamMemberRow[]): Promise<void> {
    this.ctx.teams?.clear();
    await writeCached(
      this.ctx,
      'team_members:delete',
      [this.ctx.tenantId, teamKey],
      () =>
        this.ctx.db
          .deleteFrom('team_members')
          .where('tenant_id', '=', this.ctx.tenantId)
          .where('team_key', '=', teamKey),
      TEAM,
    );
    await this.create(teamKey, members);
  }

  async create(teamKey: string, members: readonly TeamMemberRow[]): Promise<void> {
    this.ctx.teams?.clear();
    if (members.length === 0) return;
    const rows = members.map((m) => ({
      tenant_id: this.ctx.tenantId,
      team_key: teamKey,
      user_id: m.userId,
      role: m.role,
      access: m.access,
      is_owner: this.ctx.engine.encodeBool(m.isOwner),
    }));
    // One shape per team size; teams are small, so few shapes.
    await writeCached(
      this.ctx,
      `team_members:insert:${rows.length}`,
      rowValues(rows),
      () => this.ctx.db.insertInto('team_members').values(rows),
      TEAM,
    );
  }

  async keysOfMember(userId: string): Promise<string[]> {
    const rows = await this.ctx.db
      .selectFrom('team_members')
      .select('team_key')
      .where('tenant_id', '=', this.ctx.tenantId)
      .where('user_id', '=', userId)
      .where('is_owner', '=', this.ctx.engine.encodeBool(false))
      .orderBy('team_key')
      .execute();
    return rows.map((r) => String(r.team_key));
  }
}
