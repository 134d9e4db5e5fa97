/**
 * `new Date(ms).toISOString()`, written out in JavaScript. On Node 20 (V8 11.3) `toISOString` goes
 * to C++ and formats through a printf-like string stream: about 8,000 instructions a call (callgrind),
 * and a command asks for several (the clock, each derived due date). The calendar date comes from
 * the day count by Howard Hinnant's `civil_from_days`, exact for every day in the proleptic
 * Gregorian calendar; the result is the same string (held by `test/kernel/iso-instant.test.ts`).
 */

const DAY_MS = 86_400_000;
/** 9999-12-31T23:59:59.999Z: past it (or before 1970) the year is not four plain digits, or rare. */
const LAST_FOUR_DIGIT_MS = 253_402_300_799_999;
/** Days from 0000-03-01 to 1970-01-01: `civil_from_days` counts eras from a March 1st. */
const EPOCH_SHIFT_DAYS = 719_468;
const DAYS_PER_ERA = 146_097;

const TWO = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
const THREE = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));

/** The ISO 8601 UTC text `toISOString` gives for this time value (`YYYY-MM-DDTHH:mm:ss.sssZ`). */
export function isoInstant(ms: number): string {
  // Fractions, NaN (a RangeError from toISOString) and six-digit years keep the built-in.
  if (!(ms >= 0 && ms <= LAST_FOUR_DIGIT_MS) || ms !== Math.floor(ms)) return new Date(ms).toISOString();
  const days = Math.floor(ms / DAY_MS);
  const inDay = ms - days * DAY_MS;
  const z = days + EPOCH_SHIFT_DAYS;
  const era = Math.floor(z / DAYS_PER_ERA);
  const dayOfEra = z - era * DAYS_PER_ERA;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const hours = Math.floor(inDay / 3_600_000);
  const minutes = Math.floor(inDay / 60_000) % 60;
  const seconds = Math.floor(inDay / 1000) % 60;
  return `${TWO[Math.floor(year / 100)]}${TWO[year % 100]}-${TWO[month]}-${TWO[day]}T${TWO[hours]}:${TWO[minutes]}:${TWO[seconds]}.${THREE[inDay % 1000]}Z`;
}
