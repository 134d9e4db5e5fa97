import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { ImportKind } from './import-kinds.js';

/** One input row: its key in the run (the line number unless the row names one) and its fields. */
export interface SourceRow {
  rowKey: string;
  /** 1-based data line (CSV header excluded), for reports. */
  line: number;
  input: unknown;
  /** Set when the line itself could not be read (bad JSON). */
  unreadable?: string;
}

export type ImportFormat = 'csv' | 'jsonl';

/** A file path or a stream; the format from the option or else the file's extension. */
export interface ImportSource {
  path?: string;
  stream?: Readable;
  format?: ImportFormat;
}

export function formatOf(source: ImportSource): ImportFormat {
  if (source.format) return source.format;
  return source.path && /\.jsonl?$|\.ndjson$/i.test(source.path) ? 'jsonl' : 'csv';
}

function open(source: ImportSource): Readable {
  if (source.stream) return source.stream;
  if (source.path) return createReadStream(source.path);
  throw new TypeError('an import source needs a path or a stream');
}

/**
 * The rows of a source, streamed: never the whole file in memory. A CSV line becomes an object by
 * its header (`region.province` nests, list columns split on `;` or `|`, number columns parsed);
 * a JSON line is taken as written. A `rowKey` column or property names the row's key for resuming;
 * otherwise the line number is the key, so rerun the same file to resume.
 */
export async function* readRows(source: ImportSource, kind: ImportKind): AsyncIterable<SourceRow> {
  const stream = open(source);
  let line = 0;
  if (formatOf(source) === 'jsonl') {
    for await (const text of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
      if (text.trim() === '') continue;
      line++;
      try {
        const input = JSON.parse(text) as Record<string, unknown>;
        yield withKey(line, input);
      } catch (error) {
        yield { rowKey: String(line), line, input: null, unreadable: (error as Error).message };
      }
    }
    return;
  }
  const parser = stream.pipe(parse({ columns: true, bom: true, trim: true, skip_empty_lines: true }));
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    line++;
    yield withKey(line, fromCsv(record, kind));
  }
}

function withKey(line: number, input: Record<string, unknown>): SourceRow {
  const { rowKey, ...rest } = input;
  return { rowKey: typeof rowKey === 'string' && rowKey !== '' ? rowKey : String(line), line, input: rest };
}

/** A flat CSV record as the nested input the command takes; empty cells are left out. */
export function fromCsv(record: Record<string, string>, kind: ImportKind): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, raw] of Object.entries(record)) {
    if (raw === undefined || raw === '') continue;
    let value: unknown = raw;
    if (kind.lists.includes(column))
      value = raw
        .split(/[;|]/)
        .map((s) => s.trim())
        .filter(Boolean);
    else if (kind.numbers.includes(column) && /^-?\d+(\.\d+)?$/.test(raw)) value = Number(raw);
    setPath(out, column.split('.'), value);
  }
  return out;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node: Record<string, unknown> | unknown[] = target;
  path.forEach((segment, i) => {
    const last = i === path.length - 1;
    const key = /^\d+$/.test(segment) && Array.isArray(node) ? Number(segment) : segment;
    const holder = node as Record<string | number, unknown>;
    if (last) {
      holder[key] = value;
      return;
    }
    if (holder[key] === undefined) holder[key] = /^\d+$/.test(path[i + 1] ?? '') ? [] : {};
    node = holder[key] as Record<string, unknown>;
  });
}
