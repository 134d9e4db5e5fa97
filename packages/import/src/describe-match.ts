import type { ActorRef, Crm, Message } from '@gongfu/core';
import type { DuplicateMatch } from './duplicate-index.js';
import { sayImport } from './import-messages.js';

/**
 * A probable duplicate as the actor may be told of it. A record the actor may open is named, with
 * its owner and the detector's explanation; one they may not open is never named (nor explained:
 * the explanation quotes its values) — it is "a customer you cannot open", owned by someone the
 * actor may look up, or a neutral sentence when even the owner is not theirs to see.
 */
export type DuplicateCandidate =
  | {
      visible: true;
      id: string;
      name: string;
      ownerId: string;
      ownerName: string;
      probability: number;
      explanation: string;
      /** What the person entering data reads, in the locale of `crm` (see `crm.with({ locale })`). */
      message: string;
      /** The message as a key with parameters. */
      detail: Message;
    }
  | { visible: false; ownerName: string | null; probability: number; message: string; detail: Message };

/** An explanation read alone starts with a capital where the script has capitals. */
export const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const opens = (p: Promise<unknown>) =>
  p.then(
    () => true,
    () => false,
  );

export async function describeMatch(
  crm: Crm,
  actor: ActorRef,
  entity: 'account' | 'contact',
  match: DuplicateMatch,
): Promise<DuplicateCandidate> {
  const noun = entity === 'account' ? 'customer' : 'contact';
  const said = (detail: Message) => ({ message: crm.say(detail), detail });
  const visible = await opens(
    entity === 'account' ? crm.accounts.get(actor, match.id) : crm.contacts.get(actor, match.id),
  );
  const owner = await crm.users.get(actor, match.ownerId).then(
    (u) => u.name,
    () => null,
  );
  const probability = Math.round(match.probability * 1000) / 1000;
  if (visible)
    return {
      visible: true,
      id: match.id,
      name: match.name,
      ownerId: match.ownerId,
      ownerName: owner ?? match.ownerId,
      probability,
      explanation: sentence(crm.say(match.explanationDetail)),
      ...said(
        sayImport('import.duplicate.visible', {
          name: match.name,
          owner: owner ?? match.ownerId,
          explanation: match.explanationDetail,
        }),
      ),
    };
  return {
    visible: false,
    ownerName: owner,
    probability,
    ...said(
      owner
        ? sayImport('import.duplicate.hiddenOwned', { noun, owner })
        : sayImport('import.duplicate.hidden', { noun }),
    ),
  };
}
