import { type Migration, type SqlBool, sql } from 'kysely';
import type { AnyDb } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';

/**
 * The tables whose scoped first pages are merged from index ranges (`records/scoped-page.ts`)
 * instead of walked newest first. Their specs say `scopeKeyed`.
 */
export const SCOPE_KEYED_TABLES = ['leads', 'opportunities', 'activities', 'cost_entries'] as const;

/** The seat a row's `team_owner_id` copies: its governing team's owner row with edit access. */
const ownerSeatSqlite = (row: string) => `${row}.is_owner = 1 and ${row}.access = 'edit'`;
const ownerSeatPg = (row: string) => `${row}.is_owner and ${row}.access = 'edit'`;

/**
 * Scope keys on the listed rows (migration 0023). A row is visible to a scope when its owner is in
 * the scope, or a person of the scope sits on its governing team. Almost every seat is a team's
 * owner row (the deal owner on the deal team, which also governs the deal's activities and
 * costs), so each row now carries that seat's user as `team_owner_id`, kept by triggers on every
 * write that can change it: a team's owner row written or deleted (transfers, team edits, merges,
 * imports) and a row's `team_key` changed (an activity or cost moved to another deal). A scope's
 * page is then the merge of a few index ranges, one per owner id, one per team-owner id and one per
 * other seat, each read newest first from its own index.
 *
 * One owner row per team is the domain's rule (`setTeam` writes exactly one); the unique index
 * makes it the database's too, since the copy on the rows is only exact under it.
 */
export function scopeKeys(engine: SqlEngine): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createIndex('team_members_one_owner_uq')
        .on('team_members')
        .columns(['tenant_id', 'team_key'])
        .unique()
        .where(sql<SqlBool>`${sql.raw(engine.name === 'sqlite' ? 'is_owner = 1' : 'is_owner')}`)
        .execute();
      // A scope's other seats (not the copied owner seat) are read from the index alone.
      await db.schema
        .createIndex('team_members_seats_ix')
        .on('team_members')
        .columns(['tenant_id', 'user_id', 'is_owner', 'access', 'team_key'])
        .execute();
      for (const table of SCOPE_KEYED_TABLES) {
        await db.schema.alterTable(table).addColumn('team_owner_id', engine.types.text).execute();
        // Newest first within one owner, one team owner, one team: each a range of its own index.
        for (const column of ['owner_id', 'team_owner_id', 'team_key']) {
          await db.schema
            .createIndex(`${table}_${column}_page_ix`)
            .on(table)
            .columns(['tenant_id', column, 'created_at', 'id'])
            .execute();
        }
        // Superseded by the page indexes above (same leading columns).
        await db.schema.dropIndex(`${table}_owner_id_created_at_ix`).execute();
        await db.schema.dropIndex(`${table}_team_key_ix`).execute();
      }
      // A fresh database runs this before 0082 adds the column; 0082 then makes the index itself.
      const { rows } = await (engine.name === 'sqlite'
        ? sql`select 1 from pragma_table_info('activities') where name = 'regarding_kind'`
        : sql`select 1 from information_schema.columns where table_schema = current_schema()
            and table_name = 'activities' and column_name = 'regarding_kind'`
      ).execute(db);
      if (rows.length > 0) await regardingPageIndex(db);
      if (engine.name === 'sqlite') await sqliteTriggers(db);
      else await postgresTriggers(db);
      for (const table of SCOPE_KEYED_TABLES) {
        await sql`update ${sql.table(table)} set team_owner_id = (
            select m.user_id from team_members m
            where m.tenant_id = ${sql.table(table)}.tenant_id and m.team_key = ${sql.table(table)}.team_key
              and ${sql.raw(engine.name === 'sqlite' ? ownerSeatSqlite('m') : ownerSeatPg('m'))})`.execute(
          db,
        );
      }
    },
  };
}

/** An activity read through its subject: each subject kind's rows newest first. */
export async function regardingPageIndex(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex('activities_regarding_page_ix')
    .on('activities')
    .columns(['tenant_id', 'regarding_kind', 'created_at', 'id'])
    .execute();
}

