// @ts-check
// The provider's HTTP client for the Okta Management API, behaving like the real provider's stack
// (go-retryablehttp + okta-sdk-golang): SSWS or Bearer auth, retries on 429 and on 5xx other than 500 with
// exponential backoff between min_wait_seconds and max_wait_seconds, and the same error words.

/* global fetch, AbortSignal -- Node's own (>= 18); the repository's eslint globals predate them */
import { createSign, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { URLSearchParams } from 'node:url';
import { dig } from './mapping.mjs';

/**
 * @typedef {object} ClientSettings
 * @property {string} orgUrl  no trailing slash
 * @property {{ kind: 'SSWS' | 'Bearer', token: string } | { kind: 'PrivateKey', clientId: string, privateKey: string, privateKeyId: string, scopes: string[] }} auth
 * @property {boolean} backoff
 * @property {number} minWait seconds
 * @property {number} maxWait seconds
 * @property {number} maxRetries
 * @property {number} requestTimeout seconds, 0 = none
 * @property {number} maxApiCapacity percent, 100 = governor off
 */

/** An error the API answered with, worded like okta-sdk-golang's Error(). */
export class OktaApiError extends Error {
  /**
   * @param {number} status
   * @param {unknown} body
   * @param {string} message
   */
  constructor(status, body, message) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

/**
 * okta-sdk-golang: "the API returned an error: <summary>" then ". Causes: errorSummary: ..." when there are causes.
 * @param {unknown} body
 * @param {number} status
 * @param {string} [suffix] what the retry layer appends to the summary when it gives up
 */
function apiErrorText(body, status, suffix = '') {
  const errorSummary = dig(body, 'errorSummary');
  const summary = (body && typeof errorSummary === 'string' ? errorSummary : `HTTP ${status}`) + suffix;
  const errorCauses = dig(body, 'errorCauses');
  /** @type {unknown[]} */
  const causes = Array.isArray(errorCauses) ? errorCauses : [];
  const listed = causes.flatMap((c) =>
    Object.entries(/** @type {object} */ (c)).map(([k, v]) => `${k}: ${v}`),
  );
  return `the API returned an error: ${summary}${listed.length ? `. Causes: ${listed.join(', ')}` : ''}`;
}

/** Go's url.Error prints the method as Get, Post, Put, Delete. */
const goMethod = (/** @type {string} */ m) => m[0] + m.slice(1).toLowerCase();

export class OktaClient {
  /** @param {ClientSettings} settings */
  constructor(settings) {
    this.settings = settings;
    /** @type {Promise<string> | null} */
    this.bearer = null;
    /** Rate-limit headers last seen per bucket, for max_api_capacity. @type {Map<string, { limit: number, remaining: number, reset: number }>} */
    this.buckets = new Map();
  }

  /**
   * One API call. Resolves with the parsed body; rejects with OktaApiError (404 included: callers decide).
   * @param {string} method
   * @param {string} path  starting with /api/v1
   * @param {unknown} [body]
   * @returns {Promise<unknown>}
   */
  async call(method, path, body) {
    return (await this.exchange(method, path, body)).body;
  }

  /**
   * GET of a collection, following Link rel="next" pages as the SDK does.
   * @param {string} path
   * @returns {Promise<unknown[]>}
   */
  async list(path) {
    /** @type {unknown[]} */
    const items = [];
    /** @type {string | null} */
    let next = path;
    while (next) {
      const { body, headers } = await this.exchange('GET', next);
      items.push(...(Array.isArray(body) ? body : []));
      const link = /<([^>]+)>;\s*rel="next"/.exec(headers.get('link') ?? '');
      const url = link?.[1] ? new URL(link[1], this.settings.orgUrl) : null;
      next = url ? url.pathname + url.search : null;
    }
    return items;
  }

  /**
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   * @returns {Promise<{ body: unknown, headers: Headers }>}
   */
  async exchange(method, path, body) {
    const url = this.settings.orgUrl + path;
    const { backoff, maxRetries, minWait, maxWait } = this.settings;
    const retries = backoff ? maxRetries : 0;
    for (let attempt = 0; ; attempt++) {
      await this.govern(method, path);
      const response = await this.send(method, url, body).catch((/** @type {Error} */ error) => {
        // net/http's url.Error: no status, so no OktaApiError.
        const cause = /** @type {{ cause?: { code?: string, message?: string } }} */ (error).cause;
        throw new Error(`${goMethod(method)} "${url}": ${cause?.message ?? error.message}`);
      });
      const text = await response.text();
      const parsed = parseBody(text);
      this.remember(method, path, response.headers);
      if (response.ok) return { body: parsed, headers: response.headers };
      const retryable = response.status === 429 || (response.status >= 501 && response.status <= 599);
      if (!retryable || !backoff)
        throw new OktaApiError(response.status, parsed, apiErrorText(parsed, response.status));
      if (attempt >= retries) {
        // go-retryablehttp's ErrorHandler in the provider appends this to the summary; net/http wraps it.
        const words = apiErrorText(parsed, response.status, `, giving up after ${attempt + 1} attempt(s)`);
        throw new OktaApiError(response.status, parsed, `${goMethod(method)} "${url}": ${words}`);
      }
      await sleep(waitSeconds(attempt, minWait, maxWait, response.headers) * 1000);
    }
  }

  /**
   * GET that answers null on 404: how every read notices an object deleted outside terraform.
   * @param {string} path
   */
  async find(path) {
    try {
      return await this.call('GET', path);
    } catch (error) {
      if (error instanceof OktaApiError && error.status === 404) return null;
      throw error;
    }
  }

  /**
   * DELETE (or another call) that ignores 404, as the provider's SuppressErrorOn404 does.
   * @param {string} method
   * @param {string} path
   */
  async ignoring404(method, path) {
    try {
      return await this.call(method, path);
    } catch (error) {
      if (error instanceof OktaApiError && error.status === 404) return null;
      throw error;
    }
  }

  /**
   * @param {string} method
   * @param {string} url
   * @param {unknown} body
   */
  async send(method, url, body) {
    /** @type {Record<string, string>} */
    const headers = {
      Accept: 'application/json',
      Authorization: await this.authorization(),
      'User-Agent': 'okta-terraform-harness/1.0 okta-sdk-golang',
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const timeout = this.settings.requestTimeout;
    return fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: timeout > 0 ? AbortSignal.timeout(timeout * 1000) : undefined,
    });
  }

  async authorization() {
    const auth = this.settings.auth;
    if (auth.kind !== 'PrivateKey') return `${auth.kind} ${auth.token}`;
    this.bearer ??= this.clientCredentials(auth);
    return `Bearer ${await this.bearer}`;
  }

  /**
   * OAuth 2.0 client credentials with a private_key_jwt assertion (no DPoP), for orgs that issue plain Bearer
   * tokens to the service app.
   * @param {{ clientId: string, privateKey: string, privateKeyId: string, scopes: string[] }} auth
   */
  async clientCredentials(auth) {
    const audience = `${this.settings.orgUrl}/oauth2/v1/token`;
    const now = Math.floor(Date.now() / 1000);
    const b64 = (/** @type {object} */ o) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const header = b64({
      alg: 'RS256',
      typ: 'JWT',
      ...(auth.privateKeyId ? { kid: auth.privateKeyId } : {}),
    });
    const claims = b64({
      aud: audience,
      iss: auth.clientId,
      sub: auth.clientId,
      iat: now,
      exp: now + 3000,
      jti: randomUUID(),
    });
    const signature = createSign('RSA-SHA256')
      .update(`${header}.${claims}`)
      .sign(auth.privateKey)
      .toString('base64url');
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      scope: auth.scopes.join(' '),
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: `${header}.${claims}.${signature}`,
    });
    const response = await fetch(audience, {
      method: 'POST',
      body: form,
      headers: { Accept: 'application/json' },
    });
    const body = parseBody(await response.text());
    const accessToken = dig(body, 'access_token');
    if (!response.ok || !accessToken) {
      throw new OktaApiError(
        response.status,
        body,
        `failed to get access token: ${dig(body, 'error_description') ?? response.status}`,
      );
    }
    return /** @type {string} */ (accessToken);
  }

  /**
   * max_api_capacity below 100: before a call, wait for the bucket's reset when the share of its limit already
   * used is at or above the capacity (the provider's "governed transport").
   * @param {string} method
   * @param {string} path
   */
  async govern(method, path) {
    const capacity = this.settings.maxApiCapacity;
    if (capacity >= 100) return;
    const seen = this.buckets.get(bucketOf(method, path));
    if (!seen || seen.limit <= 0) return;
    const used = ((seen.limit - seen.remaining) * 100) / seen.limit;
    const wait = seen.reset * 1000 - Date.now();
    if (used >= capacity && wait > 0) await sleep(Math.min(wait, this.settings.maxWait * 1000));
  }

  /**
   * @param {string} method
   * @param {string} path
   * @param {Headers} headers
   */
  remember(method, path, headers) {
    const limit = Number(headers.get('x-rate-limit-limit'));
    const remaining = Number(headers.get('x-rate-limit-remaining'));
    const reset = Number(headers.get('x-rate-limit-reset'));
    if (headers.has('x-rate-limit-limit'))
      this.buckets.set(bucketOf(method, path), { limit, remaining, reset });
  }
}

