import { type Message, type MessageParams, message, renderBuiltIn } from '@gongfu/core';
import { basketReadAgainst, comparedOwnDeals, readAgainstCompared } from './account-reading.js';
import { type BasketComparison, containedKit, isCommonBasket, kitPartners } from './basket.js';
import { ownerFigures, pairOwnerShift, twoOwnersU } from './copy-owner.js';
import { type CorpusStats, quantityBandRange } from './corpus-stats.js';
import { sharedDay } from './delivery-days.js';
import { asEntered, listOf, provinceName, sayDuplicate as say, wordsFor } from './duplicate-messages.js';
import { charactersApart, sharedEndCustomer } from './end-customers.js';
import { type ExactAmountFigures, exactShareOf } from './exact-amount.js';
import { kitRepeatsWords, readsAsOneCustomer } from './kit-repeats.js';
import {
  deliveryMeasure,
  handCloseShares,
  holdsOnlyTheDeal,
  type Measure,
  oneCustomer,
  oneCustomerOthers,
  oneCustomerShift,
  onlyDealMoved,
} from './measures.js';
import { metByLine } from './met-by-line.js';
import { onlyDealFiguresOf, onlyDealU } from './only-deal.js';
import type { PreparedDeal } from './prepared-deal.js';
import { describeLine, lineNoun } from './product-words.js';
import type { DealLine, Signal, SignalName } from './types.js';
import {
  accountAdjustment,
  amountLevel,
  type DuplicateWeights,
  deliveryLevel,
  type ULevel,
  uAdjustment,
  uOf,
} from './weights.js';

/**
 * The words for each measured comparison: what a sales manager reads beside its level and weight.
 * Only the pairs a scan shows get here; the weights were settled by `measures.ts` already.
 */

function signal(name: SignalName, m: Measure, a: unknown, b: unknown, said: Message): Signal {
  return { name, level: m.level, weight: m.weight, a, b, text: renderBuiltIn(said), message: said };
}

export function basketSignal(
  x: PreparedDeal,
  y: PreparedDeal,
  c: BasketComparison,
  stats: CorpusStats,
): Signal {
  const [a, b] = [x.record.lines, y.record.lines];
  const kit = x.signature === y.signature && c.level !== 'unknown' && isCommonBasket(x.signature, stats);
  // A standard kit is named even when it counts nothing or against (a kit 700 deals hold): the
  // manager reads what both hold and why it says little, not "the baskets share little".
  const words = kit ? basketWords(x, c, kit) : withLineFigures(basketWords(x, c, kit), c);
  // A standard kit: say how many deals hold it, the figure its weight was capped by.
  if (kit) {
    const count = stats.signatureCount(x.signature);
    const partners = stats.weights.partnersPerDeal;
    // Name the figure the cap was read against: the partners a deal is compared with, when estimated
    // and the pair was compared for the kit (two deals of one customer read it against all deals).
    const said =
      partners === undefined || basketReadAgainst(x, y, stats) !== undefined
        ? say('duplicate.basket.commonKit', { basket: words, count, deals: stats.n })
        : say('duplicate.basket.commonKitCompared', {
            basket: words,
            count,
            deals: stats.n,
            partners: Math.round(kitPartners(x.signature, stats, undefined, metByLine(x, y))),
          });
    return signal('basket', c, a, b, said);
  }
  const whole = (unmatched: number) =>
    unmatched === 0 && c.matched.every((m) => !m.sibling && m.a.quantity === m.b.quantity);
  const contained =
    x.signature === y.signature ? null : containedKit(x, y, whole(c.unmatchedA), whole(c.unmatchedB), stats);
  if (contained !== null) {
    const count = stats.signatureCount(contained.signature);
    return signal(
      'basket',
      c,
      a,
      b,
      say('duplicate.basket.kitContained', { basket: words, count, deals: stats.n }),
    );
  }
  return signal('basket', c, a, b, words);
}

/**
 * The figures the matched lines were read with (`line-reading.ts`): how many other deals hold the
 * first shared line against the partners compared, and how many holders of one line hold the next.
 * A figure of no other deal is left unsaid: "of the 0 other deals…" tells a manager nothing, and
 * "in 0 other deals, so it counts little" reads as a contradiction.
 */
