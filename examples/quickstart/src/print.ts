import { formatMoney, type Money } from '@gongfu/core';
import Table from 'cli-table3';

/** Section headings and tables for the story's console output. */
export function heading(text: string): void {
  console.log(`\n== ${text} ${'='.repeat(Math.max(0, 76 - text.length))}`);
}

export function table(head: string[], rows: (string | number | null | undefined)[][]): void {
  const t = new Table({ head, style: { head: [], border: [] }, wordWrap: true });
  for (const row of rows)
    t.push(row.map((cell) => (cell === null || cell === undefined ? '—' : String(cell))));
  console.log(t.toString());
}

export function yuan(m: Money): string {
  return formatMoney(m);
}

/** Instants shown in the story's zone, the way the salespeople read them. */
export function local(instant: string, timeZone = 'Asia/Shanghai'): string {
  return new Date(instant).toLocaleString('sv-SE', { timeZone, hour12: false }).slice(0, 16);
}
