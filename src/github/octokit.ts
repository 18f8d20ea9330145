// The one GitHub client of a run: GITHUB_API_URL, retries for 5xx and network errors, and waiting out rate limits
// (primary and secondary) a few times instead of failing the review. Time is bounded: each try waits at most
// `attemptMs` for an answer (then counts as a network error, retried), and each request, tries and waits included,
// ends by `deadlineMs`; all the run's requests together get `budgetMs`. An API that accepts connections and never
// answers costs a run at most five minutes, not an hour.

import { getOctokit } from '@actions/github';
import { defaults } from '@actions/github/lib/utils';
import { retry } from '@octokit/plugin-retry';
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling';
import type { Log } from '../runtime.js';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface GitHubConnection {
  readonly token: string;
  readonly apiUrl: string;
}

/**
 * How long the client waits. The defaults are GitHub's; a local stand-in of the API (the tests) shortens the waits
 * and drops plugin-throttling's spacing of writes (1 s apart, across the whole process). What is sent is the same.
 */
export interface ClientTiming {
  /** Milliseconds per second of retry-after, and plugin-retry's back-off unit (default 1000). */
  readonly retryAfterBaseValue?: number;
  readonly unspacedWrites?: boolean;
  /** How long one try waits for GitHub's answer (default 20 s). */
  readonly attemptMs?: number;
  /** How long one request may take, every try and wait included (default 120 s). */
  readonly deadlineMs?: number;
  /** How long all the run's requests may take together (default 300 s). */
  readonly budgetMs?: number;
}

const ATTEMPT_MS = 20_000;
const DEADLINE_MS = 120_000;
/** All the run's requests together, tries and waits included: past it, GitHub is taken to be down. */
const BUDGET_MS = 300_000;

/**
 * One deadline per request, every try and wait of the retry and throttling plugins included (registered last, this
 * wraps them), and one budget for the run: once requests have waited `budgetMs` in all, the rest fail at once.
 */
function boundTime(client: GitHubClient, timing: ClientTiming): void {
  const deadlineMs = timing.deadlineMs ?? DEADLINE_MS;
  let left = timing.budgetMs ?? BUDGET_MS;
  client.hook.wrap('request', async (request, options) => {
    const what = `${options.method} ${options.url}`;
    const wait = Math.min(deadlineMs, left);
    if (wait <= 0)
      throw new Error(
        `GitHub requests have taken the run's ${(timing.budgetMs ?? BUDGET_MS) / 1000} s in all (it is not answering): ${what} not tried`,
      );
    const controller = new AbortController();
    const given = options.request?.signal;
    options.request = {
      ...options.request,
      signal: given ? AbortSignal.any([given, controller.signal]) : controller.signal,
    };
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`GitHub did not answer ${what} within ${wait / 1000} s, tries included`);
        controller.abort(error);
        reject(error);
      }, wait);
    });
    try {
      return await Promise.race([request(options), expired]);
    } finally {
      clearTimeout(timer);
      left -= Date.now() - started;
    }
  });
}

/** A rate limit whose reset is further off than this is not waited for: the request fails instead. */
const LONGEST_RATE_LIMIT_WAIT_S = 60;

type Fetch = typeof fetch;

/**
 * fetch with a time limit per try. A try that times out fails like a dropped connection (a TypeError with a
 * cause, which @octokit/request turns into a retried 500); the request's own signal (the deadline) aborts for good.
 */
function timedFetch(inner: Fetch, attemptMs: number): Fetch {
  return async (input, init) => {
    const attempt = AbortSignal.timeout(attemptMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, attempt]) : attempt;
    try {
      return await inner(input, { ...init, signal });
    } catch (e) {
      if (attempt.aborted && !init?.signal?.aborted) {
        // @octokit/request reports the cause's message: "GitHub did not answer within 20 s".
        const timeout = new Error(`GitHub did not answer within ${attemptMs / 1000} s`, { cause: e });
        throw new TypeError('fetch failed', {
          // eslint-disable-next-line preserve-caught-error -- the abort is the cause of this cause
          cause: timeout,
        });
      }
      throw e;
    }
  };
}

