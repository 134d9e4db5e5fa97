import type { CrmStorage } from '../storage/crm-storage.js';
import { type ActorRef, actorIdOf } from './actor.js';
import { CommandContext, OrgCache } from './context.js';
import type { ServiceSettings } from './settings.js';

/** Runs one command or query: one transaction, one acting user, one "now". */
export interface Runner {
  readonly settings: ServiceSettings;
  write<T>(actor: ActorRef, fn: (ctx: CommandContext) => Promise<T>): Promise<T>;
  read<T>(actor: ActorRef, fn: (ctx: CommandContext) => Promise<T>): Promise<T>;
}

export function createRunner(storage: CrmStorage, settings: ServiceSettings): Runner {
  const options = { tenantId: settings.tenantId };
  // One cache per service instance (and so per tenant); validated by stamp on every command.
  const orgCache = new OrgCache();
  return {
    settings,
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
