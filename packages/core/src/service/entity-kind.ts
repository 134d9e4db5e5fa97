import type { ProtectedRecord } from '../access/model.js';
import type { EntityType } from '../domain/history.js';
import type { EffectHandlers } from '../lifecycle/effect-handlers.js';
import type { StorageTx } from '../storage/crm-storage.js';
import type { RecordStore } from '../storage/repositories.js';
import type { ChangeAccess, CommandContext } from './context.js';

/** `fresh`: the record was created in this command, so nothing derived from it is stored yet. */
export interface FreshOption {
  fresh?: boolean;
}

/**
 * What a derived-row sync is told: `fresh`, who the record as written is visible to (its owner and
 * governing team), and for an update the version it replaced and who could see that one.
 */
export interface DerivedOptions<T = unknown> extends FreshOption {
  access: ChangeAccess;
  /**
   * The stored version this write replaced (an update): a sync whose source fields and access are
   * the same in both may keep its rows as they are (search keys of a name no command changed).
   */
  before?: T;
  accessBefore?: ChangeAccess;
}

/** How the service reaches, owns, scopes and keeps current each kind of protected record. */
export interface EntityKind<T> {
  type: EntityType;
  /** The word used in NotFound messages. */
  label: string;
  store(tx: StorageTx): RecordStore<T, unknown>;
  ownerOf(record: T): string;
  teamKeyOf(record: T): string;
  /**
   * Brings what is derived from the record (its reminders) in line with the record as just written.
   * The command context runs it after every insert and update, inside the same transaction, so no
   * command has to remember to and a derived row can never describe a state that was rolled back.
   */
  syncDerived?(ctx: CommandContext, record: T, options: DerivedOptions<T>): Promise<void>;
  /**
   * The access of another record whose readers read this one too (an activity's contact, order or
   * service case): `ProtectedRecord.subject`. The SQL scope mirrors it (`readThrough` of the spec).
   */
  readsThrough?(ctx: CommandContext, record: T): Promise<ProtectedRecord | null>;
}

/** A record kind with a lifecycle: which field holds its state and what each effect changes on it. */
export interface LifecycleKind<T, S extends string = string> extends EntityKind<T> {
  stateField: keyof T & string;
  /** The record fields an accepted decision's effects set (a lost deal's reason, a resolved case's resolution …). */
  effects: EffectHandlers<T>;
  /** Never used at run time; ties the kind to its state type. */
  readonly _state?: S;
}