/** Options of a request that are not what it sends: how and where to send it. */
const NOT_SENT = new Set(['method', 'url', 'baseUrl', 'headers', 'request', 'mediaType']);

function scrubbed(value: unknown, scrub: (text: string) => string): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) return value.map((v) => scrubbed(v, scrub));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubbed(v, scrub)]));
  }
  return value;
}

/**
 * Scrubs every value a request sends (comment and issue bodies, titles, labels, GraphQL variables), but not the
 * URL's own parameters ({owner}, {issue_number}...), which say where it goes.
 */
function scrubRequest(options: Record<string, unknown>, scrub: (text: string) => string): void {
  const url = typeof options.url === 'string' ? options.url : '';
  const inUrl = new Set([...url.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
  for (const [key, value] of Object.entries(options)) {
    if (!NOT_SENT.has(key) && !inUrl.has(key)) options[key] = scrubbed(value, scrub);
  }
}

const RATE_LIMIT_RETRIES = 3;

const unspaced = {
  key: () => ({ schedule: (_options: unknown, job: () => Promise<unknown>) => job() }),
} as unknown as NonNullable<ThrottlingOptions['write']>;

/** Waits out a rate limit (the plugin sleeps retry-after seconds) a few times, saying so in the log. */
function waitOut(kind: string, log: Log) {
  return (
    retryAfter: number,
    options: { method: string; url: string },
    _octokit: unknown,
    retryCount: number,
  ) => {
    if (retryAfter > LONGEST_RATE_LIMIT_WAIT_S) {
      log.warning(
        `GitHub ${kind} on ${options.method} ${options.url}: it resets in ${retryAfter} s, too long to wait.`,
      );
      return false;
    }
    log.warning(`GitHub ${kind} on ${options.method} ${options.url}: retrying in ${retryAfter} s.`);
    return retryCount < RATE_LIMIT_RETRIES;
  };
}

export function createGitHubClient(
  connection: GitHubConnection,
  log: Log,
  timing: ClientTiming = {},
  /** Removes the run's secrets from all that is sent (main.ts gives the run's scrubber). */
  scrub?: (text: string) => string,
): GitHubClient {
  const base = timing.retryAfterBaseValue;
  const client = getOctokit(
    connection.token,
    {
      baseUrl: connection.apiUrl,
      // The runner's proxy settings (@actions/github's defaults) stay: the timed fetch wraps theirs.
      request: {
        ...defaults.request,
        fetch: timedFetch(
          (defaults.request?.fetch as Fetch | undefined) ?? fetch,
          timing.attemptMs ?? ATTEMPT_MS,
        ),
      },
      retry: { retries: 3, ...(base ? { retryAfterBaseValue: base } : {}) },
      throttle: {
        onRateLimit: waitOut('rate limit', log),
        onSecondaryRateLimit: waitOut('secondary rate limit', log),
        ...(base ? { retryAfterBaseValue: base } : {}),
        ...(timing.unspacedWrites ? { write: unspaced, notifications: unspaced } : {}),
      },
    },
    retry,
    throttling,
  );
  if (scrub) client.hook.before('request', (options) => scrubRequest(options, scrub));
  boundTime(client, timing);
  return client;
}

/** The HTTP status of an Octokit error, if it has one. */
export function httpStatus(e: unknown): number | undefined {
  const status = (e as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * A token that may not write here: a fork's pull request ("Resource not accessible by integration"), or workflow
 * permissions without pull-requests/issues: write. Rate limits are 403s too, but the throttling plugin has already
 * waited those out and retried.
 */
export function isPermissionDenied(e: unknown): boolean {
  return httpStatus(e) === 403;
}