function withLineFigures(words: Message, c: BasketComparison): Message {
  let said = words;
  if (c.together && c.together.holders > 0)
    said = say('duplicate.basket.together', {
      basket: said,
      holders: c.together.holders,
      given: bandProduct(c.together.given),
      both: c.together.both,
      item: bandProduct(c.together.line),
    });
  if (c.sharedLine && c.sharedLine.others > 0)
    // More deals hold the line than one is compared with: read below 0 (`comparedHolders`).
    said = say(
      c.sharedLine.partners < c.sharedLine.others
        ? 'duplicate.basket.commonLineAgainst'
        : 'duplicate.basket.commonLine',
      {
        basket: said,
        item: bandProduct(c.sharedLine.line),
        others: c.sharedLine.others,
        partners: Math.round(c.sharedLine.partners),
      },
    );
  return said;
}

/** "200 laser scanners", "a server", "network gear"; a SKU count when the category is unknown. */
function product(line: Pick<DealLine, 'sku' | 'category' | 'quantity'>): Message {
  const { quantity } = line;
  const counted = say('duplicate.product.other', {
    quantity,
    noun: line.category ? line.category.replace(/_/g, ' ') : line.sku,
  });
  return line.category ? wordsFor(`duplicate.product.${line.category}`, { quantity }, counted) : counted;
}

/**
 * What a line is, without its count, in the app's words for its category when it gave some
 * (`duplicate.noun.<category>`); an unknown category is named bare ("servo drive"), as entered.
 */
function nounWords(line: Pick<DealLine, 'sku' | 'category'>): Message | string {
  return line.category
    ? wordsFor(`duplicate.noun.${line.category}`, {}, asEntered(lineNoun(line)))
    : lineNoun(line);
}

/**
 * A line as the tenant's counts hold it: its SKU in its quantity band ("5–9 infusion pumps"). The
 * figures said beside a shared line count the deals holding it in the band, and "of the 13 other deals
 * with 8 infusion pumps" read as if 13 held exactly 8 (a newcomer's check: one did, 30 held any).
 */
function bandProduct(line: Pick<DealLine, 'sku' | 'category' | 'quantity'>): Message {
  const [low, high] = quantityBandRange(line.quantity);
  if (low === high) return product(line);
  const noun = nounWords(line);
  return high === null
    ? say('duplicate.product.bandFrom', { low, noun })
    : say('duplicate.product.band', { low, high, noun });
}

/** The most one count may exceed the other and still be said as "about" the first. */
const ABOUT_UP_TO = 1.5;

function basketWords(x: PreparedDeal, c: BasketComparison, kit = false): Message {
  if (c.level === 'unknown') return say('duplicate.basket.empty');
  if (c.level === 'none') return say('duplicate.basket.none');
  if (c.weight <= 0 && !kit) {
    const lines = c.matched.length + Math.max(c.unmatchedA, c.unmatchedB);
    return say('duplicate.basket.little', { matched: c.matched.length, lines });
  }
  // In the order the first deal lists its lines, as the salesperson entered them.
  const order = new Map(x.record.lines.map((l, i) => [l.sku, i]));
  const shown = [...c.matched]
    .sort((p, q) => (order.get(p.a.sku) ?? 0) - (order.get(q.a.sku) ?? 0))
    .slice(0, 4);
  const phrases = shown.map((m) => {
    const both = { qa: m.a.quantity, qb: m.b.quantity };
    if (m.sibling) {
      return say('duplicate.basket.similar', { noun: nounWords(m.a), ...both, skuA: m.a.sku, skuB: m.b.sku });
    }
    if (m.a.quantity === m.b.quantity) return say('duplicate.basket.same', { item: product(m.a) });
    if (describeLine(m.a) === describeLine(m.b))
      return say('duplicate.basket.sameWords', { item: product(m.a), ...both });
    // "About 9 infusion pumps (9 / 2)" read as nonsense: far-apart counts name the product and both counts.
    const [few, many] = [Math.min(m.a.quantity, m.b.quantity), Math.max(m.a.quantity, m.b.quantity)];
    if (many > few * ABOUT_UP_TO) return say('duplicate.basket.counts', { noun: nounWords(m.a), ...both });
    return say('duplicate.basket.about', { item: product(m.a), ...both });
  });
  const differ = c.unmatchedA + c.unmatchedB;
  return say('duplicate.basket.both', {
    items: listOf(phrases),
    more: c.matched.length > 4 ? say('duplicate.basket.more', { count: c.matched.length - 4 }) : '',
    differ: differ > 0 ? differWords(differ, c) : '',
  });
}

