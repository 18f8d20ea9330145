// @ts-check
// The provider block of okta/okta: its schema, its validation, and ConfigureProvider turning it (plus the
// environment variables the real provider falls back on) into an API client.

import { existsSync, readFileSync } from 'node:fs';
import { OktaApiError, OktaClient } from './okta-client.mjs';
import { UNKNOWN } from './cty.mjs';
import { B, N, S, attr, setOf } from './schema.mjs';

/** @type {import('./schema.mjs').Block} */
export const providerSchema = {
  attributes: {
    org_name: attr(S, 'optional', { description: 'The organization to manage in Okta.' }),
    base_url: attr(S, 'optional', { description: "The Okta url. (Use 'oktapreview.com' for Okta testing)" }),
    api_token: attr(S, 'optional sensitive', { description: 'API Token granting privileges to Okta API.' }),
    access_token: attr(S, 'optional sensitive', {
      description: 'Bearer token granting privileges to Okta API.',
    }),
    client_id: attr(S, 'optional'),
    private_key: attr(S, 'optional sensitive'),
    private_key_id: attr(S, 'optional'),
    scopes: attr(setOf(S), 'optional'),
    http_proxy: attr(S, 'optional', {
      description: 'Alternate HTTP proxy of scheme://hostname or scheme://hostname:port format',
    }),
    backoff: attr(B, 'optional'),
    min_wait_seconds: attr(N, 'optional'),
    max_wait_seconds: attr(N, 'optional'),
    max_retries: attr(N, 'optional'),
    parallelism: attr(N, 'optional'),
    log_level: attr(N, 'optional'),
    max_api_capacity: attr(N, 'optional'),
    request_timeout: attr(N, 'optional'),
  },
};

const CONFLICTS = {
  api_token: ['access_token', 'client_id', 'scopes', 'private_key'],
  access_token: ['api_token', 'client_id', 'scopes', 'private_key'],
  client_id: ['access_token', 'api_token'],
  private_key: ['access_token', 'api_token'],
  private_key_id: ['api_token'],
};

/**
 * Integer arguments and their bounds (intAtMost / intBetween in the provider).
 * @type {Record<string, [number | null, number]>}
 */
const BOUNDS = {
  max_retries: [null, 100],
  log_level: [1, 5],
  max_api_capacity: [1, 100],
  request_timeout: [0, 300],
};

/**
 * Problems ValidateProviderConfig reports, with the attribute they concern.
 * @param {Record<string, unknown> | null} config
 * @returns {{ summary: string, attribute: string }[]}
 */
export function validateProviderConfig(config) {
  if (!config) return [];
  /** @type {{ summary: string, attribute: string }[]} */
  const problems = [];
  const set = (/** @type {string} */ name) => config[name] != null && config[name] !== UNKNOWN;
  for (const [name, others] of Object.entries(CONFLICTS)) {
    for (const other of others) {
      if (set(name) && set(other))
        problems.push({ summary: `"${name}": conflicts with ${other}`, attribute: name });
    }
  }
  for (const [name, [min, max]] of Object.entries(BOUNDS)) {
    const value = config[name];
    if (typeof value !== 'number') continue;
    if ((min !== null && value < min) || value > max) {
      const range = min === null ? `at most (${max})` : `in the range (${min} - ${max})`;
      problems.push({ summary: `expected ${name} to be ${range}, got ${value}`, attribute: name });
    }
  }
  return problems;
}

const NO_CREDENTIALS =
  "[ERROR] no Okta credentials provided. Please set one of the following: 'api_token' (or OKTA_API_TOKEN env " +
  "var), 'access_token' (or OKTA_ACCESS_TOKEN env var), or 'private_key' + 'client_id' (or " +
  'OKTA_API_PRIVATE_KEY + OKTA_API_CLIENT_ID env vars).';

/**
 * ConfigureProvider: the argument wins, the environment variable fills in when it is unset (config.go). The
 * environment is the serving process's (or the one given to startOktaProvider): terraform does not pass its
 * own over gRPC. With an API token the credentials are checked with GET /api/v1/users/me, as the provider does
 * unless OKTA_VCR_TF_ACC is set (a 404 there is let through, see below).
 * @param {Record<string, unknown>} config
 * @param {Record<string, string | undefined>} env
 * @returns {Promise<{ client: OktaClient } | { error: string }>}
 */
export async function configure(config, env) {
  const known = (/** @type {string} */ name) => (config[name] === UNKNOWN ? null : config[name]);
  // String arguments (the schema's): the argument, else the variable, else ''.
  const pick = (/** @type {string} */ name, /** @type {string} */ variable) =>
    /** @type {string} */ (known(name) || env[variable] || '');
  const apiToken = pick('api_token', 'OKTA_API_TOKEN');
  const accessToken = pick('access_token', 'OKTA_ACCESS_TOKEN');
  const clientId = pick('client_id', 'OKTA_API_CLIENT_ID');
  let privateKey = pick('private_key', 'OKTA_API_PRIVATE_KEY');
  const privateKeyId = pick('private_key_id', 'OKTA_API_PRIVATE_KEY_ID');
  const scopes = /** @type {string[] | null} */ (known('scopes'))?.length
    ? /** @type {string[]} */ (known('scopes'))
    : (env.OKTA_API_SCOPES ?? '').split(',').filter(Boolean);
  const httpProxy = pick('http_proxy', 'OKTA_HTTP_PROXY');
  const orgUrl = httpProxy
    ? httpProxy.replace(/\/+$/, '')
    : `https://${pick('org_name', 'OKTA_ORG_NAME')}.${pick('base_url', 'OKTA_BASE_URL')}`;
  try {
    new URL(orgUrl);
  } catch (error) {
    return { error: `malformed Okta API URL (org_name+base_url value, or http_proxy value): ${error}` };
  }
  if (!apiToken && !accessToken && !privateKey) return { error: NO_CREDENTIALS };
  // private_key may name a file holding the PEM.
  if (privateKey && !privateKey.includes('-----BEGIN') && existsSync(privateKey)) {
    privateKey = readFileSync(privateKey, 'utf8');
  }
  const num = (/** @type {string} */ name, /** @type {number} */ fallback) =>
    typeof known(name) === 'number' ? /** @type {number} */ (known(name)) : fallback;
  const capacityEnv = Number(env.MAX_API_CAPACITY);
  const backoff = known('backoff');
  const client = new OktaClient({
    orgUrl,
    auth: accessToken
      ? { kind: 'Bearer', token: accessToken }
      : apiToken
        ? { kind: 'SSWS', token: apiToken }
        : { kind: 'PrivateKey', clientId, privateKey, privateKeyId, scopes },
    backoff: typeof backoff === 'boolean' ? backoff : true,
    minWait: num('min_wait_seconds', 30),
    maxWait: num('max_wait_seconds', 300),
    maxRetries: num('max_retries', 5),
    requestTimeout: num('request_timeout', 0),
    maxApiCapacity: num('max_api_capacity', capacityEnv >= 1 && capacityEnv <= 100 ? capacityEnv : 100),
  });
  if (apiToken && !accessToken && !env.OKTA_VCR_TF_ACC) {
    try {
      await client.call('GET', '/api/v1/users/me');
    } catch (error) {
      // Okta always has /users/me for a valid token; an emulated org may not serve the path. Only answers about
      // the credentials (401, 403, ...) and transport failures stop the provider here.
      if (error instanceof OktaApiError && error.status === 404) return { client };
      const detail = error instanceof Error ? error.message : String(error);
      return { error: `[ERROR] failed to validate configuration: error with v3 SDK client: ${detail}` };
    }
  }
  return { client };
}
