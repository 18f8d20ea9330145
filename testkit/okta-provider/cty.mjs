// @ts-check
// Terraform values on the wire: cty values encoded as msgpack (DynamicValue.msgpack). Decoding is generic;
// encoding is driven by the type, because terraform insists on every object attribute being present.

import { ExtensionCodec, decode, encode } from '@msgpack/msgpack';

/**
 * A cty type as it appears in schema JSON: a primitive name, or [kind, element type], or an object type.
 * @typedef {'string' | 'number' | 'bool' | ['list' | 'set' | 'map', unknown] | ['object', Record<string, unknown>]} CtyType
 */

/** Values of attributes that will be known only after apply. */
export const UNKNOWN = Symbol.for('okta-provider.unknown');

const codec = new ExtensionCodec();
// Ext 0 is a plain unknown. Terraform 1.11 also sends "refined" unknowns (ext 12: known prefix, not-null, ...):
// this provider has no use for refinements, so both decode to UNKNOWN.
for (const type of [0, 12]) {
  codec.register({
    type,
    encode: (input) => (input === UNKNOWN && type === 0 ? new Uint8Array([0]) : null),
    decode: () => UNKNOWN,
  });
}

/**
 * Decodes a DynamicValue. Null values (prior state on create, planned state on destroy) arrive as msgpack nil
 * or as no bytes at all. The provider decodes only objects (configurations and states of object type), so the
 * value is typed as one: attribute values stay unknown until narrowed.
 * @param {{ msgpack?: Uint8Array | null, json?: Uint8Array | null } | null | undefined} dynamic
 * @returns {Record<string, unknown> | null}
 */
export function decodeDynamic(dynamic) {
  if (dynamic?.msgpack && dynamic.msgpack.length > 0)
    return /** @type {Record<string, unknown> | null} */ (decode(dynamic.msgpack, { extensionCodec: codec }));
  if (dynamic?.json && dynamic.json.length > 0) return JSON.parse(Buffer.from(dynamic.json).toString('utf8'));
  return null;
}

/**
 * Encodes a value of `type` as a DynamicValue, completing objects with nulls.
 * @param {unknown} value
 * @param {CtyType} type
 */
export function encodeDynamic(value, type) {
  return { msgpack: Buffer.from(encode(conform(value, type), { extensionCodec: codec })) };
}

/**
 * Shapes a JS value to a cty type: every object attribute present (null when missing), numbers as numbers,
 * sets without duplicates. Unknown stays unknown.
 * @param {unknown} value
 * @param {CtyType} type
 * @returns {unknown}
 */
export function conform(value, type) {
  if (value === null || value === undefined) return null;
  if (value === UNKNOWN) return UNKNOWN;
  if (type === 'string') return typeof value === 'string' ? value : String(value);
  if (type === 'number') return typeof value === 'number' ? value : Number(value);
  if (type === 'bool') return typeof value === 'boolean' ? value : value === 'true';
  const [kind, element] = type;
  if (kind === 'object') {
    const source = /** @type {Record<string, unknown>} */ (value);
    return Object.fromEntries(
      Object.entries(/** @type {Record<string, CtyType>} */ (element)).map(([name, t]) => [
        name,
        conform(source[name], t),
      ]),
    );
  }
  if (kind === 'map') {
    return Object.fromEntries(
      Object.entries(/** @type {Record<string, unknown>} */ (value)).map(([k, v]) => [
        k,
        conform(v, /** @type {CtyType} */ (element)),
      ]),
    );
  }
  const items = /** @type {unknown[]} */ (value).map((v) => conform(v, /** @type {CtyType} */ (element)));
  return kind === 'set' ? dedupe(items) : items;
}

/**
 * Known duplicates go; unknown elements all stay, since cty never takes two unknowns for the same value (a
 * set of two group IDs known only after apply has two elements).
 * @param {unknown[]} items
 */
function dedupe(items) {
  /** @type {unknown[]} */
  const out = [];
  for (const item of items) if (hasUnknown(item) || !out.some((o) => equal(o, item))) out.push(item);
  return out;
}

/**
 * Deep equality of decoded values. Arrays compare in order: callers that hold sets compare with setEqual.
 * @param {unknown} a
 * @param {unknown} b
 * @returns {boolean}
 */
export function equal(a, b) {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => equal(v, b[i]));
  const ka = Object.keys(a).filter((k) => /** @type {Record<string, unknown>} */ (a)[k] != null);
  const kb = Object.keys(b).filter((k) => /** @type {Record<string, unknown>} */ (b)[k] != null);
  return (
    ka.length === kb.length &&
    ka.every((k) =>
      equal(/** @type {Record<string, unknown>} */ (a)[k], /** @type {Record<string, unknown>} */ (b)[k]),
    )
  );
}

/**
 * Equality that knows the type: sets ignore order (also inside objects and lists).
 * @param {unknown} a
 * @param {unknown} b
 * @param {CtyType} type
 * @returns {boolean}
 */
export function typedEqual(a, b, type) {
  if (a === UNKNOWN || b === UNKNOWN) return a === b;
  if (a == null || b == null) return a == b;
  if (typeof type === 'string') return a === b;
  const [kind, element] = type;
  if (kind === 'object') {
    const types = /** @type {Record<string, CtyType>} */ (element);
    return Object.entries(types).every(([k, t]) =>
      typedEqual(
        /** @type {Record<string, unknown>} */ (a)[k],
        /** @type {Record<string, unknown>} */ (b)[k],
        t,
      ),
    );
  }
  if (kind === 'map') return equal(a, b);
  const ea = /** @type {unknown[]} */ (a);
  const eb = /** @type {unknown[]} */ (b);
  const t = /** @type {CtyType} */ (element);
  if (ea.length !== eb.length) return false;
  if (kind === 'list') return ea.every((v, i) => typedEqual(v, eb[i], t));
  return (
    ea.every((v) => eb.some((w) => typedEqual(v, w, t))) &&
    eb.every((w) => ea.some((v) => typedEqual(v, w, t)))
  );
}

/**
 * True when a value contains an unknown anywhere.
 * @param {unknown} value
 * @returns {boolean}
 */
export function hasUnknown(value) {
  if (value === UNKNOWN) return true;
  if (value === null || typeof value !== 'object') return false;
  return Object.values(value).some(hasUnknown);
}
