// @ts-check
// An Okta org on 127.0.0.1: the part of Okta's Management API that Terraform's Okta provider calls for groups,
// group rules, users, apps, policies and network zones, with Okta's paths, JSON shapes, error bodies, SSWS
// token auth and per-bucket rate limits. The org is kept in a JSON file so separate processes (a plan job, an
// apply job, a restarted emulator) share it.
//
// Outside Okta's API, for tests and demos:
//   POST /__emulator/admin       {"method","path","body"}: an Admin Console edit (no auth, no rate limit, and
//                                none of the "deactivate first" guards), to make drift
//   GET  /__emulator/state       the whole org
//   POST /__emulator/rate-limit  {"bucket","limit","windowSeconds"}: bucket may use * wildcards

import { createServer } from 'node:http';
import { URL } from 'node:url';
import {
  errorBody,
  malformed,
  methodNotAllowed,
  notFound,
  OktaError,
  rateLimited,
  forbidden,
  unauthorized,
} from './errors.mjs';
import { randomChars } from './ids.mjs';
import { seedBuiltIns } from './built-ins.mjs';
import { oauthServer } from './oauth.mjs';
import { RateLimiter } from './rate-limits.mjs';
import { asObject, compile, isObject, match } from './router.mjs';
import { appRoutes } from './routes-apps.mjs';
import { groupRoutes } from './routes-groups.mjs';
import { kindRoutes } from './routes-kinds.mjs';
import { objectRoutes } from './routes-objects.mjs';
import { policyRoutes } from './routes-policies.mjs';
import { userRoutes } from './routes-users.mjs';
import { zoneRoutes } from './routes-zones.mjs';
import { defaultStateFile, OrgFile } from './store.mjs';

/** @typedef {{ method: string, path: string, status: number, bucket: string }} RecordedCall */
/** @typedef {import('./store.mjs').OrgState} OrgState */
/** @typedef {import('./rate-limits.mjs').Limit} Limit */
/** @typedef {{ status: number, body?: unknown, headers?: Record<string, string | string[]> }} Reply */

/**
 * @typedef {object} EmulatorOptions
 * @property {string} [token]        the API token requests must send as `Authorization: SSWS <token>`
 * @property {string} [stateFile]    the org's JSON file, read at start if it exists (default: a new temp file)
 * @property {Record<string, Limit>} [rateLimits] per bucket pattern, e.g. {"GET /api/v1/groups": {limit: 2,
 *                                   windowSeconds: 60}}; others get 600 a minute
 * @property {(method: string, path: string) => string} [bucketOf] the bucket a call counts in, for Okta's own
 *                                   buckets (src/okta/api-calls.ts oktaBucket, with rateLimits from tierLimits);
 *                                   default: the method and route pattern
 * @property {import('./oauth.mjs').ServiceApp[]} [serviceApps] OAuth service apps (oauth.mjs): their private-key JWT
 *                                   gets an access token at /oauth2/v1/token, taken as Bearer with its scopes
 * @property {boolean} [builtIns]   a new org starts with Okta's own objects (built-ins.mjs): Everyone, an
 *                                   APP_GROUP, Okta's apps, default policies and rules, system zones
 * @property {number} [port]         default: any free port
 */

/**
 * @typedef {object} OktaEmulator
 * @property {string} url            the org URL, e.g. http://127.0.0.1:41234 (no trailing slash)
 * @property {string} token
 * @property {string} stateFile
 * @property {RecordedCall[]} requests  every API call in arrival order (not the /__emulator ones); live
 * @property {() => OrgState} state  a copy of the org as stored
 * @property {(method: string, path: string, body?: unknown) => { status: number, body: unknown }} adminEdit
 * @property {(bucket: string, limit: number, windowSeconds?: number) => void} setRateLimit
 * @property {() => Promise<void>} close
 */

const TABLE = compile([
  ...groupRoutes,
  ...userRoutes,
  ...appRoutes,
  ...policyRoutes,
  ...zoneRoutes,
  ...kindRoutes,
  ...objectRoutes,
]);

/**
 * @param {EmulatorOptions} [options]
 * @returns {Promise<OktaEmulator>}
 */
