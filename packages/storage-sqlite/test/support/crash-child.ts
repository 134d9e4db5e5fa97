/**
 * A process to be killed in the middle of a command's transaction, on its own connection to a
 * SQLite file (the file is migrated already).
 *
 * argv: <file> <command> <write k> <state file>
 * Builds a tenant and the command's records, writes `{ tenantId, actorId, before }` (the tenant's
 * fingerprint before the command) to <state file>, then runs the command and, just before its kth
 * write, prints `paused` and waits — its transaction open, k−1 writes made — until it is killed.
 * Prints `done` when the command makes fewer than k writes and so commits.
 */
import { writeFileSync } from 'node:fs';
import {
  COMMAND_CALLS,
  type CommandName,
  exportFingerprint,
  faultyStorage,
  openWorld,
} from '@gongfu/service-suites/faults';
import { sqliteStorage } from '../../src/index.js';

const [file, command, writeText, stateFile] = process.argv.slice(2);
if (!file || !command || !writeText || !stateFile || !(command in COMMAND_CALLS)) {
  throw new Error('usage: crash-child <file> <command> <write k> <state file>');
}
const storage = await sqliteStorage({ filename: file, migrate: false });
const faulty = faultyStorage(storage);
const w = await openWorld(faulty.storage);
const call = await COMMAND_CALLS[command as CommandName](w);
const before = await exportFingerprint(storage, w.crm.tenantId);
writeFileSync(stateFile, JSON.stringify({ tenantId: w.crm.tenantId, actorId: w.org.repA.id, before }));

faulty.pauseBefore(Number(writeText), () => {
  process.stdout.write('paused\n');
  // Holds the process (and its open transaction) until the parent kills it.
  setInterval(() => {}, 60_000);
  return new Promise<void>(() => {});
});
await call();
process.stdout.write('done\n');
await storage.close();
