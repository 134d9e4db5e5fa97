import type { ExpressionBuilder, Kysely, TransactionBuilder } from 'kysely';

// The schema is described at run time (migrations and record specs), not as a TypeScript
// interface, so Kysely is used untyped here and every row is decoded explicitly by its store.
// biome-ignore lint/suspicious/noExplicitAny: see above.
export type AnyDb = Kysely<any>;
// biome-ignore lint/suspicious/noExplicitAny: see above.
export type AnyRow = Record<string, any>;
// biome-ignore lint/suspicious/noExplicitAny: see above.
export type AnyExpressionBuilder = ExpressionBuilder<any, any>;
// biome-ignore lint/suspicious/noExplicitAny: see above.
export type AnyTransactionBuilder = TransactionBuilder<any>;
