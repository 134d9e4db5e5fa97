/**
 * The two statements that run one prepared statement with its generic plan: PostgreSQL chooses
 * between a custom and the generic plan by `plan_cache_mode`, a setting of the whole transaction,
 * so the setting is switched for that statement alone and put back after it. The value in force
 * before (the server's, the role's or the session's) is kept in a setting of our own and restored
 * from it, so a DBA's choice holds for every other statement. Both are `set_config(…, true)`:
 * local to the transaction, so a rollback or the end of the transaction undoes them too.
 *
 * JIT is switched off for the same statement and put back the same way. A generic plan's costs
 * are estimated without the values, so a page cut at 51 rows or one customer's lateral reads are
 * costed as if they read a share of the table: the timeline's deals read is costed at 85,000 at
 * both 100k and 1M in the read bench's seed (an index read of ten rows, 0.08 ms), 15 % under the
 * default `jit_above_cost` of 100,000; a tenant whose statistics push it past that had PostgreSQL
 * compile the statement's expressions on every execution (the compiled code is not kept with the
 * cached plan): 63–100 ms of LLVM work per call, measured with the threshold at 50,000
 * (bench/RESULTS.md, issue 15, h-pgtail). The statements run this way are the ones whose plan is
 * the same index read whoever asks; none is a long scan JIT would pay for.
 */
export const GENERIC_PLAN_ON =
  "select set_config('gongfu.plan_cache_mode', current_setting('plan_cache_mode'), true), set_config('plan_cache_mode', 'force_generic_plan', true), set_config('gongfu.jit', current_setting('jit'), true), set_config('jit', 'off', true)";

export const GENERIC_PLAN_OFF =
  "select set_config('plan_cache_mode', current_setting('gongfu.plan_cache_mode'), true), set_config('jit', current_setting('gongfu.jit'), true)";
