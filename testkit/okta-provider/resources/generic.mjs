// @ts-check
// Every okta/okta type this stand-in has no hand-written table for, served from the provider's own schema
// (reference/okta/schema.json, read from okta/terraform-provider-okta v6.12.0) and its replace-forcing attributes
// (reference/okta/replace-attrs.tsv). Objects live in the emulator's generic store (routes-objects.mjs): what is
// planned is what is stored, computed attributes are filled once at create, and Okta-shaped IDs are handed out
// by the emulator. This is not the provider's API behaviour for these types (no validation beyond the schema, no
// Okta side effects); it is enough for Terraform to plan, apply, update, replace, import and destroy them.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { idPrefix } from '../../okta/ids.mjs';
import { UNKNOWN } from '../cty.mjs';
import { attr, nullState } from '../schema.mjs';
import { asObject, enc } from '../mapping.mjs';

/** @typedef {import('../mapping.mjs').ResourceType} ResourceType */
/** @typedef {import('../mapping.mjs').DataSourceType} DataSourceType */
/** @typedef {import('../mapping.mjs').Values} Values */
/** @typedef {import('../schema.mjs').Block} Block */
/** @typedef {import('../cty.mjs').CtyType} CtyType */
/**
 * How computed values are decided: `prefix` for the object's own ID; `oneOfEach` (data sources) reads one object
 * into each computed list of objects.
 * @typedef {{ prefix: string, oneOfEach: boolean }} Reading
 */

/**
 * A block as `terraform providers schema -json` writes it.
 * @typedef {{ type: CtyType, required?: boolean, optional?: boolean, computed?: boolean, sensitive?: boolean,
 *   deprecated?: boolean }} JsonAttribute
 * @typedef {{ attributes?: Record<string, JsonAttribute>, block_types?: Record<string, { nesting_mode: string,
 *   block: JsonBlock, min_items?: number, max_items?: number }> }} JsonBlock
 * @typedef {{ version?: number, block: JsonBlock }} JsonSchema
 */

const reference = (/** @type {string} */ file) =>
  readFileSync(new URL(`../../../reference/okta/${file}`, import.meta.url), 'utf8');

const okta = JSON.parse(reference('schema.json')).provider_schemas['registry.terraform.io/okta/okta'];
/** @type {Record<string, JsonSchema>} */
export const referenceResources = okta.resource_schemas;
/** @type {Record<string, JsonSchema>} */
export const referenceDataSources = okta.data_source_schemas;

/** type → attributes whose change forces replacement (top-level names; header and comment lines skipped) */
export const REPLACE = new Map(
  reference('replace-attrs.tsv')
    .split('\n')
    .filter((line) => line.startsWith('okta_'))
    .map((line) => {
      const [type = '', attrs = ''] = line.split('\t');
      return [type, attrs.split(',').filter(Boolean)];
    }),
);

/**
 * Types whose Okta ID is another object's (the provider's d.SetId in resource_okta_app_group_assignment.go,
 * resource_okta_app_user.go, resource_okta_user_group_memberships.go, resource_okta_app_oauth_api_scope.go).
 * @type {Record<string, string>}
 */
const ID_FROM = {
  okta_app_group_assignment: 'group_id',
  okta_app_user: 'user_id',
  okta_user_group_memberships: 'user_id',
  okta_app_oauth_api_scope: 'app_id',
};

/**
 * Types whose import ID names their parents too (the "Import" section of each type's docs in okta/okta v6.12.0):
 * the parts before the object's own ID, as the attributes they fill.
 * @type {Record<string, string[]>}
 */
const IMPORT_PARENTS = {
  okta_auth_server_policy: ['auth_server_id'],
  okta_auth_server_policy_rule: ['auth_server_id', 'policy_id'],
  okta_auth_server_scope: ['auth_server_id'],
  okta_auth_server_claim: ['auth_server_id'],
};

/**
 * @param {JsonBlock} json
 * @param {string[]} [forceNew] top-level attributes whose change forces replacement
 * @returns {Block}
 */
export function blockFromJson(json, forceNew = []) {
  /** @type {Block} */
  const block = { attributes: {}, blocks: {} };
  for (const [name, a] of Object.entries(json.attributes ?? {})) {
    const flags = ['required', 'optional', 'computed', 'sensitive', 'deprecated'].filter(
      (flag) => /** @type {Record<string, unknown>} */ (a)[flag],
    );
    if (forceNew.includes(name)) flags.push('forceNew');
    block.attributes[name] = attr(a.type, flags.join(' '));
  }
  for (const [name, b] of Object.entries(json.block_types ?? {})) {
    const nesting = b.nesting_mode === 'single' || b.nesting_mode === 'set' ? b.nesting_mode : 'list';
    /** @type {import('../schema.mjs').NestedBlock} */
    const nested = { nesting, block: blockFromJson(b.block) };
    if (b.min_items) nested.minItems = b.min_items;
    if (b.max_items) nested.maxItems = b.max_items;
    /** @type {NonNullable<Block['blocks']>} */ (block.blocks)[name] = nested;
  }
  return block;
}

/**
 * A value for a computed attribute the API decides, shaped like Okta's: IDs for *_id, ACTIVE for status, a
 * timestamp for dates, else the type's empty value. `seed` makes the choice the same for the same object.
 * @param {string} name
 * @param {CtyType} type
 * @param {string} seed
 * @param {Reading} read
 * @returns {unknown}
 */
