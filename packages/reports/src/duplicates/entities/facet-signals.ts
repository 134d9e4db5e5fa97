import type { Message } from '@gongfu/core';
import { businessRelation, GENERIC_CONCEPTS } from '../../names/industry-words.js';
import { type Located, locate, placeLabel, readableConcepts } from './company-facets.js';
import { sayEntity as say } from './entity-messages.js';
import type { PreparedAccount } from './prepared-entity.js';
import { signal } from './signal.js';
import type { EntitySignal } from './types.js';

// Levels by where the place came from; the phone's say is a little weaker than the name's.
const BY_NAME = {
  sameCity: 'same_city',
  differentCity: 'different_city',
  sameProvince: 'same_province',
  differentProvince: 'different_province',
};
const BY_PHONE = {
  sameCity: 'same_city_by_phone',
  differentCity: 'different_city_by_phone',
  sameProvince: 'same_province_by_phone',
  differentProvince: 'different_province_by_phone',
};

const where = (l: Located): Message | string =>
  l.byPhone ? say('entityDuplicate.region.byPhone', { place: placeLabel(l) }) : placeLabel(l);

/** Many companies share a trade name across China; one in another city is usually another company. */
export function regionSignal(x: PreparedAccount, y: PreparedAccount, words = true): EntitySignal {
  const a = x.place;
  const b = y.place;
  if (a.city && b.city) {
    if (a.city === b.city)
      return signal(
        'region',
        'same_city',
        1,
        a,
        b,
        words && say('entityDuplicate.region.bothIn', { place: placeLabel(a) }),
      );
    return signal(
      'region',
      'different_city',
      -4,
      a,
      b,
      words && say('entityDuplicate.region.oneEach', { a: placeLabel(a), b: placeLabel(b) }),
    );
  }
  // The region in a registered name is where it was registered: 山东恒通 and 青岛恒通 are two registrations.
  if (a.named.length > 0 && b.named.length > 0 && !a.named.some((r) => b.named.includes(r)))
    return signal(
      'region',
      'different_registration',
      -3,
      a,
      b,
      words && say('entityDuplicate.region.differentRegistration', { a: placeLabel(a), b: placeLabel(b) }),
    );
  // A name without a city still has a switchboard: 0755 rings in Shenzhen, 0533 in Zibo. A company
  // may keep a line in another city, so the phone's word counts for a little less than the name's.
  const la = locate(a);
  const lb = locate(b);
  const byPhone = la.byPhone || lb.byPhone;
  const level = byPhone ? BY_PHONE : BY_NAME;
  const less = byPhone ? 1 : 0;
  if (la.city && lb.city) {
    if (la.city === lb.city)
      return signal(
        'region',
        level.sameCity,
        1 - less / 2,
        a,
        b,
        words && say('entityDuplicate.region.bothIn', { place: where({ ...la, byPhone }) }),
      );
    return signal(
      'region',
      level.differentCity,
      -4 + less,
      a,
      b,
      words && say('entityDuplicate.region.oneEach', { a: where(la), b: where(lb) }),
    );
  }
  if (la.province && lb.province) {
    const [pa, pb] = [
      { ...la, city: null },
      { ...lb, city: null },
    ];
    if (la.province === lb.province)
      return signal(
        'region',
        level.sameProvince,
        0.5,
        a,
        b,
        words && say('entityDuplicate.region.bothIn', { place: where({ ...pa, byPhone }) }),
      );
    return signal(
      'region',
      level.differentProvince,
      -4 + less,
      a,
      b,
      words && say('entityDuplicate.region.oneEach', { a: where(pa), b: where(pb) }),
    );
  }
  return signal('region', 'unknown', 0, a, b, words && say('entityDuplicate.region.unknown'));
}

/**
 * The line of business in the name. One trade name in two businesses is two registrations (恒通物流
 * and 恒通系统集成); a close business (物流 / 仓储) is barely less telling than an unrelated one.
 */
export function industrySignal(x: PreparedAccount, y: PreparedAccount, words = true): EntitySignal {
  const a = x.concepts;
  const b = y.concepts;
  const relation = businessRelation(a, b);
  if (relation === 'unknown')
    return signal('industry', 'unknown', 0, a, b, words && say('entityDuplicate.industry.unknown'));
  if (relation === 'same') {
    const shared = a.filter((c) => b.includes(c));
    const telling = shared.filter((c) => !GENERIC_CONCEPTS.has(c));
    return signal(
      'industry',
      'same',
      1,
      a,
      b,
      words &&
        say('entityDuplicate.industry.same', {
          business: readableConcepts(telling.length > 0 ? telling : shared),
        }),
    );
  }
  if (relation === 'related')
    return signal(
      'industry',
      'related',
      -3,
      a,
      b,
      words && say('entityDuplicate.industry.related', both(x, y)),
    );
  return signal(
    'industry',
    'different',
    -4,
    a,
    b,
    words && say('entityDuplicate.industry.different', both(x, y)),
  );
}

const business = (p: PreparedAccount) => p.name.industry.join('') || readableConcepts(p.concepts);
const both = (x: PreparedAccount, y: PreparedAccount) => ({ a: business(x), b: business(y) });
