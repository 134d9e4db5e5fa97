import { type Locale, type Message, renderMessage } from '../kernel/message.js';
import type { DomainEventDraft } from '../sales/events/domain-event.js';
import { eventsOfChange } from '../sales/events/events-of-change.js';
import type { CrmStorage, StorageTx } from '../storage/crm-storage.js';
import { type ActorRef, actorIdOf } from './actor.js';
import type { CallInfo } from './call-options.js';
import { CommandContext, type ServiceCaches } from './context.js';
import { fingerprintOf, idempotentWrite } from './idempotent-write.js';
import type { ServiceSettings } from './settings.js';

/** Runs one command or query: one transaction, one acting user, one "now". */
export interface Runner {
  readonly settings: ServiceSettings;
  /** The call being run: its options and, for a command, its name and arguments. */
  readonly call: CallInfo;
  write<T>(actor: ActorRef, fn: (ctx: CommandContext) => Promise<T>): Promise<T>;
  read<T>(actor: ActorRef, fn: (ctx: CommandContext) => Promise<T>): Promise<T>;
  /** The language of this call: its own (`crm.with({ locale })`), else the service's. */
  readonly locale: Locale;
  /** A message rendered in this call's language. */
  say(msg: Message): string;
}

/**
 * `caches` are shared by every runner of one service instance (and so of one tenant); each is
 * validated by a stamp on every command.
 */
export function createRunner(
  storage: CrmStorage,
  settings: ServiceSettings,
  caches: ServiceCaches,
  call: CallInfo = { options: {} },
): Runner {
  const options = { tenantId: settings.tenantId };
  const locale = call.options.locale ?? settings.locale;
  return {
    settings,
    call,
    locale,
    say: (msg) => renderMessage(msg, locale, settings.catalogues),
    write: (actor, fn) => {
      const body = async (tx: StorageTx) => {
        const ctx = await CommandContext.open(tx, actorIdOf(actor), settings, caches, locale);
        const result = await fn(ctx);
        // The command's last write: on PostgreSQL it travels with COMMIT, so the tenant's feed head
        // is locked only while the transaction commits (see FeedStore.append).
        if (settings.changeFeed && ctx.logged.length > 0) {
          // A loop, not `flatMap(eventsOfChange)`: flatMap reads each event back through V8's
          // generic element lookup (storage-sql's stores/row-values.ts says what that cost).
          const events: DomainEventDraft[] = [];
          for (let c = 0; c < ctx.logged.length; c++) {
            const drafts = eventsOfChange(ctx.logged[c] as (typeof ctx.logged)[number]);
            for (let i = 0; i < drafts.length; i++) events.push(drafts[i] as DomainEventDraft);
          }
          await tx.feed.append(events);
        }
        return result;
      };
      const key = call.options.idempotencyKey;
      if (key === undefined || call.command === undefined) return storage.transaction(options, body);
      const actorId = actorIdOf(actor);
      const fingerprint = fingerprintOf(call.command, actorId, (call.args ?? []).slice(1));
      return idempotentWrite(
        storage,
        settings.tenantId,
        { key, actorId, command: call.command, fingerprint, ttlMs: settings.idempotencyTtlMs },
        () => settings.clock.now(),
        (tx) => CommandContext.open(tx, actorId, settings, caches, locale),
        body,
      );
    },
    read: (actor, fn) =>
      storage.read(options, async (tx) =>
        fn(await CommandContext.open(tx, actorIdOf(actor), settings, caches, locale)),
      ),
  };
}
