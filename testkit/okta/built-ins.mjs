// @ts-check
// What every Okta org has before anyone configures it (option builtIns of the emulator): the Everyone group
// (BUILT_IN) and a group an app or a directory brings (APP_GROUP), Okta's own apps (the Admin Console, the
// Dashboard, the browser plugin), a system default policy with its default rule for each policy type, the
// system network zones, the authenticators every Identity Engine org starts with (routes-kinds.mjs) and the
// authorization server named "default" that API Access Management brings. None of them is ever "made outside
// Terraform".

import { now, oktaId } from './ids.mjs';
import { BUILT_IN_AUTHENTICATORS } from './routes-kinds.mjs';

/** @typedef {import('./store.mjs').OrgState} OrgState */

/** @param {OrgState} org */
export function seedBuiltIns(org) {
  const created = now();
  const stamp = { status: 'ACTIVE', created, lastUpdated: created };
  for (const [type, name] of /** @type {const} */ ([
    ['BUILT_IN', 'Everyone'],
    ['APP_GROUP', 'Sales (from Active Directory)'],
  ])) {
    const id = oktaId('00g');
    org.groups[id] = { id, ...stamp, type, profile: { name, description: `${name}: Okta's` } };
  }
  for (const { name, label, signOnMode } of [
    { name: 'saasure', label: 'Okta Admin Console', signOnMode: 'OPENID_CONNECT' },
    { name: 'okta_enduser', label: 'Okta Dashboard', signOnMode: 'OPENID_CONNECT' },
    { name: 'okta_browser_plugin', label: 'Okta Browser Plugin', signOnMode: 'BROWSER_PLUGIN' },
  ]) {
    const id = oktaId('0oa');
    org.apps[id] = { id, ...stamp, name, label, signOnMode };
  }
  for (const type of ['OKTA_SIGN_ON', 'PASSWORD', 'MFA_ENROLL', 'ACCESS_POLICY', 'PROFILE_ENROLLMENT']) {
    const id = oktaId('00p');
    org.policies[id] = { id, ...stamp, type, name: 'Default Policy', priority: 1, system: true };
    const ruleId = oktaId('0pr');
    org.policyRules[id] = {
      [ruleId]: { id: ruleId, ...stamp, type, name: 'Default Rule', priority: 1, system: true },
    };
  }
  for (const { name, usage } of [
    { name: 'LegacyIpZone', usage: 'POLICY' },
    { name: 'BlockedIpZone', usage: 'BLOCKLIST' },
  ]) {
    const id = oktaId('nzo');
    org.zones[id] = { id, ...stamp, type: 'IP', name, usage, system: true };
  }
  const stored = (/** @type {string} */ prefix, /** @type {Record<string, unknown>} */ attributes) => ({
    id: oktaId(prefix),
    attributes,
    created,
    lastUpdated: created,
  });
  for (const { key, name } of BUILT_IN_AUTHENTICATORS) {
    const authenticator = stored('aut', { key, name, status: 'ACTIVE' });
    (org.objects.okta_authenticator ??= {})[authenticator.id] = authenticator;
  }
  const server = stored('aus', {
    name: 'default',
    description: 'Default Authorization Server for your Applications',
    audiences: ['api://default'],
    issuer_mode: 'ORG_URL',
    status: 'ACTIVE',
  });
  (org.objects.okta_auth_server ??= {})[server.id] = server;
}
