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
  text: string;
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
  explanation: { text: string };
}

export interface EntityScanOptions {
  /** At most this many pairs, best first. Default 50. */
  limit?: number;
  /** Only pairs scoring at least this (bits). Default 0 (probability ≥ 0.5). */
  minScore?: number;
  /** Called as records are scanned, so a CLI or UI can show a bar. */
  onProgress?: (done: number, total: number) => void;
}
