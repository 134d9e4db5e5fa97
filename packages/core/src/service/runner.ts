import { type Locale, type Message, renderMessage } from '../kernel/message.js';
import type { CrmStorage } from '../storage/crm-storage.js';
import { type ActorRef, actorIdOf } from './actor.js';
import type { CallInfo } from './call-options.js';
import { CommandContext, type OrgCache } from './context.js';
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
 * `orgCache` is shared by every runner of one service instance (and so of one tenant); it is
 * validated by a stamp on every command.
 */
export function createRunner(
  storage: CrmStorage,
  settings: ServiceSettings,
  orgCache: OrgCache,
  call: CallInfo = { options: {} },
): Runner {
  const options = { tenantId: settings.tenantId };
  const locale = call.options.locale ?? settings.locale;
  return {
    settings,
    call,
    locale,
    say: (msg) => renderMessage(msg, locale, settings.catalogues),
    write: (actor, fn) =>
      storage.transaction(options, async (tx) =>
        fn(await CommandContext.open(tx, actorIdOf(actor), settings, orgCache)),
      ),
    read: (actor, fn) =>
      storage.read(options, async (tx) =>
        fn(await CommandContext.open(tx, actorIdOf(actor), settings, orgCache)),
      ),
  };
}
