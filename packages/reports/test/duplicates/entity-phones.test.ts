import { phoneE164 } from '@gongfu/reports';
import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';

/** What phoneE164 returned before its fast path: libphonenumber on every number. */
function reference(raw: string): string | null {
  const parsed = parsePhoneNumberFromString(raw.replace(/(ext|x|转).*$/i, ''), 'CN');
  return parsed?.isPossible() ? parsed.number : null;
}

const digits = (min: number, max: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));
const area = fc.oneof(
  fc.constantFrom('10', '20', '21', '25', '531', '532', '755', '631', '371'),
  digits(2, 4),
);
const national = fc.oneof(
  fc
    .tuple(fc.constantFrom('13', '15', '17', '179', '1795', '18', '19', '12', '11'), digits(7, 10))
    .map(([p, d]) => p + d),
  fc.tuple(area, digits(6, 9)).map(([a, d]) => a + d),
  digits(5, 13),
);
const prefix = fc.constantFrom('', '0', '+86', '+86 ', '+86-', '86', '0086', '+86 0', '(0', '+860');
const separator = fc.constantFrom('', ' ', '-', '.', ' - ');
/** A number as people type it: a prefix, then the digits in groups with separators. */
const typed = fc
  .tuple(prefix, national, separator, fc.nat(4), fc.constantFrom('', ' 转801', ' ext 12'))
  .map(([p, n, sep, cut, ext]) => {
    const at = Math.min(n.length, 3 + cut);
    const grouped = `${n.slice(0, at)}${sep}${n.slice(at, at + 4)}${sep}${n.slice(at + 4)}`.replace(
      /[\s.-]+$/,
      '',
    );
    return `${p}${p === '(0' ? ')' : ''}${grouped}${ext}`;
  });

describe('phone numbers to E.164', () => {
  it('the fast path for common Chinese spellings gives exactly what libphonenumber gives', () => {
    fc.assert(
      fc.property(typed, (raw) => {
        expect(phoneE164(raw)).toBe(reference(raw));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads the spellings reps type for one landline and one mobile as one number each', () => {
    for (const raw of [
      '0531-8888 0000',
      '+86 531 88880000',
      '053188880000',
      '(0531)88880000',
      '+86-531-8888-0000',
    ])
      expect(phoneE164(raw)).toBe('+8653188880000');
    for (const raw of ['138 0013 8000', '+8613800138000', '+86-138-0013-8000', '13800138000'])
      expect(phoneE164(raw)).toBe('+8613800138000');
    expect(phoneE164('0631-7926787 转 801')).toBe('+866317926787');
    expect(phoneE164('12')).toBeNull();
    // 17951 is a carrier's IP-dialling prefix, not a mobile: libphonenumber's reading stands.
    expect(phoneE164('17963003191')).toBe(reference('17963003191'));
  });
});
