// @ts-check
// Okta's own endpoints for kinds the emulator keeps in its generic store (routes-objects.mjs), so that what
// Terraform made through the provider stand-in and what an admin made in the Admin Console are one list, as in Okta:
// authorization servers and their policies, authenticators, identity providers, event hooks and inline hooks.
// Listing (every page by Link), reading one, and creating one by hand. An object created here is stored under
// okta/okta's attribute names, so Terraform can import it and generate its configuration. The JSON shapes are the
// fields of Okta's Management API reference for each kind that the scan and the import need (id, name, status, type,
// key, audiences, hook channels), not every field Okta returns.

import { blank, invalid } from './errors.mjs';
import { now, oktaId } from './ids.mjs';
import { byCreation, byPriority, page } from './paging.mjs';
import { asArray, asObject, dig, need, ok } from './router.mjs';

/** @typedef {import('./router.mjs').Route} Route */
/** @typedef {import('./router.mjs').Ctx} Ctx */
/** @typedef {import('./store.mjs').Obj} Obj */
/** @typedef {import('./store.mjs').Stored} Stored */
/** @typedef {Record<string, unknown>} Attributes */

/**
 * Authenticators every Identity Engine org has from the start (the Admin Console lists Email, Password and Okta
 * Verify before anyone adds one); the others are added by an admin (POST /api/v1/authenticators). A model, from the
 * Admin Console's Security › Authenticators page of a new org.
 */
export const BUILT_IN_AUTHENTICATORS = [
  { key: 'okta_email', name: 'Email', type: 'email' },
  { key: 'okta_password', name: 'Password', type: 'password' },
  { key: 'okta_verify', name: 'Okta Verify', type: 'app' },
];

/** An authenticator's type (Okta's `type` field) by its key. */
const AUTHENTICATOR_TYPES = Object.fromEntries([
  ...BUILT_IN_AUTHENTICATORS.map((a) => [a.key, a.type]),
  ['phone_number', 'phone'],
  ['security_question', 'security_question'],
  ['webauthn', 'security_key'],
  ['google_otp', 'app'],
  ['duo', 'app'],
  ['custom_app', 'app'],
  ['custom_otp', 'security_key'],
  ['external_idp', 'federated'],
  ['yubikey_token', 'security_key'],
]);

/** Social identity providers okta/okta manages with okta_idp_social. */
const SOCIAL = new Set([
  'GOOGLE',
  'FACEBOOK',
  'MICROSOFT',
  'APPLE',
  'LINKEDIN',
  'AMAZON',
  'GITHUB',
  'GITLAB',
  'SALESFORCE',
  'SPOTIFY',
  'XERO',
  'YAHOO',
  'YAHOOJP',
  'PAYPAL',
  'DISCORD',
  'LINE',
]);

const text = (/** @type {unknown} */ value) => (typeof value === 'string' ? value : undefined);

/**
 * @param {unknown} body
 * @returns {string}
 */
function nameOf(body) {
  const name = dig(body, 'name');
  if (typeof name !== 'string' || !name.trim()) throw blank('name');
  return name;
}

/**
 * @typedef {object} Kind
 * @property {string} path the collection's path
 * @property {string[]} types the okta/okta types whose objects it lists
 * @property {(o: Obj) => string} [sortKey]
 * @property {(id: string, a: Attributes, type: string, ctx: Ctx) => Obj} json Okta's JSON for a stored object
 * @property {(body: unknown, ctx: Ctx) => { type: string, prefix: string, attributes: Attributes }} create
 * @property {(a: Attributes, ctx: Ctx) => boolean} [inScope] for a nested collection: the parent's objects only
 */

