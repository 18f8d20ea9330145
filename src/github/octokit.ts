// The one GitHub client of a run: GITHUB_API_URL, retries for 5xx and network errors, and waiting out rate limits
// (primary and secondary) a few times instead of failing the review.

import { getOctokit } from '@actions/github';
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
