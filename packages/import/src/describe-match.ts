import type { ActorRef, Crm } from '@gongfu/core';
import type { DuplicateMatch } from './duplicate-index.js';

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
      message: string;
    }
  | { visible: false; ownerName: string | null; probability: number; message: string };

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
      explanation: match.explanation,
      message: `This looks like ${match.name} (owner ${owner ?? match.ownerId}): ${match.explanation}`,
    };
  return {
    visible: false,
    ownerName: owner,
    probability,
    message: owner
      ? `This looks like a ${noun} you cannot open, owned by ${owner}`
      : `This looks like a ${noun} that is already entered; ask your manager before saving`,
  };
}
