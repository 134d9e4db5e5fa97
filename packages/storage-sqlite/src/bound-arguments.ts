/**
 * The most values a statement is given as separate arguments; a longer list (a multi-row insert)
 * is passed as one array, far from any limit on a call's argument count.
 */
const MOST_ARGUMENTS = 256;

/**
 * Whether a statement's parameters may be passed as separate arguments (`statement.run(...p)`)
 * rather than as one array (`statement.run(p)`). better-sqlite3 binds the values of an array by
 * reading each element back through V8's generic element lookup from C++ (`Object::Get(index)`,
 * around a thousand instructions a value, ~50 values an advance), and separate arguments straight
 * from the call. The two bind alike unless a value is itself an array or a plain object (as an
 * argument one is bound as more values, the other as named parameters): any object that is not a
 * buffer keeps the array, so an odd value fails exactly as it did.
 */
export function bindsAsArguments(parameters: readonly unknown[]): boolean {
  if (parameters.length > MOST_ARGUMENTS) return false;
  for (let i = 0; i < parameters.length; i++) {
    const value = parameters[i];
    if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value)) return false;
  }
  return true;
}