function computedValue(name, type, seed, read) {
  if (Array.isArray(type)) {
    const [kind, element] = type;
    if (kind === 'map') return {};
    if (kind === 'object') return objectValue(/** @type {Record<string, CtyType>} */ (element), seed, read);
    // A data source's list of objects (okta_brands.brands) reads one object: examples index [0] into it.
    if (Array.isArray(element) && element[0] === 'object' && read.oneOfEach)
      return [objectValue(/** @type {Record<string, CtyType>} */ (element[1]), `${seed}/${name}/0`, read)];
    return [];
  }
  if (type === 'number') return 0;
  if (type === 'bool') return false;
  if (name === 'status') return 'ACTIVE';
  if (name === 'id' || name.endsWith('_id'))
    return `${name === 'id' ? read.prefix : '0ob'}${digest(`${seed}/${name}`).slice(0, 20 - 3)}`;
  if (/(^|_)(created|updated|last_updated|expires_at)$/.test(name)) return '2026-01-01T00:00:00.000Z';
  return '';
}

/**
 * An object value with every attribute decided.
 * @param {Record<string, CtyType>} types
 * @param {string} seed
 * @param {Reading} read
 * @returns {Record<string, unknown>}
 */
function objectValue(types, seed, read) {
  return Object.fromEntries(
    Object.entries(types).map(([n, t]) => [
      n,
      /** @type {unknown} */ (computedValue(n, t, `${seed}/${n}`, { ...read, prefix: '0ob' })),
    ]),
  );
}

/** @param {string} text */
const digest = (text) => createHash('sha256').update(text).digest('base64url').replace(/[-_]/g, 'x');

/**
 * The values with every unknown replaced by what the API would have decided.
 * @param {Block} block
 * @param {Values} values
 * @param {string} seed
 * @param {Reading} [read]
 * @returns {Values}
 */
export function filled(block, values, seed, read = { prefix: '0ob', oneOfEach: false }) {
  /** @type {Values} */
  const out = { ...values };
  for (const [name, a] of Object.entries(block.attributes)) {
    if (out[name] === UNKNOWN) out[name] = computedValue(name, a.type, seed, read);
  }
  for (const [name, nb] of Object.entries(block.blocks ?? {})) {
    const value = out[name];
    if (value === UNKNOWN || value === undefined) out[name] = nb.nesting === 'single' ? null : [];
    else if (Array.isArray(value))
      out[name] = value.map((item, i) => filled(nb.block, asObject(item), `${seed}/${name}/${i}`, read));
    else if (value !== null) out[name] = filled(nb.block, asObject(value), `${seed}/${name}`, read);
  }
  return out;
}

/**
 * @param {string} type
 * @param {JsonSchema} json
 * @returns {ResourceType}
 */
export function genericResource(type, json) {
  const schema = blockFromJson(json.block, REPLACE.get(type) ?? []);
  // Every object gets an ID, also where the docs list `id` as an argument only (okta_end_user_my_requests).
  const id = schema.attributes.id;
  if (id && !id.computed) schema.attributes.id = { ...id, computed: true, required: false, optional: true };
  const path = `/emulator/v1/objects/${enc(type)}`;
  /** @param {unknown} stored */
  const values = (stored) => ({ ...asObject(asObject(stored).attributes), id: asObject(stored).id });
  return {
    schema,
    noun: type.replace(/^okta_/, '').replaceAll('_', ' '),
    create: async (client, planned) => {
      const attributes = filled(schema, { ...planned, id: null }, `${type}/${JSON.stringify(planned)}`);
      // An ID the configuration gives (okta_app_token), or the object's it takes as its own, or a new one.
      const idFrom = ID_FROM[type];
      const given = typeof planned.id === 'string' ? planned.id : idFrom ? planned[idFrom] : undefined;
      return values(await client.call('POST', path, { id: given, attributes }));
    },
    read: async (client, state) => {
      const found = await client.find(`${path}/${enc(state.id)}`);
      return found ? values(found) : null;
    },
    update: async (client, prior, planned) => {
      const attributes = filled(schema, planned, `${type}/${prior.id}`);
      return values(await client.call('PUT', `${path}/${enc(prior.id)}`, { attributes }));
    },
    delete: async (client, prior) => {
      await client.ignoring404('DELETE', `${path}/${enc(prior.id)}`);
    },
    // Terraform then reads the object: an ID the store does not hold fails the import as Okta's 404 would.
    importState: (importId) => {
      const parents = IMPORT_PARENTS[type];
      if (!parents) return nullState(schema, { id: importId });
      const format = [...parents, 'id'].map((p) => `{${p}}`).join('/');
      const parts = importId.split('/');
      if (parts.length !== parents.length + 1 || parts.some((p) => !p)) {
        throw new Error(`invalid resource import specifier "${importId}", expecting ${format}`);
      }
      const id = parts.pop();
      return nullState(schema, { id, ...Object.fromEntries(parents.map((p, i) => [p, parts[i]])) });
    },
  };
}

/**
 * A data source that answers from its configuration: arguments as given, computed attributes decided from them
 * (the same configuration always reads the same object), nested blocks empty.
 * @param {string} type
 * @param {JsonSchema} json
 * @returns {DataSourceType}
 */
export function genericDataSource(type, json) {
  const schema = blockFromJson(json.block);
  return {
    schema,
    noun: type.replace(/^okta_/, '').replaceAll('_', ' '),
    read: async (_client, config) => {
      /** @type {Values} */
      const unknowns = {};
      for (const [name, a] of Object.entries(schema.attributes)) {
        if (a.computed && config[name] == null) unknowns[name] = UNKNOWN;
      }
      return filled(schema, { ...config, ...unknowns }, `${type}/${JSON.stringify(config)}`, {
        prefix: idPrefix(type),
        oneOfEach: true,
      });
    },
  };
}
