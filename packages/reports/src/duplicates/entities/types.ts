import type { Message } from '@gongfu/core';

/** Which kind of record an entity duplicate pairs. */
export type EntityKind = 'account' | 'contact';

export type EntitySignalName =
  | 'credit_code'
  | 'name'
  | 'region'
  | 'industry'
  | 'phone'
  | 'email'
  | 'person_name'
  | 'account';

/** One piece of evidence about two records: level, log2 likelihood-ratio weight, both values, phrase. */
export interface EntitySignal {
  name: EntitySignalName;
  level: string;
  weight: number;
  a: unknown;
  b: unknown;
  /** The phrase in English (empty while a scan only weighs). */
  text: string;
  /** The phrase as a key with parameters, to read in any locale. */
  message?: Message;
}

export interface EntitySide {
  id: string;
  name: string;
  ownerId: string;
}

/** Two accounts (or two contacts) that look like one record entered twice, and why. */
export interface EntityDuplicate {
  kind: EntityKind;
  a: EntitySide;
  b: EntitySide;
  /** Total match weight in bits: the prior plus every signal's weight. */
  score: number;
  /** 2^score / (1 + 2^score). */
  probability: number;
  signals: EntitySignal[];
  /** The sentence in English, and as a key with parameters (`crm.say(explanation.message)`). */
  explanation: { text: string; message: Message };
}

export interface EntityScanOptions {
  /** At most this many pairs, best first. Default 50. */
  limit?: number;
  /** Only pairs scoring at least this (bits). Default 0 (probability ≥ 0.5). */
  minScore?: number;
  /** Called as records are scanned, so a CLI or UI can show a bar. */
  onProgress?: (done: number, total: number) => void;
}
