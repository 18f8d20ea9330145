// A small, read-only client of Okta's Management API, for what the action asks Okta itself (the rate limits of the
// org). It finds the org and the credentials the way okta/okta does (config.go: the provider block's literal first,
// then the OKTA_* variable; http_proxy replaces the org URL), authenticates with an API token (SSWS) or an access
// token (Bearer), follows every page by its Link rel="next", and waits out a bucket Okta says is spent
// (X-Rate-Limit-Remaining 0 until X-Rate-Limit-Reset) instead of calling into HTTP 429. Built on @actions/http-client
// (which honours the runner's proxy settings); Okta's errors become one line with their E0000xxx code. A service app
// (client_id + private_key + scopes) gets its access token with a private-key JWT first (oauth.ts); DPoP-bound
// tokens are not made here.

import { HttpClient } from '@actions/http-client';
import type { ProviderBlock } from '../configuration/module.js';
import { ActionError } from '../errors.js';
import type { Environment } from '../runtime.js';
import { serviceAppToken, type ServiceApp } from './oauth.js';

export interface OktaConnection {
  /** The org's URL without a trailing slash, e.g. https://acme.okta.com (or OKTA_HTTP_PROXY's). */
  readonly orgUrl: string;
  /** The Authorization header of an API token or an access token. */
  readonly authorization?: string;
  /** Or the service app whose access token is asked for first. */
  readonly serviceApp?: ServiceApp;
}

export interface OktaAnswer<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

export class OktaApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/**
 * A provider setting as okta/okta reads it: the block's literal, else its variable. Undefined when the block sets
 * it to an expression (a variable, a function): what okta/okta gets is then known only to Terraform.
 */
function setting(
  block: ProviderBlock | undefined,
  name: string,
  variable: string,
  env: Environment,
): string | undefined {
  if (block?.attributes.has(name)) return block.attributes.get(name)?.trim();
  return (env[variable] ?? '').trim();
}

/**
 * The org and credentials okta/okta would use for the configuration's default `provider "okta"` block, in its
 * order (api.go): an access token, an API token, then a service app's private key. Undefined when they are not all
 * there, or set by an expression.
 */
export function oktaConnection(
  providers: readonly ProviderBlock[],
  env: Environment,
): OktaConnection | undefined {
  const block = providers.find((p) => p.name === 'okta' && !p.attributes.has('alias'));
  const [proxy, org, base, accessToken, apiToken] = [
    setting(block, 'http_proxy', 'OKTA_HTTP_PROXY', env),
    setting(block, 'org_name', 'OKTA_ORG_NAME', env),
    setting(block, 'base_url', 'OKTA_BASE_URL', env),
    setting(block, 'access_token', 'OKTA_ACCESS_TOKEN', env),
    setting(block, 'api_token', 'OKTA_API_TOKEN', env),
  ];
  if ([proxy, org, base, accessToken, apiToken].includes(undefined)) return undefined;
  const orgUrl = proxy ? proxy.replace(/\/+$/, '') : org && base ? `https://${org}.${base}` : '';
  if (!orgUrl) return undefined;
  if (accessToken) return { orgUrl, authorization: `Bearer ${accessToken}` };
  if (apiToken) return { orgUrl, authorization: `SSWS ${apiToken}` };
  const serviceApp = serviceAppOf(block, env);
  return serviceApp ? { orgUrl, serviceApp } : undefined;
}

/** client_id + private_key (+ private_key_id) + scopes (OKTA_API_SCOPES: comma separated), all literal. */
function serviceAppOf(block: ProviderBlock | undefined, env: Environment): ServiceApp | undefined {
  const clientId = setting(block, 'client_id', 'OKTA_API_CLIENT_ID', env);
  const privateKey = setting(block, 'private_key', 'OKTA_API_PRIVATE_KEY', env);
  const keyId = setting(block, 'private_key_id', 'OKTA_API_PRIVATE_KEY_ID', env);
  // A block's scopes are a list, never a literal string: only the variable is read.
  const scopes = block?.attributes.has('scopes') ? undefined : (env.OKTA_API_SCOPES ?? '').split(',');
  const granted = scopes?.map((s) => s.trim()).filter(Boolean) ?? [];
  if (!clientId || !privateKey || keyId === undefined || granted.length === 0) return undefined;
  return { clientId, privateKey, ...(keyId ? { keyId } : {}), scopes: granted };
}