/** @type {Kind[]} */
const KINDS = [
  {
    path: '/api/v1/authorizationServers',
    types: ['okta_auth_server'],
    json: (id, a, _type, ctx) => ({
      id,
      name: a.name,
      description: a.description ?? '',
      audiences: asArray(a.audiences),
      issuer: `${ctx.url}/oauth2/${id}`,
      issuerMode: a.issuer_mode ?? 'ORG_URL',
      status: a.status ?? 'ACTIVE',
    }),
    create: (body) => {
      const audiences = asArray(dig(body, 'audiences'));
      if (audiences.length === 0) throw invalid('audiences', 'audiences: The field cannot be left blank.');
      return {
        type: 'okta_auth_server',
        prefix: 'aus',
        attributes: {
          name: nameOf(body),
          description: text(dig(body, 'description')) ?? null,
          audiences,
          issuer_mode: text(dig(body, 'issuerMode')) ?? 'ORG_URL',
          status: 'ACTIVE',
          credentials_rotation_mode: 'AUTO',
        },
      };
    },
  },
  {
    path: '/api/v1/authorizationServers/{authServerId}/policies',
    types: ['okta_auth_server_policy'],
    sortKey: byPriority,
    inScope: (a, ctx) => a.auth_server_id === ctx.params.authServerId,
    json: (id, a) => ({
      id,
      type: 'OAUTH_AUTHORIZATION_POLICY',
      name: a.name,
      description: a.description ?? '',
      priority: a.priority ?? 1,
      status: a.status ?? 'ACTIVE',
      system: false,
      conditions: { clients: { include: asArray(a.client_whitelist) } },
    }),
    create: (body, ctx) => {
      need(ctx.org.objects.okta_auth_server ?? {}, ctx.params.authServerId ?? '', 'AuthorizationServer');
      return {
        type: 'okta_auth_server_policy',
        prefix: '00p',
        attributes: {
          auth_server_id: ctx.params.authServerId,
          name: nameOf(body),
          description: text(dig(body, 'description')) ?? nameOf(body),
          priority: Number(dig(body, 'priority') ?? 1),
          status: 'ACTIVE',
          client_whitelist: asArray(dig(body, 'conditions', 'clients', 'include')),
        },
      };
    },
  },
  {
    path: '/api/v1/authenticators',
    types: ['okta_authenticator'],
    json: (id, a) => ({
      id,
      key: a.key,
      name: a.name,
      type: AUTHENTICATOR_TYPES[String(a.key)] ?? 'app',
      status: a.status ?? 'ACTIVE',
    }),
    create: (body, ctx) => {
      const key = text(dig(body, 'key'));
      if (!key || !(key in AUTHENTICATOR_TYPES))
        throw invalid('key', `key: Invalid authenticator key: ${key ?? ''}`);
      const taken = Object.values(ctx.org.objects.okta_authenticator ?? {}).some(
        (o) => asObject(o.attributes).key === key,
      );
      if (taken && key !== 'custom_app' && key !== 'custom_otp') {
        throw invalid('key', `key: An authenticator with key ${key} already exists.`);
      }
      const status = ctx.query.get('activate') === 'true' ? 'ACTIVE' : 'INACTIVE';
      return { type: 'okta_authenticator', prefix: 'aut', attributes: { key, name: nameOf(body), status } };
    },
  },
  {
    path: '/api/v1/idps',
    types: ['okta_idp_oidc', 'okta_idp_saml', 'okta_idp_social'],
    json: (id, a, type) => ({
      id,
      type: type === 'okta_idp_oidc' ? 'OIDC' : type === 'okta_idp_saml' ? 'SAML2' : a.type,
      name: a.name,
      status: a.status ?? 'ACTIVE',
      protocol: { type: type === 'okta_idp_saml' ? 'SAML2' : 'OIDC', scopes: asArray(a.scopes) },
    }),
    create: (body) => {
      const idpType = text(dig(body, 'type')) ?? '';
      const name = nameOf(body);
      const scopes = asArray(dig(body, 'protocol', 'scopes'));
      if (idpType === 'OIDC') {
        const endpoint = (/** @type {string} */ which) =>
          text(dig(body, 'protocol', 'endpoints', which, 'url')) ?? null;
        const binding = (/** @type {string} */ which) =>
          text(dig(body, 'protocol', 'endpoints', which, 'binding')) ?? 'HTTP-REDIRECT';
        return {
          type: 'okta_idp_oidc',
          prefix: '0oa',
          attributes: {
            name,
            status: 'ACTIVE',
            scopes,
            authorization_url: endpoint('authorization'),
            authorization_binding: binding('authorization'),
            token_url: endpoint('token'),
            token_binding: text(dig(body, 'protocol', 'endpoints', 'token', 'binding')) ?? 'HTTP-POST',
            jwks_url: endpoint('jwks'),
            jwks_binding: text(dig(body, 'protocol', 'endpoints', 'jwks', 'binding')) ?? 'HTTP-REDIRECT',
            issuer_url: text(dig(body, 'protocol', 'issuer', 'url')) ?? null,
            client_id: text(dig(body, 'protocol', 'credentials', 'client', 'client_id')) ?? null,
          },
        };
      }
      if (SOCIAL.has(idpType)) {
        return {
          type: 'okta_idp_social',
          prefix: '0oa',
          attributes: { name, type: idpType, status: 'ACTIVE', scopes },
        };
      }
      throw invalid('type', `type: Unsupported identity provider type: ${idpType}`);
    },
  },
  {
    path: '/api/v1/eventHooks',
    types: ['okta_event_hook'],
    json: (id, a) => ({
      id,
      name: a.name,
      status: a.status ?? 'ACTIVE',
      verificationStatus: 'VERIFIED',
      events: { type: 'EVENT_TYPE', items: asArray(a.events) },
      channel: { type: 'HTTP', version: '1.0.0', config: { uri: asObject(a.channel).uri ?? '' } },
    }),
    create: (body) => {
      const uri = text(dig(body, 'channel', 'config', 'uri'));
      if (!uri) throw blank('channel.config.uri');
      return {
        type: 'okta_event_hook',
        prefix: 'who',
        attributes: {
          name: nameOf(body),
          status: 'ACTIVE',
          events: asArray(dig(body, 'events', 'items')),
          channel: { type: 'HTTP', version: '1.0.0', uri },
        },
      };
    },
  },
  {
    path: '/api/v1/inlineHooks',
    types: ['okta_inline_hook'],
    json: (id, a) => ({
      id,
      name: a.name,
      type: a.type,
      version: a.version,
      status: a.status ?? 'ACTIVE',
      channel: { type: 'HTTP', version: '1.0.0', config: { uri: asObject(a.channel).uri ?? '' } },
    }),
    create: (body) => {
      const type = text(dig(body, 'type'));
      if (!type || !/^com\.okta\.[a-z.]+$/.test(type))
        throw invalid('type', `type: Invalid inline hook type: ${type ?? ''}`);
      const uri = text(dig(body, 'channel', 'config', 'uri'));
      if (!uri) throw blank('channel.config.uri');
      return {
        type: 'okta_inline_hook',
        prefix: 'cal',
        attributes: {
          name: nameOf(body),
          type,
          version: text(dig(body, 'version')) ?? '1.0.0',
          status: 'ACTIVE',
          channel: { type: 'HTTP', version: '1.0.0', uri, method: 'POST' },
        },
      };
    },
  },
];

