// @ts-check
// Declarative schemas for the resource tables, and what terraform needs from them: tfplugin6 Schema messages,
// the implied object type, planning (unknown computed values, defaults, RequiresReplace) and reconciling what
// the API answers with what terraform expects back.

import { UNKNOWN, typedEqual } from './cty.mjs';

/** @typedef {import('./cty.mjs').CtyType} CtyType */

/**
 * @typedef {object} Attr
 * @property {CtyType} type
 * @property {boolean} [required]
 * @property {boolean} [optional]
 * @property {boolean} [computed]
 * @property {boolean} [sensitive]
 * @property {boolean} [forceNew] change means delete and create (RequiresReplace)
 * @property {unknown} [default] planned when the configuration leaves the attribute null (implies computed)
 * @property {string[]} [oneOf] allowed values, checked in Validate*Config
 * @property {boolean} [json] a JSON document: semantically equal documents are the same value
 * @property {string} [description]
 * @property {boolean} [deprecated]
 */

/**
 * @typedef {object} NestedBlock
 * @property {'list' | 'set' | 'single'} nesting
 * @property {Block} block
 * @property {number} [minItems]
 * @property {number} [maxItems]
 */

/**
 * @typedef {object} Block
 * @property {Record<string, Attr>} attributes
 * @property {Record<string, NestedBlock>} [blocks]
 * @property {string} [description]
 */

/**
 * One attribute. `flags` is a space-separated list of required, optional, computed, sensitive, forceNew, json,
 * deprecated.
 * @param {CtyType} type
 * @param {string} flags
 * @param {Partial<Attr>} [extra]
 * @returns {Attr}
 */
export function attr(type, flags, extra = {}) {
  /** @type {Attr} */
  const a = { type, ...extra };
  for (const flag of flags.split(/\s+/).filter(Boolean)) {
    if (!['required', 'optional', 'computed', 'sensitive', 'forceNew', 'json', 'deprecated'].includes(flag)) {
      throw new Error(`unknown attribute flag ${flag}`);
    }
    /** @type {Record<string, boolean>} */ (/** @type {unknown} */ (a))[flag] = true;
  }
  // A default is planned by the provider, so terraform must see the attribute as computed too.
  if (a.default !== undefined) a.computed = true;
  return a;
}

export const S = /** @type {CtyType} */ ('string');
export const N = /** @type {CtyType} */ ('number');
export const B = /** @type {CtyType} */ ('bool');
/** @param {CtyType} t @returns {CtyType} */
export const setOf = (t) => ['set', t];
/** @param {CtyType} t @returns {CtyType} */
export const listOf = (t) => ['list', t];

/**
 * The object type terraform derives from a block.
 * @param {Block} block
 * @returns {CtyType}
 */
export function impliedType(block) {
  /** @type {Record<string, CtyType>} */
  const types = {};
  for (const [name, a] of Object.entries(block.attributes)) types[name] = a.type;
  for (const [name, nb] of Object.entries(block.blocks ?? {})) {
    const inner = impliedType(nb.block);
    types[name] = nb.nesting === 'single' ? inner : [nb.nesting, inner];
  }
  return ['object', types];
}

/**
 * A tfplugin6.Schema message (as plain data for @grpc/proto-loader).
 * @param {Block} block
 * @param {number} [version]
 */
export function protoSchema(block, version = 0) {
  return { version, block: protoBlock(block) };
}

const NESTING = { single: 'SINGLE', list: 'LIST', set: 'SET' };

/** @param {Block} block @returns {object} */
function protoBlock(block) {
  return {
    version: 0,
    description: block.description ?? '',
    attributes: Object.entries(block.attributes).map(([name, a]) => ({
      name,
      type: Buffer.from(JSON.stringify(a.type)),
      description: a.description ?? '',
      required: Boolean(a.required),
      optional: Boolean(a.optional),
      computed: Boolean(a.computed),
      sensitive: Boolean(a.sensitive),
      deprecated: Boolean(a.deprecated),
    })),
    block_types: Object.entries(block.blocks ?? {}).map(([name, nb]) => ({
      type_name: name,
      block: protoBlock(nb.block),
      nesting: NESTING[nb.nesting],
      min_items: nb.minItems ?? 0,
      max_items: nb.maxItems ?? 0,
    })),
  };
}

