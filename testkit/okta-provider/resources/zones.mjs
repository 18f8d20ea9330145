// @ts-check
// okta_network_zone: /api/v1/zones. IP zones hold gateways and proxies; dynamic zones hold ASNs, locations
// and a proxy type.

import { B, S, attr, setOf } from '../schema.mjs';
import { dig, enc } from '../mapping.mjs';

/** @typedef {import('../mapping.mjs').ResourceType} ResourceType */
/** @typedef {import('../mapping.mjs').Values} Values */

/**
 * A set-of-strings attribute: an array, or null when unset.
 * @param {unknown} value
 */
const strings = (value) => /** @type {string[] | null | undefined} */ (value);

/** @param {unknown} values @returns {{ type: string, value: string }[] | undefined} */
const addresses = (values) =>
  strings(values)?.map((value) => ({ type: value.includes('/') ? 'CIDR' : 'RANGE', value }));

/** @param {unknown} list  gateways or proxies from the API */
const addressValues = (list) => {
  const entries = /** @type {{ value: string }[] | null | undefined} */ (list);
  return entries?.length ? entries.map((a) => a.value) : null;
};

/** @param {Values} v */
function zoneBody(v) {
  const common = { type: v.type, name: v.name, usage: v.usage, status: v.status ?? undefined };
  if (v.type === 'IP')
    return { ...common, gateways: addresses(v.gateways), proxies: addresses(v.proxies) ?? null };
  const locations = (strings(v.dynamic_locations) ?? []).map((l) =>
    l.includes('-') ? { country: l.split('-')[0], region: l } : { country: l },
  );
  return { ...common, proxyType: v.dynamic_proxy_type ?? undefined, asns: v.asns ?? undefined, locations };
}

/**
 * A network zone as the API answers it, with the fields read here.
 * @typedef {{ id?: unknown, name?: unknown, type?: unknown, status?: unknown, usage?: unknown, system?: unknown,
 *   gateways?: unknown, proxies?: unknown, proxyType?: unknown, asns?: unknown[] | null, locations?: unknown }} Zone
 */

/** @param {unknown} body @returns {Values} */
function zoneValues(body) {
  const zone = /** @type {Zone} */ (body);
  /** @type {Values} */
  const out = { id: zone.id, name: zone.name, type: zone.type, status: zone.status, usage: zone.usage };
  out.system = zone.system ?? false;
  if (zone.type === 'IP') {
    out.gateways = addressValues(zone.gateways);
    out.proxies = addressValues(zone.proxies);
  } else {
    out.dynamic_proxy_type = zone.proxyType ?? null;
    out.asns = zone.asns?.length ? zone.asns : null;
    const locations = /** @type {{ country: string, region?: string }[] | undefined} */ (zone.locations);
    out.dynamic_locations = locations?.length ? locations.map((l) => l.region ?? l.country) : null;
  }
  return out;
}

/**
 * The provider activates or deactivates after every create and update, by the configured status.
 * @param {import('../mapping.mjs').OktaClient} client
 * @param {unknown} zoneId
 * @param {unknown} status
 */
const lifecycle = (client, zoneId, status) =>
  client.call(
    'POST',
    `/api/v1/zones/${enc(zoneId)}/lifecycle/${status === 'ACTIVE' ? 'activate' : 'deactivate'}`,
  );

/** @type {ResourceType} */
export const oktaNetworkZone = {
  noun: 'network zone',
  schema: {
    attributes: {
      id: attr(S, 'computed'),
      name: attr(S, 'required', { description: 'Name of the Network Zone Resource' }),
      // The real provider does not force replacement on type (v6.12.0): Okta refuses the change instead.
      type: attr(S, 'required', { oneOf: ['IP', 'DYNAMIC', 'DYNAMIC_V2'] }),
      gateways: attr(setOf(S), 'optional'),
      proxies: attr(setOf(S), 'optional'),
      usage: attr(S, 'optional', { default: 'POLICY', oneOf: ['POLICY', 'BLOCKLIST'] }),
      status: attr(S, 'optional', { default: 'ACTIVE', oneOf: ['ACTIVE', 'INACTIVE'] }),
      dynamic_proxy_type: attr(S, 'optional'),
      asns: attr(setOf(S), 'optional'),
      dynamic_locations: attr(setOf(S), 'optional'),
      system: attr(B, 'computed', { description: 'Indicates a system Network Zone' }),
    },
  },
  check: (c) =>
    c.usage === 'BLOCKLIST' && Array.isArray(c.proxies) && c.proxies.length
      ? 'zones with usage = "BLOCKLIST" cannot have trusted proxies'
      : null,
  create: async (client, v) => {
    const zoneId = dig(await client.call('POST', '/api/v1/zones', zoneBody(v)), 'id');
    await lifecycle(client, zoneId, v.status);
    return zoneValues(await client.call('GET', `/api/v1/zones/${enc(zoneId)}`));
  },
  read: async (client, s) => {
    const zone = await client.find(`/api/v1/zones/${enc(s.id)}`);
    return zone ? zoneValues(zone) : null;
  },
  update: async (client, prior, v) => {
    await client.call('PUT', `/api/v1/zones/${enc(prior.id)}`, zoneBody(v));
    await lifecycle(client, prior.id, v.status);
    return zoneValues(await client.call('GET', `/api/v1/zones/${enc(prior.id)}`));
  },
  delete: async (client, prior) => {
    // System zones cannot be deleted: they only leave the state.
    if (prior.system) return;
    await client.ignoring404('POST', `/api/v1/zones/${enc(prior.id)}/lifecycle/deactivate`);
    await client.ignoring404('DELETE', `/api/v1/zones/${enc(prior.id)}`);
  },
};