/** The one value of a header (Node gives a list for repeated ones). */
export function header(answer: Pick<OktaAnswer, 'headers'>, name: string): string | undefined {
  const value = answer.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The rel="next" URL of a Link header. */
function nextLink(link: string | undefined): string | undefined {
  for (const part of (link ?? '').split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match) return match[1];
  }
  return undefined;
}

/** credentials-missing for `what` (a command or a mode) that asks Okta itself, naming what it reads. */
export function noOktaConnection(what: string): ActionError {
  return new ActionError(
    'credentials-missing',
    `${what} asks Okta, so it needs the org (OKTA_ORG_NAME and OKTA_BASE_URL, or OKTA_HTTP_PROXY, or literals in the provider block) and credentials (OKTA_API_TOKEN, OKTA_ACCESS_TOKEN, or a service app's OKTA_API_CLIENT_ID, OKTA_API_PRIVATE_KEY, OKTA_API_PRIVATE_KEY_ID and OKTA_API_SCOPES)`,
  );
}

/** Longest wait for a spent bucket: Okta's windows are a minute. */
const LONGEST_WAIT_MS = 61_000;

export interface OktaClientOptions {
  /** How long to sleep (tests shorten it). */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

export class OktaClient {
  // An org that stops answering must not hold the run: 20 s per request.
  private readonly http = new HttpClient('okta-terraform-action', [], { socketTimeout: 20_000 });
  /** Epoch milliseconds until which a spent bucket (keyed by its first path segments) is not called. */
  private readonly spentUntil = new Map<string, number>();
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private authorization: Promise<string> | undefined;

  constructor(
    private readonly connection: OktaConnection,
    options: OktaClientOptions = {},
  ) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
  }

  /** GET a path (or a whole URL of this org, as a Link gives it). Throws OktaApiError for an error answer. */
  async get<T = unknown>(pathOrUrl: string): Promise<OktaAnswer<T>> {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${this.connection.orgUrl}${pathOrUrl}`;
    if (!url.startsWith(`${this.connection.orgUrl}/`)) {
      throw new OktaApiError(
        `Okta answered with a link outside the org (${new URL(url).host})`,
        0,
        undefined,
      );
    }
    const key = new URL(url).pathname.split('/').slice(0, 5).join('/');
    for (let attempt = 1; ; attempt++) {
      const until = this.spentUntil.get(key) ?? 0;
      if (until > this.now()) await this.sleep(Math.min(until - this.now(), LONGEST_WAIT_MS));
      const response = await this.http.get(url, {
        Accept: 'application/json',
        Authorization: await this.authorizationHeader(),
      });
      const text = await response.readBody();
      const answer = { status: response.message.statusCode ?? 0, headers: response.message.headers };
      const remaining = header(answer, 'x-rate-limit-remaining');
      const reset = Number(header(answer, 'x-rate-limit-reset'));
      if ((remaining === '0' || answer.status === 429) && Number.isFinite(reset)) {
        this.spentUntil.set(key, reset * 1000);
      }
      // One wait for the window to reset, then the answer stands: never a storm of 429s.
      if (answer.status === 429 && attempt === 1) continue;
      if (answer.status >= 200 && answer.status < 300) {
        return { ...answer, body: (text ? JSON.parse(text) : null) as T };
      }
      throw errorOf(answer.status, text, url, header(answer, 'www-authenticate'));
    }
  }

  /** The connection's header, or the service app's token (asked once). */
  private authorizationHeader(): Promise<string> {
    const { authorization, serviceApp, orgUrl } = this.connection;
    if (authorization) return Promise.resolve(authorization);
    if (!serviceApp) throw new OktaApiError('no Okta credentials to call the API with', 0, undefined);
    this.authorization ??= serviceAppToken(orgUrl, serviceApp).then((token) => `Bearer ${token}`);
    return this.authorization;
  }

  /**
   * Every item of a list, page after page (Link rel="next"), and never for ever: a next link to a page already read
   * (a cursor that repeats), or more pages than an org can hold for the list (listPageBound), ends it with an error.
   */
  async *list<T = unknown>(path: string): AsyncGenerator<T> {
    const bound = listPageBound(path);
    const read = new Set<string>();
    let next: string | undefined = path;
    while (next) {
      if (read.has(next)) {
        throw new OktaApiError(
          `Okta's pages of ${pathOf(path)} link back to one already read (after ${read.size} pages): stopped instead of reading for ever; try again later, and tell Okta support if it stays so`,
          0,
          undefined,
        );
      }
      if (read.size >= bound) {
        throw new OktaApiError(
          `Okta's list ${pathOf(path)} went on past ${bound} pages, more than an org holds: stopped instead of reading for ever; try again later, and tell Okta support if it stays so`,
          0,
          undefined,
        );
      }
      read.add(next);
      const page: OktaAnswer<T[]> = await this.get<T[]>(next);
      if (!Array.isArray(page.body))
        throw new OktaApiError(`Okta's answer to ${path} is not a list`, page.status, undefined);
      yield* page.body;
      next = nextLink(header(page, 'link'));
    }
  }
}