/**
 * The kind's stored objects, each with its okta/okta type.
 * @param {Kind} kind
 * @param {Ctx} ctx
 */
function storedOf(kind, ctx) {
  return kind.types.flatMap((type) =>
    Object.values(ctx.org.objects[type] ?? {})
      .filter((o) => !kind.inScope || kind.inScope(asObject(o.attributes), ctx))
      .map((o) => ({ type, stored: o })),
  );
}

/**
 * @param {Kind} kind
 * @param {{ type: string, stored: Stored }} entry
 * @param {Ctx} ctx
 */
function jsonOf(kind, { type, stored }, ctx) {
  const a = asObject(stored.attributes);
  return { ...kind.json(stored.id, a, type, ctx), created: stored.created, lastUpdated: stored.lastUpdated };
}

/** @type {Route[]} */
export const kindRoutes = KINDS.flatMap((kind) => [
  /** @type {Route} */ ([
    'GET',
    kind.path,
    (ctx) => {
      const listed = storedOf(kind, ctx).map((entry) => jsonOf(kind, entry, ctx));
      return page(listed, kind.sortKey ?? byCreation, ctx);
    },
  ]),
  /** @type {Route} */ ([
    'GET',
    `${kind.path}/{id}`,
    (ctx) => {
      const found = storedOf(kind, ctx).find((entry) => entry.stored.id === ctx.params.id);
      if (!found) need({}, ctx.params.id ?? '', 'Object');
      return ok(found ? jsonOf(kind, found, ctx) : {});
    },
  ]),
  /** @type {Route} */ ([
    'POST',
    kind.path,
    (ctx) => {
      const { type, prefix, attributes } = kind.create(ctx.body, ctx);
      const id = oktaId(prefix);
      const stamp = now();
      const stored = { id, attributes, created: stamp, lastUpdated: stamp };
      (ctx.org.objects[type] ??= {})[id] = stored;
      return ok(jsonOf(kind, { type, stored }, ctx));
    },
  ]),
]);
