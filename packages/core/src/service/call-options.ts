import type { Locale } from '../kernel/message.js';

/**
 * Options of one call, given through `crm.with(options)`: the same service, with these options on
 * every command called through the returned view.
 */
export interface CallOptions {
  /**
   * Resend a command with the same key after a timeout: the first result comes back and nothing is
   * written twice. The same key with different input is refused.
   */
  idempotencyKey?: string;
  /** The language of every text this call returns or throws (`zh-CN`, `en`, or an added locale). */
  locale?: Locale;
}

/** What the runner knows about the call it runs: its options, and which command with which arguments. */
export interface CallInfo {
  readonly options: CallOptions;
  /** `<area>.<verb>`, e.g. `leads.capture`; absent for `runAs`. */
  readonly command?: string;
  readonly args?: readonly unknown[];
}