/**
 * "N other lines differ", and when the tenant's kept copies read them (`kept-lines.ts`) its figures:
 * the share of its copies keeping two or more lines exactly that differ in a line, against its other
 * such pairs, and that the lines count less, or not at all.
 */
function differWords(count: number, c: BasketComparison): Message {
  const kept = c.keptLines;
  if (kept === undefined) return say('duplicate.basket.differ', { count });
  const percent = (x: number) => Math.round(x * 1000) / 10;
  return say(kept.penalty > 0 ? 'duplicate.basket.differKeptLess' : 'duplicate.basket.differKeptNone', {
    count,
    sampled: kept.sampled,
    pairs: kept.pairs,
    level: kept.level,
    orMore: kept.orMore ? 'yes' : 'no',
    copies: Math.round(kept.copies),
    m: percent(kept.m),
    u: percent(kept.u),
  });
}

/** A weight this far below its hand value is worth a figure in the explanation. */
const SAY_FIGURE_BELOW = -1;

export function deliverySignal(x: PreparedDeal, y: PreparedDeal, m: Measure, stats: CorpusStats): Signal {
  const [a, b] = [x.record.requiredDelivery, y.record.requiredDelivery];
  if (x.deliveryDay === null || y.deliveryDay === null)
    return signal('delivery', m, a, b, say('duplicate.delivery.missing'));
  const days = Math.abs(x.deliveryDay - y.deliveryDay);
  const said =
    days === 0
      ? onDay(say('duplicate.delivery.sameDay', { date: String(a) }), x.deliveryDay, stats.weights)
      : say('duplicate.delivery.apart', { days });
  const level = deliveryLevel(x.deliveryDay, y.deliveryDay);
  // Weighed with a fitted m: say both figures, m among the tenant's duplicates and u among its candidates.
  const fitted = level === null ? null : fittedFigures(stats.weights, level);
  if (fitted)
    return signal('delivery', m, a, b, say('duplicate.delivery.fitted', { delivery: said, ...fitted }));
  // Close dates common in this tenant (month-end deliveries): say how common, the u it was weighed with.
  const read =
    level !== null && uAdjustment(stats.weights, level) <= SAY_FIGURE_BELOW
      ? commonDelivery(said, stats.weights, level)
      : said;
  // One customer's two deals: read with where the tenant's copies fall (`deliveryMeasure`).
  const own = level !== null && oneCustomer(x, y, stats.weights, days);
  const moved = own ? m.weight - deliveryMeasure(x.deliveryDay, y.deliveryDay, stats.weights).weight : 0;
  return signal('delivery', m, a, b, moved === 0 ? read : withCopyFigures(read, stats.weights, moved, days));
}

/** The close levels the copy figures share out (`CopyDeliveryFigures.m`), as the words name them. */
const CLOSE_WORDS = ['day', 'week', 'month'] as const;

/**
 * The delivery's words with how the tenant's copies fall (`copy-delivery.ts`), said only when
 * reading the pair as one customer's moved its weight (`moved` bits, after every bound): the pairs
 * the fit listed, the copies it read among them, and the share of those due as close as this pair
 * (the same day, 1–7 or 8–30 days apart) against the hand's — the share the pair was weighed by, so
 * "more" and "less" follow from the two figures said.
 */
function withCopyFigures(delivery: Message, weights: DuplicateWeights, moved: number, days: number): Message {
  const figures = weights.copyDelivery;
  // Beyond a month no copy figure applies (`handCloseShares`).
  if (figures === undefined || days > 30) return delivery;
  const close = days === 0 ? 0 : days <= 7 ? 1 : 2;
  const percent = (p: number) => Math.round(p * 1000) / 10;
  return say(moved > 0 ? 'duplicate.delivery.copiesMore' : 'duplicate.delivery.copiesLess', {
    delivery,
    pairs: figures.pairs,
    copies: Math.round(figures.copies),
    close: CLOSE_WORDS[close],
    percent: percent(figures.m[close]),
    handPercent: percent(handCloseShares()[close] as number),
  });
}

/** "The same day" with how many of the tenant's deals are due that day, when that moved its weight. */
function onDay(delivery: Message, day: number, weights: DuplicateWeights): Message {
  const read = sharedDay(weights.deliveryDays, day);
  if (read === null || read.shift === 0) return delivery;
  const key = read.shift > 0 ? 'duplicate.delivery.rareDay' : 'duplicate.delivery.busyDay';
  return say(key, { delivery, due: read.due, deals: read.deals });
}

