// Builds `terraform show -json` plans with okta/okta resources, in the exact structure Terraform 1.11 writes
// (format_version 1.2: planned_values, resource_drift, resource_changes, output_changes, prior_state, configuration).
// No public Okta plan exists and Terraform can't download the provider here, so examples, tests and the benchmark
// describe objects and this module lays them out the way Terraform does.

const PROVIDER = 'registry.terraform.io/okta/okta';

/**
 * @typedef {Record<string, unknown>} Values
 * @typedef {object} OktaObject
 * @property {string} type
 * @property {string} name                  resource name in the configuration
 * @property {string | number} [key]        for_each key or count index
 * @property {string} [module]              module call that holds it
 * @property {'managed' | 'data'} [mode]
 * @property {Values | null} before         values in state (null: not there yet)
 * @property {Values | null} after          planned values (null: removed)
 * @property {string[]} [actions]           defaults from before/after
 * @property {string[]} [unknown]           top-level attributes known only after apply
 * @property {string[]} [sensitive]         top-level attributes the provider marks sensitive
 * @property {Record<string, string>} [refs] attribute → address it references in the configuration
 * @property {string} [previousAddress]
 * @property {boolean} [importing]
 * @property {string} [actionReason]
 * @property {string[][]} [replacePaths]
 */

/** @param {OktaObject} o */
export function addressOf(o) {
  const key =
    o.key === undefined ? '' : typeof o.key === 'number' ? `[${o.key}]` : `[${JSON.stringify(o.key)}]`;
  const base = `${o.mode === 'data' ? 'data.' : ''}${o.type}.${o.name}${key}`;
  return o.module ? `module.${o.module}.${base}` : base;
}

/** @param {OktaObject} o */
function actionsOf(o) {
  if (o.actions) return o.actions;
  if (o.mode === 'data') return ['read'];
  if (!o.before) return ['create'];
  if (!o.after) return ['delete'];
  return JSON.stringify(o.before) === JSON.stringify(o.after) ? ['no-op'] : ['update'];
}

/** @param {string[] | undefined} names */
function mask(names) {
  return Object.fromEntries((names ?? []).map((n) => [n, true]));
}

/** @param {Values} values @param {string[] | undefined} unknown */
function known(values, unknown) {
  const copy = { ...values };
  for (const name of unknown ?? []) delete copy[name];
  return copy;
}

/** @param {OktaObject} o */
function header(o) {
  const h = { address: addressOf(o) };
  if (o.module) h.module_address = `module.${o.module}`;
  Object.assign(h, { mode: o.mode ?? 'managed', type: o.type, name: o.name });
  if (o.key !== undefined) h.index = o.key;
  h.provider_name = PROVIDER;
  return h;
}

/** One entry of resource_changes (or resource_drift). @param {OktaObject} o */
export function resourceChange(o) {
  const actions = actionsOf(o);
  const change = {
    actions,
    before: o.before,
    after: o.after ? known(o.after, o.unknown) : null,
    after_unknown: o.after ? mask(o.unknown) : {},
    before_sensitive: o.before ? mask(o.sensitive) : false,
    after_sensitive: o.after ? mask(o.sensitive) : false,
  };
  if (o.replacePaths) change.replace_paths = o.replacePaths;
  if (o.importing) change.importing = { id: String(o.before?.id ?? '') };
  const entry = { ...header(o) };
  if (o.previousAddress) entry.previous_address = o.previousAddress;
  entry.change = change;
  if (o.actionReason) entry.action_reason = o.actionReason;
  return entry;
}

/** @param {OktaObject} o @param {Values} values */
function stateResource(o, values) {
  return { ...header(o), schema_version: 0, values, sensitive_values: mask(o.sensitive) };
}

/** @param {OktaObject[]} objects @param {(o: OktaObject) => Values | null} pick */
function moduleTree(objects, pick) {
  const root = { resources: [], child_modules: [] };
  const children = new Map();
  for (const o of objects) {
    const values = pick(o);
    if (!values) continue;
    let target = root;
    if (o.module) {
      target = children.get(o.module) ?? { resources: [], address: `module.${o.module}` };
      children.set(o.module, target);
    }
    target.resources.push(stateResource(o, values));
  }
  root.child_modules = [...children.values()];
  if (root.child_modules.length === 0) delete root.child_modules;
  return root;
}