/**
 * Seconds to wait before retry number `attempt + 1`: min * 2^attempt, capped at max; when Okta says when the
 * window resets (X-Rate-Limit-Reset, epoch seconds, read against its Date header), that instead, within
 * [min, max].
 * @param {number} attempt
 * @param {number} min
 * @param {number} max
 * @param {Headers} headers
 */
export function waitSeconds(attempt, min, max, headers) {
  const reset = Number(headers.get('x-rate-limit-reset'));
  if (Number.isFinite(reset) && reset > 0) {
    const date = Date.parse(headers.get('date') ?? '');
    const now = Number.isFinite(date) ? date / 1000 : Date.now() / 1000;
    return Math.min(max, Math.max(min, reset - now + 1));
  }
  return Math.min(max, min * 2 ** attempt);
}

/**
 * Rate-limit buckets are per endpoint, not per object: IDs in the path are folded.
 * @param {string} method
 * @param {string} path
 */
function bucketOf(method, path) {
  const [bare] = path.split('?');
  const segments = (bare ?? '')
    .split('/')
    .map((s, i) => (i > 3 && /\d/.test(s) && s.length >= 12 ? '{id}' : s));
  return `${method} ${segments.join('/')}`;
}

/**
 * @param {string} text
 * @returns {unknown}
 */
function parseBody(text) {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return { errorSummary: text };
  }
}