const perThousand = (p: number) => Math.round(p * 1000 * 10) / 10;

/**
 * How common close dates are, in the figure the weight was read against (`uOf`): per 1,000 pairs
 * sharing a product line when the tenant's candidate u was measured — from its candidate pairs, or
 * (with none yet) carried over from its random pairs, which are then named too — else per 1,000
 * random pairs (an estimate stored before candidate u existed).
 */
function commonDelivery(delivery: Message, weights: DuplicateWeights, level: ULevel): Message {
  if (!weights.candidateU)
    return say('duplicate.delivery.common', { delivery, perThousand: perThousand(weights.u[level]) });
  const candidate = perThousand(uOf(weights, level));
  if ((weights.candidatePairs ?? 0) > 0)
    return say('duplicate.delivery.commonCandidates', { delivery, perThousand: candidate });
  return say('duplicate.delivery.commonCarried', {
    delivery,
    perThousand: candidate,
    randomPerThousand: perThousand(weights.u[level]),
  });
}

export function regionSignal(x: PreparedDeal, y: PreparedDeal, m: Measure): Signal {
  const [a, b] = [x.record.province, y.record.province];
  const said =
    a === null || b === null
      ? say('duplicate.region.missing')
      : a !== b
        ? say('duplicate.region.different', { a: provinceName(a), b: provinceName(b) })
        : say('duplicate.region.same', { province: provinceName(a) });
  return signal('region', m, a, b, said);
}

const kindWord = (kind: string, many: boolean): Message =>
  wordsFor(`duplicate.kind.${many ? 'many' : 'one'}.${kind}`, {}, asEntered(kind));

export function customerKindSignal(x: PreparedDeal, y: PreparedDeal, m: Measure): Signal {
  const [a, b] = [x.record.accountKind, y.record.accountKind];
  const names = { nameA: x.record.accountName, nameB: y.record.accountName };
  const said =
    a === null || b === null
      ? say('duplicate.kind.missing')
      : m.level === 'same_customer'
        ? say('duplicate.kind.sameCustomer')
        : a !== b
          ? say('duplicate.kind.different', { a: kindWord(a, false), b: kindWord(b, false), ...names })
          : say('duplicate.kind.same', { kinds: kindWord(a, true), ...names });
  return signal('customer_kind', m, a, b, said);
}

/** A level's own message, or the level's name when the measure has a level without words. */
const byLevel = (area: string, level: string, params: MessageParams): Message =>
  wordsFor(`duplicate.${area}.${level}`, params, message('duplicate.explanation.for', { pro: level }));

export function endCustomerSignal(
  x: PreparedDeal,
  y: PreparedDeal,
  m: Measure,
  weights: DuplicateWeights,
): Signal {
  const [a, b] = [x.record.endCustomer, y.record.endCustomer];
  const tenders = { tenderA: String(x.record.tender ?? ''), tenderB: String(y.record.tender ?? '') };
  const said =
    m.level === 'same' && a !== null && b !== null && x.endCustomer !== y.endCustomer
      ? readAlike(x, y, weights)
      : byLevel('endCustomer', m.level, { a: String(a), b: String(b), ...tenders });
  return signal('end_customer', m, a, b, withEndCustomerFigure(said, m, x, y, weights));
}

/**
 * One end customer typed two ways, alike once the characters most of the tenant's names hold are
 * left out (`readEndCustomer`): both names, what sets them apart and how many names that was read from.
 */
function readAlike(x: PreparedDeal, y: PreparedDeal, weights: DuplicateWeights): Message {
  const [a, b] = [String(x.record.endCustomer), String(y.record.endCustomer)];
  // Linked to one account with names apart: the account made them one, not the characters.
  if (x.endCustomerAccountId !== null && y.endCustomerAccountId !== null)
    return say('duplicate.endCustomer.same', { a });
  const apart = charactersApart(x.endCustomer ?? '', y.endCustomer ?? '');
  return say('duplicate.endCustomer.sameRead', { a, b, apart, names: weights.endCustomers?.names ?? 0 });
}

/**
 * One end customer with how many of the tenant's deals name it, when that moved the weight
 * (`end-customers.ts`): a province's big hospital counts less, an end customer few name more.
 */
