// @ts-check
// Route table plumbing shared by the routes-*.mjs modules: a route is [method, path pattern, handler], the
// pattern doubling as the rate-limit bucket name ("GET /api/v1/groups/{id}").

import { notFound } from './errors.mjs';

/** @typedef {import('./store.mjs').Obj} Obj */
/** @typedef {import('./store.mjs').OrgState} OrgState */
/** @typedef {import('./paging.mjs').Reply} Reply */

/**
 * @typedef {object} Ctx
 * @property {OrgState} org
 * @property {Record<string, string>} params  path parameters by the names in the pattern
 * @property {URLSearchParams} query
 * @property {unknown} body                   parsed JSON, {} when none
 * @property {boolean} admin                  an Admin Console edit: Okta's "deactivate first" guards don't apply
 * @property {string} url                     the emulator's base URL, for Link headers
 * @property {string} path                    path without query
 */

/** @typedef {(ctx: Ctx) => Reply} Handler */
/** @typedef {[method: string, pattern: string, handler: Handler]} Route */

/**
 * @typedef {object} CompiledRoute
 * @property {string} method
 * @property {string} pattern
 * @property {Handler} handler
 * @property {RegExp} regex
 * @property {string[]} names
 */

/** @param {Route[]} routes */
export function compile(routes) {
  return routes.map(([method, pattern, handler]) => {
    /** @type {string[]} */
    const names = [];
    const source = pattern.replace(/\{(\w+)\}/g, (_, name) => {
      names.push(name);
      return '([^/]+)';
    });
    return { method, pattern, handler, regex: new RegExp(`^${source}/?$`), names };
  });
}

/**
 * The first route whose pattern matches wins, so literal paths (/groups/rules) must come before patterns that
 * would also take them (/groups/{id}).
 * @param {CompiledRoute[]} table
 * @param {string} method
 * @param {string} path
 * @returns {{ route: CompiledRoute, params: Record<string, string> } | { route: null, pathKnown: boolean }}
 */
export function match(table, method, path) {
  let pathKnown = false;
  for (const route of table) {
    const m = route.regex.exec(path);
    if (!m) continue;
    pathKnown = true;
    if (route.method !== method) continue;
    /** @type {Record<string, string>} */
    const params = {};
    route.names.forEach((name, i) => {
      params[name] = decode(m[i + 1] ?? '');
    });
    return { route, params };
  }
  return { route: null, pathKnown };
}

/** @param {string} segment */
function decode(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    // Malformed percent-encoding names no object: the id is taken as sent and not found.
    return segment;
  }
}

/** @param {unknown} body */
export const ok = (body) => ({ status: 200, body });
export const noContent = () => ({ status: 204 });

/**
 * @template {Obj} T
 * @param {Record<string, T>} collection
 * @param {string} id
 * @param {string} kind
 * @returns {T}
 */
export function need(collection, id, kind) {
  const found = collection[id];
  if (!found) throw notFound(id, kind);
  return found;
}

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
 * `{ ...value }` for a value of unknown type: null, undefined and non-objects spread nothing but their own
 * enumerable properties, as in a spread.
 * @param {unknown} value
 * @returns {Obj}
 */
export const copyOf = (value) => ({ .../** @type {object} */ (value) });

/**
 * `value` when it is an array, else a new empty one.
 * @param {unknown} value
 * @returns {unknown[]}
 */
export const asArray = (value) => (Array.isArray(value) ? value : []);

/**
 * Fills what `value` leaves out from `defaults`, recursively, the way Okta completes a partial object.
 * @param {unknown} defaults
 * @param {unknown} value
 * @returns {unknown}
 */
export function withDefaults(defaults, value) {
  if (value === undefined || value === null) return structuredCopy(defaults);
  if (!isObject(defaults) || !isObject(value)) return value;
  /** @type {Obj} */
  const out = { ...value };
  for (const [key, fallback] of Object.entries(defaults)) out[key] = withDefaults(fallback, value[key]);
  return out;
}

/**
 * @template T
 * @param {T} value
 * @returns {T}
 */
export function structuredCopy(value) {
  return value === undefined ? value : JSON.parse(JSON.stringify(value));
}

/**
 * `activate` query parameter, true unless "false".
 * @param {URLSearchParams} query
 */
export const activating = (query) => query.get('activate') !== 'false';
