import { simplify } from '../names/chinese-text.js';
import { type CompanyName, parseCompanyName } from '../names/company-name.js';
import type { BasketSurprise } from './basket.js';
import { basketSignature, type CorpusStats, itemToken, mergeBySku } from './corpus-stats.js';
import type { DealLine, DealRecord } from './types.js';
import type { DuplicateWeights } from './weights.js';

/** A deal with what every comparison needs computed once: parsed customer name, day numbers. */
export interface PreparedDeal {
  record: DealRecord;
  /** The basket with one line per SKU. */
  items: DealLine[];
  /** `itemToken` of each of `items`, in the same order: the keys of the statistics. */
  tokens: string[];
  /** `basketSignature` of the basket: the whole basket as one value. */
  signature: string;
  customer: CompanyName;
  /** End customer (name as typed), simplified and without spaces or punctuation; null when unknown. */
  endCustomer: string | null;
  /** `endCustomer` as read under one tenant's common characters (`readEndCustomer`), once per set. */
  endCustomerRead?: { common: string; name: string };
  /** The end customer's linked account, or null. */
  endCustomerAccountId: string | null;
  /** The tender number in one form (`tenderKey`), or null. */
  tender: string | null;
  /** Days since 1970-01-01 of the required delivery, or null. */
  deliveryDay: number | null;
  /** Surprise of each item under one version of one corpus's statistics and weights (see `basketSurprise`). */
  idfCache?: BasketSurprise & { stats: CorpusStats; version: number; weights: DuplicateWeights };
}

/**
 * Parsed names shared by every preparer of the process: parsing is a pure function of the name, and
 * an incremental check reads a few hundred candidates whose customers it mostly saw in the last check.
 */
const SHARED_NAMES = new Map<string, CompanyName>();
const SHARED_NAMES_MAX = 50_000;

function parsedName(name: string): CompanyName {
  let parsed = SHARED_NAMES.get(name);
  if (!parsed) {
    parsed = parseCompanyName(name);
    // Bounded: start over rather than grow without end in a long-lived server.
    if (SHARED_NAMES.size >= SHARED_NAMES_MAX) SHARED_NAMES.clear();
    SHARED_NAMES.set(name, parsed);
  }
  return parsed;
}

/** Parsing a company name (conversion, pinyin) is the costly part; one account is parsed once. */
export class DealPreparer {
  private readonly names = new Map<string, CompanyName>();
  /** Records already prepared, when asked to remember them (`remember`). */
  private readonly prepared: WeakMap<DealRecord, PreparedDeal> | null;

  /**
   * `remember`: each record object prepared once, for a preparer that meets one record several
   * times — a stored check reads its proposed partners' partners, most of which it read itself.
   * Off by default: a record changed after it was prepared would be read as it was.
   */
  constructor(options: { remember?: boolean } = {}) {
    this.prepared = options.remember ? new WeakMap() : null;
  }

  prepare(record: DealRecord): PreparedDeal {
    const known = this.prepared?.get(record);
    if (known) return known;
    const prepared = this.prepareAnew(record);
    this.prepared?.set(record, prepared);
    return prepared;
  }

  private prepareAnew(record: DealRecord): PreparedDeal {
    let customer = this.names.get(record.accountName);
    if (!customer) {
      customer = parsedName(record.accountName);
      this.names.set(record.accountName, customer);
    }
    const items = mergeBySku(record.lines);
    return {
      record,
      items,
      tokens: items.map(itemToken),
      signature: basketSignature(items),
      customer,
      endCustomer: record.endCustomer ? normaliseFreeText(record.endCustomer) : null,
      endCustomerAccountId: record.endCustomerAccountId ?? null,
      tender: record.tender ? tenderKey(record.tender) || null : null,
      deliveryDay: record.requiredDelivery ? dayNumber(record.requiredDelivery) : null,
    };
  }
}

export function normaliseFreeText(text: string): string {
  return simplify(text).replace(/[\s\p{P}\p{S}]/gu, '');
}

/**
 * A tender number in one form: half-width, upper case, without spaces or punctuation, so
 * `sd-2026-0315`, `SD 2026 0315` and `ＳＤ－２０２６－０３１５` are one tender.
 */
export function tenderKey(number: string): string {
  return number
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

export function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / 86_400_000);
}
