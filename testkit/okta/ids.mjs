// @ts-check
// Okta-shaped identifiers and timestamps.

import { randomInt } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * @param {number} length
 * @param {string} [alphabet]
 */
export function randomChars(length, alphabet = ALPHANUMERIC) {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet.charAt(randomInt(alphabet.length));
  return out;
}

/**
 * Okta ids are 20 characters, the first 3 telling the kind of object (00g group, 00u user, 0oa app...).
 * @param {string} prefix
 */
export function oktaId(prefix) {
  return prefix + randomChars(20 - prefix.length);
}

/**
 * Okta's ID prefixes by kind of object, as seen in Okta's API reference examples (00g groups, 00u users, 0oa apps
 * and identity providers, 00p policies, 0pr policy rules, nzo zones, aus authorization servers, scp scopes, ocl
 * claims, aut authenticators, who event hooks, cal inline hooks, tos trusted origins, cr0 custom roles, iam resource
 * sets, irb role assignments, 0ob otherwise). First match wins.
 * @type {[RegExp, string][]}
 */
const PREFIXES = [
  [/^okta_(user|user_.*)$/, '00u'],
  [/^okta_group(_.*)?$/, '00g'],
  [/rule/, '0pr'],
  [/^okta_policy/, '00p'],
  [/^okta_network_zone/, 'nzo'],
  [/^okta_auth_server_scope/, 'scp'],
  [/^okta_auth_server_claim/, 'ocl'],
  [/^okta_auth_server/, 'aus'],
  [/^okta_authenticator/, 'aut'],
  [/^okta_event_hook/, 'who'],
  [/^okta_inline_hook/, 'cal'],
  [/^okta_trusted_origin/, 'tos'],
  [/^okta_admin_role_custom$/, 'cr0'],
  [/^okta_resource_set/, 'iam'],
  [/role/, 'irb'],
  [/^okta_(app|idp)/, '0oa'],
];

/** @param {string} type */
export const idPrefix = (type) => PREFIXES.find(([pattern]) => pattern.test(type))?.[1] ?? '0ob';

let last = 0;

/**
 * Lists are ordered by creation time, so two objects created in the same millisecond would come back in id
 * order, not creation order; a clock that never repeats keeps creation order visible.
 */
export function now() {
  last = Math.max(Date.now(), last + 1);
  return new Date(last).toISOString();
}