function withEndCustomerFigure(
  said: Message,
  m: Measure,
  x: PreparedDeal,
  y: PreparedDeal,
  weights: DuplicateWeights,
): Message {
  if (m.level !== 'same') return said;
  const read = sharedEndCustomer(weights.endCustomers, x, y);
  if (read === null || read.shift === 0) return said;
  const key = read.shift > 0 ? 'duplicate.endCustomer.rare' : 'duplicate.endCustomer.common';
  return say(key, { endCustomer: said, holders: read.holders, deals: read.deals });
}

const money = (minor: number, currency: string) =>
  `${currency === 'CNY' ? '¥' : `${currency} `}${Math.round(minor / 100).toLocaleString('en-US')}`;

/** m and u of a level in percent, when the tenant's weights hold a fitted m (else null: hand priors). */
function fittedFigures(
  weights: DuplicateWeights,
  level: ULevel,
): { mPercent: number; uPercent: number } | null {
  if (!weights.m) return null;
  const percent = (p: number) => Math.round(p * 1000) / 10;
  return { mPercent: percent(weights.m[level]), uPercent: percent(uOf(weights, level)) };
}

/**
 * `weighed` is the tenant's weights when the amount was weighed by its level (then a fitted m is said
 * with its figures), null when the basket explained it (an identical basket, a swapped line); `fen`
 * the figures amounts equal to the fen were read against (`exact-amount.ts`).
 */
export function amountSignal(
  x: PreparedDeal,
  y: PreparedDeal,
  m: Measure,
  weighed: DuplicateWeights | null = null,
  fen?: ExactAmountFigures,
): Signal {
  const [a, b] = [x.record.amountMinor, y.record.amountMinor];
  const both = { a: money(a, x.record.currency), b: money(b, y.record.currency) };
  // Equal to the fen: say how seldom two of this tenant's deals (or of one customer's) within 5% agree to it.
  if (m.level === 'exact' && fen !== undefined) {
    const sameAccount = x.record.accountId === y.record.accountId;
    const key = sameAccount ? 'duplicate.amount.exactOwn' : 'duplicate.amount.exact';
    const perMille = perThousand(exactShareOf(fen, sameAccount));
    return signal('amount', m, a, b, say(key, { a: both.a, perThousand: perMille }));
  }
  // Equal amounts weighed at the 5 % level (the fen says nothing in this tenant): said as equal, not
  // "within 5 % (¥300,000 / ¥300,000)", which read to a manager as if the two differed.
  const equal = m.level === 'same' && a === b && x.record.currency === y.record.currency;
  const said = equal ? say('duplicate.amount.equal', { a: both.a }) : byLevel('amount', m.level, both);
  const level = amountLevel(a, b, x.record.currency === y.record.currency);
  const fitted = weighed && level !== null ? fittedFigures(weighed, level) : null;
  if (fitted) return signal('amount', m, a, b, say('duplicate.amount.fitted', { amount: said, ...fitted }));
  return signal('amount', m, a, b, said);
}

export function customerSignal(x: PreparedDeal, y: PreparedDeal, m: Measure, stats: CorpusStats): Signal {
  const [a, b] = [x.record.accountName, y.record.accountName];
  const deals = stats.accountCount(x.record.accountId);
  // A customer with more deals than the block cap: its weight was read against the ones compared.
  if (m.level === 'same_account' && readAgainstCompared(stats, x.record.accountId)) {
    const compared = Math.round(comparedOwnDeals(stats, x.record.accountId));
    const said = say('duplicate.customer.same_account_compared', { a, others: deals - 1, compared });
    return signal('customer', m, a, b, ownerWords(kitRepeatsWords(said, x, y, stats), x, y, stats));
  }
  // A customer with many open deals: say how many, the term frequency it was weighed with (its
  // orders: copies of one order count once).
  const others = comparedOwnDeals(stats, x.record.accountId);
  const said =
    m.level === 'same_account' && accountAdjustment(others + 1) <= SAY_FIGURE_BELOW
      ? say('duplicate.customer.same_account_busy', { a, others, deals: stats.n })
      : oneCustomerWords(customerLevelWords(m.level, a, b), x, y, m, stats);
  // One customer's two orders of one kit: the figures the kit and the gap were read given the customer with.
  return signal('customer', m, a, b, ownerWords(kitRepeatsWords(said, x, y, stats), x, y, stats));
}

/**
 * The customer comparison's words by level; two accounts of one name are two records of one name,
 * not "two spellings (德阳市中医院 / 德阳市中医院)" (a newcomer's check).
 */
