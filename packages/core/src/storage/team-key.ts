/**
 * The governing team of every kind of record: whose deal team (or account team) may see it.
 * Storage engines project this into a `team_key` column; the service uses the same function to
 * load the grants it authorizes against, so SQL scoping and in-memory checks cannot drift apart.
 */
export type TeamKeyed =
  | { kind: 'lead'; id: string }
  | { kind: 'opportunity'; id: string }
  | { kind: 'account'; id: string }
  | { kind: 'contact'; accountId: string }
  | { kind: 'order'; id: string; opportunityId: string | null }
  | { kind: 'service_case'; orderId: string; opportunityId: string | null }
  | {
      kind: 'activity' | 'demo_loan' | 'cost' | 'quote';
      id: string;
      opportunityId?: string | null;
      /** An activity about an order or service case: the order's own team, for a direct order. */
      orderId?: string | null;
      leadId?: string | null;
      accountId?: string | null;
    };

export function teamKeyOf(record: TeamKeyed): string {
  switch (record.kind) {
    case 'lead':
    case 'opportunity':
    case 'account':
      return record.id;
    case 'contact':
      return record.accountId;
    case 'order':
      return record.opportunityId ?? record.id;
    case 'service_case':
      return record.opportunityId ?? record.orderId;
    default:
      return record.opportunityId ?? record.orderId ?? record.leadId ?? record.accountId ?? record.id;
  }
}

/** An activity's team, from the fields that choose it: one rule for the service and the storage engines. */
export function activityTeamKey(a: {
  id: string;
  opportunityId: string | null;
  orderId: string | null;
  leadId: string | null;
  accountId: string | null;
}): string {
  return teamKeyOf({
    kind: 'activity',
    id: a.id,
    opportunityId: a.opportunityId,
    orderId: a.orderId,
    leadId: a.leadId,
    accountId: a.accountId,
  });
}
