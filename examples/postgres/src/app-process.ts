import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** A running app-server process as main.ts drives it: its URL, what it delivered, and a stop. */
export interface AppProcess {
  name: string;
  url: string;
  /** Reminders this server's dispatcher delivered, in order. */
  delivered: Delivered[];
  /** Resolves with the first delivery matching `match` (already made or still to come). */
  waitForDelivery(match: (d: Delivered) => boolean, timeoutMs?: number): Promise<Delivered>;
  stop(): Promise<void>;
}
export interface Delivered {
  id: string;
  userId: string;
  subjectId: string;
  message: string;
}

const appServer = fileURLToPath(new URL('./app-server.ts', import.meta.url));

/** Starts `app-server.ts` in its own Node process (through tsx) and waits until it listens. */
export async function startAppServer(name: string, env: Record<string, string>): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', appServer], {
    env: { ...process.env, ...env, SERVER_NAME: name },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const delivered: Delivered[] = [];
  const waiters = new Set<() => void>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    void exited.then(() => reject(new Error(`${name} exited before it listened`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const event = JSON.parse(line) as { listening?: number; delivered?: Delivered };
      if (event.listening) resolve(event.listening);
      if (event.delivered) delivered.push(event.delivered);
      for (const wake of waiters) wake();
    });
  });
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    delivered,
    waitForDelivery(match, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = delivered.find(match);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${name} delivered no matching reminder in ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
