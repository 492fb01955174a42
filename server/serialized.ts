/**
 * JSON already produced for a value, so a response does not stringify it a second time: a command
 * result is stringified when it is stored under its id and again for the HTTP answer. Keyed by
 * object identity (a WeakMap), so an entry lives exactly as long as the value; only values that
 * are not changed after being stringified may be remembered (command results are built once and
 * their items are frozen, see store/sqlite/items.ts).
 */
const known = new WeakMap<object, string>();

export function stringifyOnce(value: object): string {
  let json = known.get(value);
  if (json === undefined) {
    json = JSON.stringify(value);
    known.set(value, json);
  }
  return json;
}

/**
 * Records `json` as what `JSON.stringify(value)` gives, for a value whose JSON was assembled from
 * parts already stringified (an item's stored `data` text, a result's item). The caller vouches
 * for the equality; tests/integration/server/feed-json.test.ts holds it for the command path.
 */
export function rememberJson(value: object, json: string): string {
  known.set(value, json);
  return json;
}
