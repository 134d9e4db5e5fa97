/**
 * The two statements that run one prepared statement with its generic plan: PostgreSQL chooses
 * between a custom and the generic plan by `plan_cache_mode`, a setting of the whole transaction,
 * so the setting is switched for that statement alone and put back after it. The value in force
 * before (the server's, the role's or the session's) is kept in a setting of our own and restored
 * from it, so a DBA's choice holds for every other statement. Both are `set_config(…, true)`:
 * local to the transaction, so a rollback or the end of the transaction undoes them too.
 */
export const GENERIC_PLAN_ON =
  "select set_config('gongfu.plan_cache_mode', current_setting('plan_cache_mode'), true), set_config('plan_cache_mode', 'force_generic_plan', true)";

export const GENERIC_PLAN_OFF =
  "select set_config('plan_cache_mode', current_setting('gongfu.plan_cache_mode'), true)";