function customerLevelWords(level: string, a: string, b: string): Message {
  if (level === 'same_name' && a === b) return say('duplicate.customer.same_name_twice', { a });
  return byLevel('customer', level, { a, b });
}

/**
 * The words of one busy customer under two accounts (`oneCustomerShift`), when that moved the pair:
 * how many of the customer's deals, both accounts', a deal of it is compared with, among how many partners.
 */
function oneCustomerWords(
  customer: Message,
  x: PreparedDeal,
  y: PreparedDeal,
  m: Measure,
  stats: CorpusStats,
): Message {
  const [xAccount, yAccount] = [x.record.accountId, y.record.accountId];
  if (xAccount === yAccount || !readsAsOneCustomer(m)) return customer;
  const shift = oneCustomerShift(xAccount, yAccount, stats);
  const partners = stats.weights.partnersPerDeal;
  if (partners === undefined) return customer;
  const less =
    shift > -OWNER_SAID_FROM
      ? customer
      : say('duplicate.customer.oneCustomerLess', {
          customer,
          others: Math.round(oneCustomerOthers(xAccount, yAccount, stats)),
          partners: Math.round(partners),
        });
  return onlyDealWords(less, xAccount, yAccount, stats);
}

/**
 * The words of the re-typed account's figures (`only-deal.ts`), when they moved the pair: whether an
 * account holds only this deal, how often that is so among such pairs and among their re-entries.
 */
function onlyDealWords(customer: Message, xAccount: string, yAccount: string, stats: CorpusStats): Message {
  const moved = onlyDealMoved(xAccount, yAccount, stats);
  const figures = onlyDealFiguresOf(stats.weights);
  if (figures === undefined || Math.abs(moved) < OWNER_SAID_FROM) return customer;
  const only = holdsOnlyTheDeal(xAccount, yAccount, stats);
  return fittedLevelWords(customer, only, moved, figures, figures.onlyDeal, onlyDealU(figures), [
    'duplicate.customer.notOnlyDealMore',
    'duplicate.customer.notOnlyDealLess',
    'duplicate.customer.onlyDealMore',
    'duplicate.customer.onlyDealLess',
  ]);
}

type DuplicateMessageKey = Parameters<typeof say>[0];

/**
 * The words of a level fitted in the tenant as a share among its pairs and among its copies
 * (`copy-owner.ts`, `only-deal.ts`): the pair's level (`level`, the share's side or not), how far it
 * moved the pair, the share among the pairs as counted (`counted` of `pairs`; not the shrunk u the
 * weight used, a reader checks it against the count beside it) and among the copies (fitted, so
 * "about"). `keys`: the other side more and less, then the share's side more and less.
 */
function fittedLevelWords(
  customer: Message,
  level: boolean,
  moved: number,
  figures: { pairs: number; copies: number; m: number },
  counted: number,
  shrunkU: number,
  keys: readonly [DuplicateMessageKey, DuplicateMessageKey, DuplicateMessageKey, DuplicateMessageKey],
): Message {
  const share = figures.pairs > 0 ? counted / figures.pairs : shrunkU;
  const percent = (p: number) => Math.round(p * 1000) / 10;
  return say(keys[(level ? 2 : 0) + (moved > 0 ? 0 : 1)] as DuplicateMessageKey, {
    customer,
    pairs: figures.pairs,
    uPercent: percent(level ? share : 1 - share),
    copies: Math.round(figures.copies),
    mPercent: percent(level ? figures.m : 1 - figures.m),
  });
}

/** Below this many bits (either way) who entered the two deals goes unsaid: it hardly moved them. */
const OWNER_SAID_FROM = 0.05;

/**
 * The customer's words with who entered one account's two deals (`copy-owner.ts`), when that moved
 * the pair: one salesperson or two, how often one customer's deals and its re-entries are entered so.
 */
function ownerWords(customer: Message, x: PreparedDeal, y: PreparedDeal, stats: CorpusStats): Message {
  const figures = ownerFigures(stats.weights);
  const shift = pairOwnerShift(figures, x.record, y.record);
  if (figures === undefined || Math.abs(shift) < OWNER_SAID_FROM) return customer;
  const two = x.record.ownerId !== y.record.ownerId;
  return fittedLevelWords(customer, two, shift, figures, figures.twoOwners, twoOwnersU(figures), [
    'duplicate.customer.oneOwnerMore',
    'duplicate.customer.oneOwnerLess',
    'duplicate.customer.twoOwnersMore',
    'duplicate.customer.twoOwnersLess',
  ]);
}