/** @param {OktaObject} o */
function configResource(o) {
  const expressions = {};
  for (const [attribute, value] of Object.entries(o.after ?? o.before ?? {})) {
    const reference = o.refs?.[attribute];
    if (reference) expressions[attribute] = { references: [`${reference}.id`, reference] };
    else if (attribute !== 'id' && !(o.unknown ?? []).includes(attribute) && value !== null) {
      expressions[attribute] = { constant_value: value };
    }
  }
  const resource = {
    address: `${o.mode === 'data' ? 'data.' : ''}${o.type}.${o.name}`,
    mode: o.mode ?? 'managed',
    type: o.type,
    name: o.name,
    provider_config_key: 'okta',
    expressions,
    schema_version: 0,
  };
  if (typeof o.key === 'string') resource.for_each_expression = { references: ['local.items'] };
  if (typeof o.key === 'number') resource.count_expression = { constant_value: o.key + 1 };
  return resource;
}

/** @param {OktaObject[]} objects */
function configuration(objects, provider) {
  const root = { resources: [] };
  const calls = {};
  const seen = new Set();
  for (const o of objects) {
    if (!o.after && !o.before) continue;
    const resource = configResource(o);
    const id = `${o.module ?? ''}/${resource.address}`;
    if (seen.has(id) || !o.after) continue;
    seen.add(id);
    if (o.module) {
      calls[o.module] ??= { source: `./modules/${o.module}`, module: { resources: [] } };
      calls[o.module].module.resources.push(resource);
    } else root.resources.push(resource);
  }
  if (Object.keys(calls).length) root.module_calls = calls;
  const expressions = Object.fromEntries(
    Object.entries(provider).map(([k, v]) => [k, { constant_value: v }]),
  );
  return {
    provider_config: {
      okta: { name: 'okta', full_name: PROVIDER, version_constraint: '~> 6.12', expressions },
    },
    root_module: root,
  };
}

/**
 * A whole plan.
 * @param {{ objects: OktaObject[], drift?: OktaObject[], provider?: Record<string, string>, outputs?: Record<string, string[]>, terraformVersion?: string }} spec
 * @returns {Record<string, unknown>}
 */
export function oktaPlan({ objects, drift = [], provider = {}, outputs = {}, terraformVersion = '1.11.4' }) {
  const plan = {
    format_version: '1.2',
    terraform_version: terraformVersion,
    planned_values: { root_module: moduleTree(objects, (o) => (o.after ? known(o.after, o.unknown) : null)) },
  };
  if (drift.length) plan.resource_drift = drift.map(resourceChange);
  plan.resource_changes = objects.map(resourceChange);
  if (Object.keys(outputs).length) {
    plan.output_changes = Object.fromEntries(
      Object.entries(outputs).map(([name, actions]) => [
        name,
        {
          actions,
          before: null,
          after: 'x',
          after_unknown: false,
          before_sensitive: false,
          after_sensitive: false,
        },
      ]),
    );
  }
  plan.prior_state = {
    format_version: '1.0',
    terraform_version: terraformVersion,
    values: { root_module: moduleTree(objects, (o) => o.before) },
  };
  plan.configuration = configuration(objects, provider);
  plan.timestamp = '2026-11-28T12:00:00Z';
  plan.applyable = true;
  plan.complete = true;
  plan.errored = false;
  return plan;
}

/** Okta-shaped IDs: a 3-character prefix per kind of object, then 17 characters, unique per (prefix, n). */
export function oktaId(prefix, n) {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let x = (n * 2654435761 + 97) % 2147483648;
  let tail = '';
  for (let i = 0; i < 11; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    tail += alphabet[x % alphabet.length];
  }
  let rest = Math.abs(Math.trunc(n));
  for (let i = 0; i < 6; i++) {
    tail += alphabet[rest % alphabet.length];
    rest = Math.floor(rest / alphabet.length);
  }
  return `${prefix}${tail}`;
}
