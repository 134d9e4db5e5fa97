import type { BatchStatement } from './pg-batch.js';

/**
 * A whole batch as the bytes of its protocol messages, in one buffer of exactly their size:
 * per statement an optional Close of the name, a Parse (first use of a name, or the unnamed
 * statement), Bind, Describe of the unnamed portal and Execute of all its rows; then one Sync. The
 * messages are the ones pg's `parse`, `bind` (text parameters, a `Buffer` as binary, null as -1;
 * text results), `describe`, `execute`, `close` and `sync` write, byte for byte; written here
 * because pg builds each message in a writer that starts at 256 bytes and grows by copying, and
 * hands each to the socket as a buffer of its own: a team week's days statement (~8.5 KB of
 * parameters) cost three growing allocations outside the buffer pool and ~40 chunks to
 * `writev` per call, and the garbage they left was most of the client's GC (bench/RESULTS.md,
 * issue 15, h-read11).
 */
export function batchBytes(
  statements: readonly BatchStatement[],
  valueMapper: (value: unknown, index: number) => unknown,
): Buffer {
  // First pass: each value as pg sends it, and every variable part's byte length.
  const values: unknown[][] = [];
  let size = SYNC.length;
  for (const s of statements) {
    const name = s.name ?? '';
    const nameBytes = Buffer.byteLength(name);
    if (s.closeFirst && s.name) size += 1 + 4 + 1 + nameBytes + 1;
    if (s.parse || s.name === undefined) size += 1 + 4 + nameBytes + 1 + Buffer.byteLength(s.text) + 1 + 2;
    const mapped = new Array<unknown>(s.values.length);
    // Bind: code, length, portal '', the statement's name, the formats, the values, one result format.
    size += 1 + 4 + 1 + nameBytes + 1 + 2 + 2 * mapped.length + 2 + 2 + 2;
    for (let i = 0; i < mapped.length; i++) {
      const value = valueMapper(s.values[i], i);
      mapped[i] = value;
      size += 4;
      if (value === null || value === undefined) continue;
      size += value instanceof Buffer ? value.length : Buffer.byteLength(value as string);
    }
    values.push(mapped);
    size += DESCRIBE_PORTAL.length + EXECUTE_ALL.length;
  }
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  const int32 = (n: number) => {
    at = out.writeInt32BE(n, at);
  };
  const int16 = (n: number) => {
    at = out.writeInt16BE(n, at);
  };
  // Counts of parameters and formats are unsigned on the wire (up to 65,535, as pg writes them);
  // past that the write throws and the batch fails whole, before anything is sent (`PgBatch.submit`).
  const count16 = (n: number) => {
    at = out.writeUInt16BE(n, at);
  };
  const cString = (text: string) => {
    at += out.write(text, at, 'utf8');
    out[at++] = 0;
  };
  /** A message's code and a length to be filled in once its body is written. */
  const open = (code: number) => {
    out[at++] = code;
    const lengthAt = at;
    at += 4;
    return lengthAt;
  };
  const close = (lengthAt: number) => {
    out.writeInt32BE(at - lengthAt, lengthAt);
  };
  statements.forEach((s, k) => {
    const name = s.name ?? '';
    if (s.closeFirst && s.name) {
      const m = open(CLOSE);
      out[at++] = STATEMENT;
      cString(name);
      close(m);
    }
    if (s.parse || s.name === undefined) {
      const m = open(PARSE);
      cString(name);
      cString(s.text);
      int16(0);
      close(m);
    }
    const mapped = values[k] as unknown[];
    const m = open(BIND);
    cString('');
    cString(name);
    count16(mapped.length);
    for (const value of mapped) int16(value instanceof Buffer ? 1 : 0);
    count16(mapped.length);
    for (const value of mapped) {
      if (value === null || value === undefined) int32(-1);
      else if (value instanceof Buffer) {
        int32(value.length);
        at += value.copy(out, at);
      } else {
        const lengthAt = at;
        at += 4;
        const written = out.write(value as string, at, 'utf8');
        out.writeInt32BE(written, lengthAt);
        at += written;
      }
    }
    int16(1);
    int16(0);
    close(m);
    at += DESCRIBE_PORTAL.copy(out, at);
    at += EXECUTE_ALL.copy(out, at);
  });
  SYNC.copy(out, at);
  return out;
}

const PARSE = 0x50;
const BIND = 0x42;
const CLOSE = 0x43;
/** Close's target: a prepared statement. */
const STATEMENT = 0x53;
/** Describe the unnamed portal: 'D', length 6, 'P', ''. */
const DESCRIBE_PORTAL = Buffer.from([0x44, 0, 0, 0, 6, 0x50, 0]);
/** Execute the unnamed portal, every row: 'E', length 9, '', 0. */
const EXECUTE_ALL = Buffer.from([0x45, 0, 0, 0, 9, 0, 0, 0, 0, 0]);
const SYNC = Buffer.from([0x53, 0, 0, 0, 4]);
