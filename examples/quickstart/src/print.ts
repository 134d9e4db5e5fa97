import { formatMoney, type Money } from '@gongfu/core';
import Table from 'cli-table3';
import stringWidth from 'string-width';
import type { Lang } from './labels.js';

/** Whole yuan → money in minor units. */
export const cny = (yuan: number): Money => ({ amount: Math.round(yuan * 100), currency: 'CNY' });

export type Cell = string | number | null | undefined;

/** Where the story writes: a terminal, or a test that reads what a person would have read. */
export interface Printer {
  readonly lang: Lang;
  /** Show the detector's bits and other internals a manager does not need. */
  readonly verbose: boolean;
  /** The Chinese or the English text, by the printer's language. */
  t(zh: string, en: string): string;
  heading(text: string): void;
  table(head: string[], rows: Cell[][]): void;
  line(text: string): void;
  yuan(m: Money): string;
  local(instant: string): string;
}

/** Instants shown in the story's zone, the way the salespeople read them. */
export function local(instant: string, timeZone = 'Asia/Shanghai'): string {
  return new Date(instant).toLocaleString('sv-SE', { timeZone, hour12: false }).slice(0, 16);
}

export function renderTable(head: string[], rows: Cell[][]): string {
  const t = new Table({ head, style: { head: [], border: [] }, wordWrap: true });
  for (const row of rows)
    t.push(row.map((cell) => (cell === null || cell === undefined ? '—' : String(cell))));
  return t.toString();
}

/** A printer that hands every rendered block to `write` (console.log for the terminal). */
export function printer(
  options: { lang: Lang; verbose?: boolean },
  write: (text: string) => void = (text) => console.log(text),
): Printer {
  return {
    lang: options.lang,
    verbose: options.verbose ?? false,
    t: (zh, en) => (options.lang === 'zh-CN' ? zh : en),
    // Padded by terminal columns, not characters: a Chinese character takes two, as in the tables.
    heading: (text) => write(`\n== ${text} ${'='.repeat(Math.max(0, 76 - stringWidth(text)))}`),
    table: (head, rows) => write(renderTable(head, rows)),
    line: write,
    yuan: (m) => formatMoney(m),
    local: (instant) => local(instant),
  };
}