/**
 * What terraform should plan: defaults for null optional+computed attributes, unknown for computed values the
 * API will decide, and the paths whose change forces replacement.
 * @param {Block} block
 * @param {Record<string, unknown> | null} prior
 * @param {Record<string, unknown>} proposed
 * @param {Record<string, unknown>} config
 */
export function plan(block, prior, proposed, config) {
  const planned = planBlock(block, prior, proposed, config);
  /** @type {string[][]} */
  const requiresReplace = [];
  if (prior) {
    for (const [name, a] of Object.entries(block.attributes)) {
      if (a.forceNew && !typedEqual(prior[name], planned[name], a.type)) requiresReplace.push([name]);
    }
  }
  return { planned, requiresReplace };
}

/**
 * @param {Block} block
 * @param {Record<string, unknown> | null | undefined} prior
 * @param {Record<string, unknown>} proposed
 * @param {Record<string, unknown> | null | undefined} config
 * @returns {Record<string, unknown>}
 */
function planBlock(block, prior, proposed, config) {
  const planned = { ...proposed };
  for (const [name, a] of Object.entries(block.attributes)) {
    if (!a.computed || (config && config[name] != null)) continue;
    if (a.default !== undefined) planned[name] = a.default;
    else if (!prior) planned[name] = UNKNOWN;
  }
  for (const [name, nb] of Object.entries(block.blocks ?? {})) {
    if (nb.nesting === 'single') {
      if (proposed[name]) {
        // A single nested block's value is an object of its attributes.
        planned[name] = planBlock(
          nb.block,
          /** @type {Record<string, unknown> | null | undefined} */ (prior?.[name]),
          /** @type {Record<string, unknown>} */ (proposed[name]),
          /** @type {Record<string, unknown> | null | undefined} */ (config?.[name]),
        );
      }
      continue;
    }
    const items = /** @type {Record<string, unknown>[]} */ (proposed[name] ?? []);
    const priorItems = /** @type {Record<string, unknown>[]} */ (prior?.[name] ?? []);
    const configItems = /** @type {Record<string, unknown>[]} */ (config?.[name] ?? []);
    // Terraform pairs list elements by index. When elements come or go, the API may renumber what it computes
    // for the others (assignment priorities), so unconfigured computed values are unknown in that case.
    const reshaped = !prior || !sameKeys(priorItems, items);
    planned[name] = items.map((item, i) =>
      planBlock(nb.block, reshaped ? null : priorItems[i], item, configItems[i] ?? item),
    );
  }
  return planned;
}

/**
 * @param {Record<string, unknown>[]} a
 * @param {Record<string, unknown>[]} b
 */
function sameKeys(a, b) {
  const key = (/** @type {Record<string, unknown>} */ item) => item.id ?? JSON.stringify(item);
  return (
    a.length === b.length &&
    a.every((item, i) => key(item) === key(/** @type {Record<string, unknown>} */ (b[i])))
  );
}

/**
 * The state to hand back: what the API says, except where `reference` (planned or prior state) holds a value
 * that means the same (a JSON document formatted differently, a set in another order) or one the API never
 * returns (secrets, provider-side switches: the resource table leaves those undefined).
 * @param {Block} block
 * @param {Record<string, unknown>} fromApi
 * @param {Record<string, unknown> | null | undefined} reference
 * @returns {Record<string, unknown>}
 */
