import type { DomainEvent } from './domain-event.js';
import type { EventHandler } from './event-dispatcher.js';

/** The headers a Gongfu webhook carries. */
export const WEBHOOK_HEADERS = {
  /** `sha256=<hex>`: HMAC-SHA256 of `<timestamp>.<body>` under the shared secret. */
  signature: 'gongfu-signature',
  /** Unix seconds when the request was signed; a receiver refuses old ones (replays). */
  timestamp: 'gongfu-timestamp',
  /** The event's idempotency key (`<tenant>/<seq>`): the same on every redelivery. */
  eventKey: 'gongfu-event-key',
} as const;

export interface WebhookHandlerOptions {
  /** The handler's (and its cursor's) name. */
  name: string;
  url: string;
  secret: string;
  /** Which events to send (default all); the others are passed over and count as delivered. */
  filter?: (event: DomainEvent) => boolean;
  /** Abort a request after this long (default 10 s); an abort is a failure, retried. */
  timeoutMs?: number;
  /** Seconds since the epoch (for tests); default the system clock. */
  nowSeconds?: () => number;
}

const encoder = new TextEncoder();

async function hmacHex(secret: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(text)));
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The signature header's value for `body` signed at `timestamp` (unix seconds). */
export async function signWebhook(secret: string, timestamp: number, body: string): Promise<string> {
  return `sha256=${await hmacHex(secret, `${timestamp}.${body}`)}`;
}

/** Compares in time independent of where the strings differ. */
function sameText(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

export interface WebhookVerification {
  secret: string;
  /** The raw request body, exactly as received. */
  body: string;
  signature: string | null | undefined;
  timestamp: string | null | undefined;
  /** Refuse requests signed longer ago (or further ahead) than this (default 300 s). */
  toleranceSeconds?: number;
  nowSeconds?: number;
}

/**
 * For the receiving app: true when the request was signed with `secret` over this very body within
 * the tolerance. Check it before parsing the body with `domainEventSchema`.
 * @example
 * ```ts
 * const ok = await verifyWebhookSignature({
 *   secret, body: rawBody,
 *   signature: req.headers['gongfu-signature'], timestamp: req.headers['gongfu-timestamp'],
 * });
 * if (!ok) return res.writeHead(401).end();
 * ```
 */
export async function verifyWebhookSignature(v: WebhookVerification): Promise<boolean> {
  if (!v.signature || !v.timestamp || !/^\d{1,12}$/.test(v.timestamp)) return false;
  const timestamp = Number(v.timestamp);
  const now = v.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (v.toleranceSeconds ?? 300)) return false;
  return sameText(await signWebhook(v.secret, timestamp, v.body), v.signature);
}

/**
 * A handler that POSTs each event as JSON to `url`, signed (see `WEBHOOK_HEADERS`). Any answer but
 * 2xx, a network error or a timeout is a failure the dispatcher retries with backoff and finally
 * dead-letters; the receiver de-duplicates by the event-key header.
 */
export function webhookHandler(options: WebhookHandlerOptions): EventHandler {
  const nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  return {
    name: options.name,
    async handle(event) {
      if (options.filter && !options.filter(event)) return;
      const body = JSON.stringify(event);
      const timestamp = nowSeconds();
      const res = await fetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.signature]: await signWebhook(options.secret, timestamp, body),
          [WEBHOOK_HEADERS.eventKey]: event.key,
        },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await res.body?.cancel();
      if (!res.ok) throw new Error(`webhook ${options.url} answered ${res.status}`);
    },
  };
}
