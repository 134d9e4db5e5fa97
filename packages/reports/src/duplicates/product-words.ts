import type { DealLine } from './types.js';

/** Category → how a manager says it. `mass` nouns take no count ("network gear"). */
const WORDS: Readonly<Record<string, { noun: string; plural?: string; mass?: boolean }>> = {
  laser_scanner: { noun: 'laser scanner' },
  barcode_scanner: { noun: 'barcode scanner' },
  scanner: { noun: 'scanner' },
  imager: { noun: 'imager' },
  rfid_reader: { noun: 'RFID reader' },
  rfid_tag: { noun: 'RFID tag' },
  label_printer: { noun: 'label printer' },
  printer: { noun: 'printer' },
  mobile_computer: { noun: 'mobile computer' },
  handheld: { noun: 'handheld terminal' },
  server: { noun: 'server' },
  wms: { noun: 'WMS', plural: 'WMS licences' },
  software: { noun: 'software', mass: true },
  network: { noun: 'network gear', mass: true },
  access_point: { noun: 'access point' },
  service: { noun: 'service contract' },
};

function article(noun: string): string {
  return /^([aeiou]|RFID|SKU|MES|ERP)/i.test(noun) && !/^(WMS|uni)/.test(noun) ? 'an' : 'a';
}

/** "200 laser scanners", "a server", "a WMS", "network gear"; a SKU count when the category is unknown. */
export function describeLine(line: Pick<DealLine, 'sku' | 'category' | 'quantity'>): string {
  const word = line.category ? WORDS[line.category] : undefined;
  if (!word) {
    const noun = line.category ? line.category.replace(/_/g, ' ') : line.sku;
    return line.quantity === 1 ? `1 × ${noun}` : `${line.quantity} × ${noun}`;
  }
  if (word.mass) return word.noun;
  if (line.quantity === 1) return `${article(word.noun)} ${word.noun}`;
  return `${line.quantity} ${word.plural ?? `${word.noun}s`}`;
}

/** What a line is, without its count: "laser scanners", "network gear", "servo drive" (an unknown category, as `describeLine` names it). */
export function lineNoun(line: Pick<DealLine, 'sku' | 'category'>): string {
  const word = line.category ? WORDS[line.category] : undefined;
  if (!word) return line.category ? line.category.replace(/_/g, ' ') : line.sku;
  return word.mass ? word.noun : (word.plural ?? `${word.noun}s`);
}

/** "a, b and c". */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