export function reconcile(block, fromApi, reference) {
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [name, a] of Object.entries(block.attributes)) {
    const api = fromApi[name];
    const ref = reference?.[name] === UNKNOWN ? undefined : reference?.[name];
    if (api === undefined)
      out[name] = ref === undefined ? (a.default !== undefined ? a.default : null) : known(ref);
    else if (ref !== undefined && sameValue(a, api, ref)) out[name] = ref;
    else out[name] = api;
  }
  for (const [name, nb] of Object.entries(block.blocks ?? {})) {
    const api = fromApi[name];
    const ref = reference?.[name];
    // What the API does not know is kept as planned; a value still unknown there is one nobody decided: null.
    if (api === undefined) out[name] = ref === undefined ? (nb.nesting === 'single' ? null : []) : known(ref);
    else if (nb.nesting === 'single') {
      // A single nested block's value is an object of its attributes.
      const refBlock = /** @type {Record<string, unknown> | null | undefined} */ (ref);
      out[name] = api && reconcile(nb.block, /** @type {Record<string, unknown>} */ (api), refBlock);
    } else {
      out[name] = /** @type {Record<string, unknown>[]} */ (api).map((item, i) => {
        const match = Array.isArray(ref)
          ? (ref.find((r) => r.id != null && r.id === item.id) ?? ref[i])
          : null;
        return reconcile(nb.block, item, match);
      });
    }
  }
  return out;
}

/**
 * The value with every unknown inside it replaced by null.
 * @param {unknown} value
 * @returns {unknown}
 */
function known(value) {
  if (value === UNKNOWN) return null;
  if (Array.isArray(value)) return value.map(known);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, known(v)]));
}

/**
 * @param {Attr} a
 * @param {unknown} api
 * @param {unknown} ref
 */
function sameValue(a, api, ref) {
  // Okta answers "" or [] where terraform holds null, and the other way round.
  if (isEmpty(api) && isEmpty(ref)) return true;
  if (a.json && typeof api === 'string' && typeof ref === 'string') return sameJson(api, ref);
  return typedEqual(api, ref, a.type);
}

/** @param {unknown} v */
const isEmpty = (v) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * @param {string} a
 * @param {string} b
 */
export function sameJson(a, b) {
  try {
    return JSON.stringify(sortKeys(JSON.parse(a))) === JSON.stringify(sortKeys(JSON.parse(b)));
  } catch {
    return a === b;
  }
}

/** @param {unknown} v @returns {unknown} */
function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, sortKeys(/** @type {Record<string, unknown>} */ (v)[k])]),
  );
}

/**
 * Diagnostics for values outside `oneOf` and JSON attributes that do not parse, in the words of the SDK's
 * validators. Unknown values are checked at apply time instead.
 * @param {Block} block
 * @param {Record<string, unknown> | null} config
 * @param {(string | number)[]} [path]
 * @returns {{ summary: string, path: (string | number)[] }[]}
 */
export function validate(block, config, path = []) {
  if (!config) return [];
  /** @type {{ summary: string, path: (string | number)[] }[]} */
  const problems = [];
  for (const [name, a] of Object.entries(block.attributes)) {
    const value = config[name];
    if (value == null || value === UNKNOWN) continue;
    if (a.oneOf && !a.oneOf.includes(/** @type {string} */ (value))) {
      const quoted = a.oneOf.map((v) => JSON.stringify(v)).join(' ');
      problems.push({
        summary: `expected ${name} to be one of [${quoted}], got ${value}`,
        path: [...path, name],
      });
    }
    if (a.json && typeof value === 'string') {
      try {
        JSON.parse(value);
      } catch {
        problems.push({ summary: `"${name}" contains an invalid JSON`, path: [...path, name] });
      }
    }
  }
  for (const [name, nb] of Object.entries(block.blocks ?? {})) {
    const value = config[name];
    if (value == null || value === UNKNOWN) continue;
    const items = nb.nesting === 'single' ? [value] : /** @type {unknown[]} */ (value);
    items.forEach((item, i) => {
      const itemConfig = /** @type {Record<string, unknown> | null} */ (item);
      if (item !== UNKNOWN) problems.push(...validate(nb.block, itemConfig, [...path, name, i]));
    });
  }
  return problems;
}

/**
 * A state object with every attribute null (nested blocks empty), then `values` laid over it.
 * @param {Block} block
 * @param {Record<string, unknown>} values
 */
export function nullState(block, values) {
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const name of Object.keys(block.attributes)) out[name] = null;
  for (const [name, nb] of Object.entries(block.blocks ?? {}))
    out[name] = nb.nesting === 'single' ? null : [];
  return { ...out, ...values };
}