async function sqliteTriggers(db: AnyDb): Promise<void> {
  const ownerOf = (row: 'new' | 'old') =>
    `(select m.user_id from team_members m where m.tenant_id = ${row}.tenant_id and m.team_key = ${row}.team_key and ${ownerSeatSqlite('m')})`;
  const each = (statement: (table: string) => string) => SCOPE_KEYED_TABLES.map(statement).join('\n');
  await sql
    .raw(`create trigger team_members_owner_insert after insert on team_members
      when ${ownerSeatSqlite('new')}
      begin
        ${each((t) => `update ${t} set team_owner_id = new.user_id where tenant_id = new.tenant_id and team_key = new.team_key;`)}
      end`)
    .execute(db);
  await sql
    .raw(`create trigger team_members_owner_delete after delete on team_members
      when ${ownerSeatSqlite('old')}
      begin
        ${each((t) => `update ${t} set team_owner_id = null where tenant_id = old.tenant_id and team_key = old.team_key and team_owner_id = old.user_id;`)}
      end`)
    .execute(db);
  // No command updates a seat in place (teams are replaced), but an UPDATE must not go stale either.
  await sql
    .raw(`create trigger team_members_owner_update after update on team_members
      begin
        ${each(
          (t) => `update ${t} set team_owner_id = (select m.user_id from team_members m
            where m.tenant_id = ${t}.tenant_id and m.team_key = ${t}.team_key and ${ownerSeatSqlite('m')})
            where tenant_id in (old.tenant_id, new.tenant_id) and team_key in (old.team_key, new.team_key);`,
        )}
      end`)
    .execute(db);
  for (const table of SCOPE_KEYED_TABLES) {
    // Only when the team already exists (a record is usually inserted before its team, whose own
    // trigger then fills the column): one index probe on the common path.
    await sql
      .raw(`create trigger ${table}_team_owner_insert after insert on ${table}
        when exists ${ownerOf('new')}
        begin update ${table} set team_owner_id = ${ownerOf('new')} where tenant_id = new.tenant_id and id = new.id; end`)
      .execute(db);
    await sql
      .raw(`create trigger ${table}_team_owner_move after update of team_key on ${table}
        when old.team_key is not new.team_key
        begin update ${table} set team_owner_id = ${ownerOf('new')} where tenant_id = new.tenant_id and id = new.id; end`)
      .execute(db);
  }
}

async function postgresTriggers(db: AnyDb): Promise<void> {
  const each = (statement: (table: string) => string) => SCOPE_KEYED_TABLES.map(statement).join('\n');
  await sql
    .raw(`create or replace function gongfu_row_team_owner() returns trigger language plpgsql as $$
      begin
        new.team_owner_id := (select m.user_id from team_members m
          where m.tenant_id = new.tenant_id and m.team_key = new.team_key and ${ownerSeatPg('m')});
        return new;
      end $$`)
    .execute(db);
  await sql
    .raw(`create or replace function gongfu_team_owner_rows() returns trigger language plpgsql as $$
      begin
        if tg_op in ('DELETE', 'UPDATE') and old.is_owner and old.access = 'edit' then
          ${each((t) => `update ${t} set team_owner_id = null where tenant_id = old.tenant_id and team_key = old.team_key and team_owner_id = old.user_id;`)}
        end if;
        if tg_op in ('INSERT', 'UPDATE') and new.is_owner and new.access = 'edit' then
          ${each((t) => `update ${t} set team_owner_id = new.user_id where tenant_id = new.tenant_id and team_key = new.team_key;`)}
        end if;
        return null;
      end $$`)
    .execute(db);
  await sql
    .raw(`create trigger team_members_owner_rows after insert or update or delete on team_members
      for each row execute function gongfu_team_owner_rows()`)
    .execute(db);
  for (const table of SCOPE_KEYED_TABLES) {
    await sql
      .raw(`create trigger ${table}_team_owner_insert before insert on ${table}
        for each row execute function gongfu_row_team_owner()`)
      .execute(db);
    await sql
      .raw(`create trigger ${table}_team_owner_move before update of team_key on ${table}
        for each row when (old.team_key is distinct from new.team_key) execute function gongfu_row_team_owner()`)
      .execute(db);
  }
}
