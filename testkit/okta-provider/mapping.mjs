// @ts-check
// Between terraform attributes and Okta JSON bodies: each resource table maps attribute names to dotted paths
// in the API object, and these helpers walk them both ways.

/**
 * What a resource table provides. Values are plain objects keyed by attribute name. `read` and the results of
 * `create`/`update` hold what the API says: null when the API says null, undefined for attributes the API does
 * not know (the provider keeps the planned or prior value for those).
 * @typedef {Record<string, unknown>} Values
 * @typedef {import('./okta-client.mjs').OktaClient} OktaClient
 * @typedef {object} ResourceType
 * @property {import('./schema.mjs').Block} schema
 * @property {string} noun  as in the provider's messages: "failed to create <noun>"
 * @property {(client: OktaClient, planned: Values) => Promise<Values>} create
 * @property {(client: OktaClient, state: Values) => Promise<Values | null>} read  null: gone (404)
 * @property {(client: OktaClient, prior: Values, planned: Values) => Promise<Values>} update
 * @property {(client: OktaClient, prior: Values) => Promise<void>} delete
 * @property {(id: string) => Values} [importState]  default { id }
 * @property {(planned: Values, prior: Values | null, config: Values) => Values} [planHook]
 * @property {(config: Values) => string | null} [check]  a configuration error the SDK would report
 * @typedef {object} DataSourceType
 * @property {import('./schema.mjs').Block} schema
 * @property {string} noun
 * @property {(client: OktaClient, config: Values) => Promise<Values>} read
 */

/**
 * A failure after the object was made or changed: the provider reports the error and still records `values`
 * (terraform keeps a created object, tainted), as the SDK does when an error follows d.SetId.
 */
export class PartialError extends Error {
  /**
   * @param {string} message
   * @param {Values} values
   */
  constructor(message, values) {
    super(message);
    this.values = values;
  }
}

/**
 * A field of an API object: a dotted path, optionally with conversions.
 * @typedef {string | { path: string, read?: (v: unknown) => unknown, write?: (v: unknown) => unknown }} Field
 */

/** A JSON object from the API, or a request body being built. @typedef {Record<string, unknown>} Obj */

/**
 * @param {unknown} value
 * @returns {value is Obj}
 */
export const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `value` when it is an object, else a new empty one.
 * @param {unknown} value
 * @returns {Obj}
 */
export const asObject = (value) => (isObject(value) ? value : {});

/**
 * `value?.[key]?.[key2]…` for a value of unknown type: undefined when a step is null or undefined.
 * @param {unknown} value
 * @param {...string} keys
 * @returns {unknown}
 */
export function dig(value, ...keys) {
  let out = value;
  for (const key of keys) out = out == null ? undefined : /** @type {Obj} */ (out)[key];
  return out;
}

/**
 * The value at a dotted path; undefined when any step is missing.
 * @param {unknown} obj
 * @param {string} path
 * @returns {unknown}
 */
export function get(obj, path) {
  let cur = obj;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || !(key in cur)) return undefined;
    cur = /** @type {Obj} */ (cur)[key];
  }
  return cur;
}

/**
 * Sets a dotted path, creating objects on the way. Null and undefined are left out of the body.
 * @param {Obj} obj
 * @param {string} path
 * @param {unknown} value
 */
export function put(obj, path, value) {
  if (value === null || value === undefined) return obj;
  const keys = path.split('.');
  const last = /** @type {string} */ (keys.pop());
  let cur = obj;
  for (const key of keys) {
    if (cur[key] === null || typeof cur[key] !== 'object') cur[key] = {};
    cur = /** @type {Obj} */ (cur[key]);
  }
  cur[last] = value;
  return obj;
}

/**
 * Attribute values from an API object. Empty arrays read as null: Okta answers [] where terraform holds null.
 * @param {unknown} body
 * @param {Record<string, Field>} fields
 * @returns {Values}
 */
export function readFields(body, fields) {
  /** @type {Values} */
  const out = {};
  for (const [name, field] of Object.entries(fields)) {
    const path = typeof field === 'string' ? field : field.path;
    let value = get(body, path);
    if (value !== undefined && value !== null && typeof field !== 'string' && field.read)
      value = field.read(value);
    out[name] = Array.isArray(value) && value.length === 0 ? null : value;
  }
  return out;
}

/**
 * An API body from attribute values (null attributes are left out).
 * @param {Values} values
 * @param {Record<string, Field>} fields
 * @param {Obj} [body]
 */
export function writeFields(values, fields, body = {}) {
  for (const [name, field] of Object.entries(fields)) {
    const value = values[name];
    if (value === null || value === undefined) continue;
    if (typeof field === 'string') put(body, field, value);
    else put(body, field.path, field.write ? field.write(value) : value);
  }
  return body;
}

/** @param {string} snake */
export const camel = (snake) => snake.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

/**
 * A JSON attribute from an object, null when there is nothing in it.
 * @param {unknown} obj  an object from the API (or null/undefined)
 */
export function jsonOrNull(obj) {
  return obj && Object.keys(obj).length > 0 ? JSON.stringify(obj) : null;
}

/**
 * Parses a JSON attribute for a request body.
 * @param {unknown} text  a string attribute (or null/undefined)
 * @returns {Obj}
 */
export function parseJson(text) {
  return text ? JSON.parse(String(text)) : {};
}

/**
 * encodeURIComponent for an attribute or API value of unknown type; String() is the conversion
 * encodeURIComponent makes itself.
 * @param {unknown} value
 */
export const enc = (value) => encodeURIComponent(String(value));

/**
 * Splits an import ID of the form a/b, failing with the provider's words.
 * @param {string} id
 * @param {string} expected  e.g. "{policyID}/{ruleID}"
 */
export function splitId(id, expected) {
  const parts = id.split('/');
  if (parts.length !== 2 || !parts[0] || !parts[1]) {
    throw new Error(`invalid resource import specifier "${id}", expecting ${expected}`);
  }
  return /** @type {[string, string]} */ (parts);
}
