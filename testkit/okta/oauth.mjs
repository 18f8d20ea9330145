// @ts-check
// OAuth 2.0 for service apps, as Okta's org authorization server does it for the Management API: POST
// /oauth2/v1/token with the client_credentials grant and a private-key JWT client assertion (RFC 7523), checked
// against the app's registered public key (signature, iss = sub = client ID, aud = this endpoint, not expired,
// jti not seen before); the scopes asked must be granted. The access token it issues is then taken as
// `Authorization: Bearer`, and each call needs its scope (okta.groups.read for a GET of groups...): without it,
// 403 E0000006 with `WWW-Authenticate: Bearer ... error="insufficient_scope"`, as Okta answers.

import { createPublicKey, verify } from 'node:crypto';
import { URLSearchParams } from 'node:url';
import { randomChars } from './ids.mjs';

/** @typedef {{ clientId: string, publicKey: string, scopes: string[] }} ServiceApp */

/** The scope a Management API call needs, by its first path segments (okta.<resource>.read or .manage). */
const RESOURCES = [
  ['/api/v1/groups', 'okta.groups'],
  ['/api/v1/apps', 'okta.apps'],
  ['/api/v1/users', 'okta.users'],
  ['/api/v1/policies', 'okta.policies'],
  ['/api/v1/zones', 'okta.networkZones'],
];

/**
 * @param {string} method
 * @param {string} path
 */
export function scopeFor(method, path) {
  const found = RESOURCES.find(([prefix]) => path === prefix || path.startsWith(`${prefix}/`));
  return found ? `${found[1]}.${method === 'GET' ? 'read' : 'manage'}` : undefined;
}

/** @param {string} part */
const json = (part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

/**
 * @param {ServiceApp[]} apps
 * @param {() => string} origin  the emulator's URL
 */
export function oauthServer(apps, origin) {
  /** @type {Map<string, { scopes: Set<string>, expires: number }>} */
  const tokens = new Map();
  const seen = new Set();

  /**
   * @param {number} status
   * @param {string} error
   * @param {string} description
   */
  const refuse = (status, error, description) => ({
    status,
    body: { error, error_description: description },
  });

  return {
    /** @param {string} text the form body */
    token(text) {
      const form = new URLSearchParams(text);
      if (form.get('grant_type') !== 'client_credentials')
        return refuse(400, 'unsupported_grant_type', 'The authorization grant type is not supported.');
      if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer')
        return refuse(401, 'invalid_client', 'The client_assertion_type is invalid.');
      const [header, claims, signature] = (form.get('client_assertion') ?? '').split('.');
      if (!header || !claims || !signature)
        return refuse(401, 'invalid_client', 'The client_assertion is not a JWT.');
      const payload = json(claims);
      const app = apps.find((a) => a.clientId === payload.iss);
      const signed = Buffer.from(`${header}.${claims}`);
      const valid =
        app &&
        json(header).alg === 'RS256' &&
        verify('RSA-SHA256', signed, createPublicKey(app.publicKey), Buffer.from(signature, 'base64url'));
      if (!app || !valid) return refuse(401, 'invalid_client', 'The client_assertion signature is invalid.');
      if (payload.sub !== app.clientId || payload.aud !== `${origin()}/oauth2/v1/token`)
        return refuse(401, 'invalid_client', 'The audience or subject of the client_assertion is invalid.');
      if (!(payload.exp > Date.now() / 1000) || seen.has(payload.jti))
        return refuse(401, 'invalid_client', 'The client_assertion is expired or was used before.');
      seen.add(payload.jti);
      const asked = (form.get('scope') ?? '').split(' ').filter(Boolean);
      const missing = asked.filter((s) => !app.scopes.includes(s));
      if (asked.length === 0 || missing.length > 0)
        return refuse(400, 'invalid_scope', `The following scopes are not allowed: ${missing.join(', ')}`);
      const accessToken = `eyJ${randomChars(60)}`;
      tokens.set(accessToken, { scopes: new Set(asked), expires: Date.now() + 3_600_000 });
      return {
        status: 200,
        body: { token_type: 'Bearer', expires_in: 3600, access_token: accessToken, scope: asked.join(' ') },
      };
    },

    /**
     * Whether a Bearer token may make this call: 'ok', 'unknown' (401) or the scope it lacks (403).
     * @param {string} accessToken
     * @param {string} method
     * @param {string} path
     */
    check(accessToken, method, path) {
      const granted = tokens.get(accessToken);
      if (!granted || granted.expires < Date.now()) return 'unknown';
      const scope = scopeFor(method, path);
      return !scope || granted.scopes.has(scope) ? 'ok' : scope;
    },
  };
}