export async function startOktaEmulator(options = {}) {
  // Okta API tokens are 42 characters starting with 00.
  const token = options.token ?? `00${randomChars(40)}`;
  const stateFile = options.stateFile ?? defaultStateFile();
  const file = new OrgFile(stateFile);
  const org = file.refresh();
  if (options.builtIns && Object.keys(org.groups).length === 0) {
    seedBuiltIns(org);
    file.save();
  }
  const limiter = new RateLimiter(options.rateLimits);
  const oauth = oauthServer(options.serviceApps ?? [], () => url);
  /** @type {RecordedCall[]} */
  const requests = [];
  let url = '';

  /**
   * @param {string} method
   * @param {string} target path and query
   */
  function route(method, target) {
    const parsed = new URL(target, 'http://emulator.invalid');
    const found = match(TABLE, method, parsed.pathname);
    const bucket = options.bucketOf
      ? options.bucketOf(method, parsed.pathname)
      : `${method} ${found.route ? found.route.pattern : parsed.pathname}`;
    return { found, parsed, bucket };
  }

  /**
   * Runs one call against the org; saves it when it changed something.
   * @param {ReturnType<typeof route>} routed
   * @param {string} method
   * @param {unknown} body
   * @param {boolean} admin
   * @returns {Reply}
   */
  function call({ found, parsed }, method, body, admin) {
    const org = file.refresh();
    try {
      if (!found.route) throw found.pathKnown ? methodNotAllowed() : notFound(parsed.pathname, 'Path');
      const reply = found.route.handler({
        org,
        params: found.params,
        query: parsed.searchParams,
        body: isObject(body) || Array.isArray(body) ? body : {},
        admin,
        url,
        path: parsed.pathname,
      });
      if (method !== 'GET') file.save();
      return reply;
    } catch (error) {
      // A handler may have changed the org before failing: forget the change by reading the file again.
      if (method !== 'GET') file.seen = '';
      if (error instanceof OktaError) return { status: error.status, body: error.body() };
      process.stderr.write(`okta emulator: ${method} ${parsed.pathname}: ${String(error)}\n`);
      return { status: 500, body: errorBody('E0000009', 'Internal Server Error') };
    }
  }

  /** @type {OktaEmulator['adminEdit']} */
  function adminEdit(method, path, body) {
    const upper = method.toUpperCase();
    const reply = call(route(upper, path), upper, body ?? {}, true);
    return { status: reply.status, body: reply.body ?? null };
  }

  /** @type {OktaEmulator['setRateLimit']} */
  function setRateLimit(bucket, limit, windowSeconds = 60) {
    limiter.set(bucket, limit, windowSeconds);
  }

  /**
   * @param {string} method
   * @param {string} path
   * @param {unknown} body
   * @returns {Reply}
   */
  function emulatorEndpoint(method, path, body) {
    const b = asObject(body);
    if (method === 'GET' && path === '/__emulator/state') return { status: 200, body: file.refresh() };
    if (method === 'POST' && path === '/__emulator/admin') {
      if (typeof b.method !== 'string' || typeof b.path !== 'string') throw malformed();
      return adminEdit(b.method, b.path, b.body);
    }
    if (method === 'POST' && path === '/__emulator/rate-limit') {
      if (typeof b.bucket !== 'string' || !Number.isInteger(b.limit)) throw malformed();
      setRateLimit(b.bucket, /** @type {number} */ (b.limit), /** @type {number} */ (b.windowSeconds ?? 60));
      return {
        status: 200,
        body: { bucket: b.bucket, limit: b.limit, windowSeconds: b.windowSeconds ?? 60 },
      };
    }
    throw notFound(path, 'Path');
  }

  const server = createServer((req, res) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const method = req.method ?? 'GET';
      const target = req.url ?? '/';
      const text = Buffer.concat(chunks).toString('utf8');
      /** @type {Record<string, string | string[]>} */
      const headers = { 'Content-Type': 'application/json', 'X-Okta-Request-Id': randomChars(27) };
      /** @param {Reply} reply */
      const send = (reply) => {
        const payload = reply.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(reply.body));
        res.writeHead(reply.status, {
          ...headers,
          'Content-Length': String(payload.length),
          ...reply.headers,
        });
        res.end(payload);
      };
      /** @returns {unknown} */
      const parse = () => {
        try {
          return text.trim() === '' ? {} : JSON.parse(text);
        } catch {
          throw malformed();
        }
      };
      if (target.startsWith('/__emulator/')) {
        try {
          send(emulatorEndpoint(method, new URL(target, 'http://emulator.invalid').pathname, parse()));
        } catch (error) {
          send(error instanceof OktaError ? { status: error.status, body: error.body() } : { status: 500 });
        }
        return;
      }
      if (method === 'POST' && target === '/oauth2/v1/token') {
        send(oauth.token(text));
        return;
      }
      const routed = route(method, target);
      const count = limiter.take(routed.bucket);
      headers['X-Rate-Limit-Limit'] = String(count.limit);
      headers['X-Rate-Limit-Remaining'] = String(count.remaining);
      headers['X-Rate-Limit-Reset'] = String(count.reset);
      /** @type {Reply} */
      let reply;
      const [scheme, given] = (req.headers.authorization ?? '').split(/\s+/, 2);
      try {
        if (!count.allowed) throw rateLimited();
        if (scheme?.toUpperCase() === 'BEARER') {
          const granted = oauth.check(given ?? '', method, routed.parsed.pathname);
          if (granted === 'unknown') throw unauthorized();
          if (granted !== 'ok') {
            headers['WWW-Authenticate'] =
              `Bearer authorization_uri="${url}/oauth2/v1/authorize", realm="${url}", scope="${granted}", ` +
              'error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", ' +
              `resource="${routed.parsed.pathname}"`;
            throw forbidden();
          }
        } else if (scheme?.toUpperCase() !== 'SSWS' || given !== token) throw unauthorized();
        reply = call(routed, method, parse(), false);
      } catch (error) {
        reply =
          error instanceof OktaError
            ? { status: error.status, body: error.body() }
            : { status: 500, body: errorBody('E0000009', 'Internal Server Error') };
      }
      requests.push({ method, path: target, status: reply.status, bucket: routed.bucket });
      send(reply);
    });
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve(undefined));
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('okta emulator: no TCP address');
  url = `http://127.0.0.1:${address.port}`;

  return {
    url,
    token,
    stateFile,
    requests,
    state: () => JSON.parse(JSON.stringify(file.refresh())),
    adminEdit,
    setRateLimit,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
