// @ts-check
// Network zones. IP zones list gateways and proxies as CIDR blocks or ranges. A zone is deleted only once
// INACTIVE and no policy rule uses it.

import { blank, invalid } from './errors.mjs';
import { now, oktaId } from './ids.mjs';
import { byCreation, page } from './paging.mjs';
import { activating, copyOf, dig, need, noContent, ok, structuredCopy } from './router.mjs';
import { narrow } from './routes-groups.mjs';

/** @typedef {import('./router.mjs').Route} Route */
/** @typedef {import('./router.mjs').Ctx} Ctx */
/** @typedef {import('./store.mjs').OrgState} OrgState */
/** @typedef {import('./store.mjs').Obj} Obj */

const ADDRESS = {
  CIDR: /^[0-9A-Fa-f:.]+\/\d{1,3}$/,
  RANGE: /^[0-9A-Fa-f:.]+(-[0-9A-Fa-f:.]+)?$/,
};

/**
 * @param {unknown} list
 * @param {string} field
 */
function addresses(list, field) {
  if (list === undefined || list === null) return null;
  if (!Array.isArray(list)) throw invalid(field, `${field}: must be a list of addresses`);
  return list.map((entry, i) => {
    const type = /** @type {keyof typeof ADDRESS} */ (entry?.type);
    if (!ADDRESS[type] || typeof entry.value !== 'string' || !ADDRESS[type].test(entry.value)) {
      throw invalid(field, `${field}[${i}]: Invalid ${entry?.type ?? 'address'}: ${entry?.value ?? ''}`);
    }
    return { type, value: entry.value };
  });
}

/**
 * @param {unknown} body
 * @param {string} [type] the zone's type, when replacing it
 * @returns {Obj & { type: string, name: string, usage: string }}
 */
function zoneFields(body, type) {
  const name = dig(body, 'name');
  if (typeof name !== 'string' || name.trim() === '') throw blank('name');
  const sentType = dig(body, 'type');
  const zoneType = type ?? sentType;
  if (typeof zoneType !== 'string' || !['IP', 'DYNAMIC', 'DYNAMIC_V2'].includes(zoneType)) {
    throw invalid('type', 'type: Invalid zone type');
  }
  if (type && sentType && sentType !== type)
    throw invalid('type', 'type: The type of a zone cannot be changed.');
  const usage = dig(body, 'usage') ?? 'POLICY';
  if (typeof usage !== 'string' || !['POLICY', 'BLOCKLIST'].includes(usage)) {
    throw invalid('usage', 'usage: Invalid zone usage');
  }
  const given = structuredCopy(copyOf(body));
  for (const key of ['id', 'status', 'created', 'lastUpdated', 'system', '_links']) delete given[key];
  /** @type {Obj & { type: string, name: string, usage: string }} */
  const fields = { ...given, type: zoneType, name, usage };
  if (zoneType === 'IP') {
    const gateways = addresses(dig(body, 'gateways'), 'gateways');
    fields.gateways = gateways;
    const proxies = addresses(dig(body, 'proxies'), 'proxies');
    fields.proxies = proxies;
    if (!gateways?.length && !proxies?.length) {
      throw invalid('gateways', 'gateways: An IP zone needs gateways or proxies.');
    }
  }
  return fields;
}

/** @param {Ctx} ctx */
function createZone({ org, body, query }) {
  const fields = zoneFields(body);
  const at = now();
  const status = activating(query) && dig(body, 'status') !== 'INACTIVE' ? 'ACTIVE' : 'INACTIVE';
  const zone = { type: fields.type, id: oktaId('nzo'), name: fields.name, status, usage: fields.usage };
  org.zones[zone.id] = { ...zone, created: at, lastUpdated: at, system: false, ...fields };
  return ok(org.zones[zone.id]);
}

/** @param {Ctx} ctx */
function replaceZone({ org, params, body }) {
  const zone = need(org.zones, params.id ?? '', 'NetworkZone');
  const fields = zoneFields(body, zone.type);
  const kept = { type: zone.type, id: zone.id, name: fields.name, status: zone.status, usage: fields.usage };
  org.zones[zone.id] = { ...kept, created: zone.created, lastUpdated: now(), system: false, ...fields };
  return ok(org.zones[zone.id]);
}

/**
 * @param {OrgState} org
 * @param {string} zoneId
 */
function usedBy(org, zoneId) {
  for (const rules of Object.values(org.policyRules)) {
    for (const rule of Object.values(rules)) {
      const network = dig(rule, 'conditions', 'network') ?? {};
      // Lists of zone ids as sent; spread as they are.
      const include = /** @type {Iterable<unknown>} */ (dig(network, 'include') ?? []);
      const exclude = /** @type {Iterable<unknown>} */ (dig(network, 'exclude') ?? []);
      if ([...include, ...exclude].includes(zoneId)) return rule;
    }
  }
  return undefined;
}

/** @param {Ctx} ctx */
function deleteZone({ org, params, admin }) {
  const zone = need(org.zones, params.id ?? '', 'NetworkZone');
  if (!admin && zone.status === 'ACTIVE') {
    throw invalid('status', 'Cannot delete an ACTIVE network zone: deactivate it first.');
  }
  const rule = admin ? undefined : usedBy(org, zone.id);
  if (rule)
    throw invalid('id', `Network zone ${zone.id} is used by policy rule ${rule.id} and cannot be deleted.`);
  delete org.zones[zone.id];
  return noContent();
}

/**
 * @param {'ACTIVE' | 'INACTIVE'} status
 * @returns {(ctx: Ctx) => import('./paging.mjs').Reply}
 */
const zoneLifecycle = (status) => (ctx) => {
  const zone = need(ctx.org.zones, ctx.params.id ?? '', 'NetworkZone');
  if (zone.status !== status) Object.assign(zone, { status, lastUpdated: now() });
  return ok(zone);
};

/** @type {Route[]} */
export const zoneRoutes = [
  ['POST', '/api/v1/zones', createZone],
  ['GET', '/api/v1/zones', (c) => page(narrow(Object.values(c.org.zones), c.query, ['name']), byCreation, c)],
  ['GET', '/api/v1/zones/{id}', (c) => ok(need(c.org.zones, c.params.id ?? '', 'NetworkZone'))],
  ['PUT', '/api/v1/zones/{id}', replaceZone],
  ['DELETE', '/api/v1/zones/{id}', deleteZone],
  ['POST', '/api/v1/zones/{id}/lifecycle/activate', zoneLifecycle('ACTIVE')],
  ['POST', '/api/v1/zones/{id}/lifecycle/deactivate', zoneLifecycle('INACTIVE')],
];
