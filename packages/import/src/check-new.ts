import {
  type ActorRef,
  type CreateAccountInput,
  type CreateContactInput,
  type Crm,
  createAccountInput,
  createContactInput,
  parseInput,
} from '@gongfu/core';
import { type DuplicateCandidate, describeMatch } from './describe-match.js';
import { AccountIndex, ContactIndex } from './duplicate-index.js';
import { loadAccountIndex, loadContactIndex } from './load-index.js';

/**
 * Before saving one new customer: the existing customers it probably duplicates (every customer of
 * the tenant is compared, not only the actor's), described as the actor may be told of them — a
 * customer the rep may not open is never named. Validates the input like `accounts.create`.
 * @example
 * ```ts
 * const candidates = await checkNewAccount(crm, jia, { name: '青岛瑞达信息技术有限公司', kind: 'end_user' });
 * // [{ visible: true, name: '青岛瑞达信息技术有限公司', ownerName: '销售员乙', message: 'This looks like …' }]
 * ```
 */
export async function checkNewAccount(
  crm: Crm,
  actor: ActorRef,
  input: CreateAccountInput,
): Promise<DuplicateCandidate[]> {
  const data = parseInput(createAccountInput, input);
  const index = await loadAccountIndex(crm, new AccountIndex());
  const matches = index.matches(data);
  return Promise.all(matches.map((m) => describeMatch(crm, actor, 'account', m)));
}

/**
 * Before saving one new contact: the people it probably duplicates — the same name at the same
 * customer, or the same phone or email anywhere — described as the actor may be told of them.
 * @example
 * ```ts
 * const candidates = await checkNewContact(crm, jia, { accountId, name: '王工', mobile: '138 0000 1111' });
 * ```
 */
export async function checkNewContact(
  crm: Crm,
  actor: ActorRef,
  input: CreateContactInput,
): Promise<DuplicateCandidate[]> {
  const data = parseInput(createContactInput, input);
  const accounts = await loadAccountIndex(crm, new AccountIndex());
  const index = await loadContactIndex(crm, new ContactIndex(accounts));
  const matches = index.matches(data);
  return Promise.all(matches.map((m) => describeMatch(crm, actor, 'contact', m)));
}

/**
 * Create a customer unless it probably duplicates one: with `force` it is created anyway. The rep's
 * form calls this once and shows the candidates when nothing was saved.
 * @example
 * ```ts
 * const { account, candidates } = await createAccountChecked(crm, jia, input);
 * if (!account) showWarning(candidates.map((c) => c.message));
 * ```
 */
export async function createAccountChecked(
  crm: Crm,
  actor: ActorRef,
  input: CreateAccountInput,
  options: { force?: boolean } = {},
) {
  const candidates = await checkNewAccount(crm, actor, input);
  if (candidates.length > 0 && !options.force) return { account: null, candidates };
  return { account: await crm.accounts.create(actor, input), candidates };
}