/**
 * Objects of one kind an org can hold, at most, for the lists the action reads (groups, apps, policies and rules,
 * zones, authorization servers, authenticators, IdPs, hooks: never users): Okta publishes no hard cap, and the
 * largest orgs hold some hundred thousand groups. A list past this many objects is a server that never ends it.
 */
const MOST_OBJECTS_IN_A_LIST = 1_000_000;
/** Okta's page size when a list is asked without `limit` (its smallest default, 20). */
const DEFAULT_PAGE_SIZE = 20;

/** How many pages a list may take: the most objects an org holds, over the page size the path asks for. */
export function listPageBound(path: string): number {
  const limit = Number(new URL(path, 'https://org.invalid').searchParams.get('limit'));
  const size = Number.isInteger(limit) && limit > 0 ? limit : DEFAULT_PAGE_SIZE;
  return Math.ceil(MOST_OBJECTS_IN_A_LIST / size);
}

function pathOf(pathOrUrl: string): string {
  return new URL(pathOrUrl, 'https://org.invalid').pathname;
}

/** One line for Okta's error answer: what Okta said, its code, and what to do about it. */
function errorOf(status: number, text: string, url: string, challenge: string | undefined): OktaApiError {
  let summary = '';
  let code: string | undefined;
  try {
    const body = JSON.parse(text) as { errorCode?: unknown; errorSummary?: unknown };
    if (typeof body.errorCode === 'string') code = body.errorCode;
    if (typeof body.errorSummary === 'string') summary = body.errorSummary;
  } catch {
    // Not Okta's JSON (a proxy's page): the status says it.
  }
  const path = new URL(url).pathname;
  const said = `${summary || `HTTP ${status}`}${code ? ` (${code})` : ''}`;
  // An access token without the scope: Okta names it in the challenge (error="insufficient_scope", scope="...").
  const scope = /error="insufficient_scope"/.test(challenge ?? '')
    ? /scope="([^"]+)"/.exec(challenge ?? '')?.[1]
    : undefined;
  const fix = scope
    ? `the access token lacks the scope ${scope}: grant it to the service app and add it to OKTA_API_SCOPES`
    : status === 401
      ? 'check that the token is current and belongs to this org'
      : status === 403
        ? "give the token's admin (or service app) the role or scope for it"
        : status === 429
          ? 'the rate limit did not reset in time; try again later'
          : 'try again later';
  return new OktaApiError(`Okta answered GET ${path} with ${said}: ${fix}`, status, code);
}
