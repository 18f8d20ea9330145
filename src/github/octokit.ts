// The one GitHub client: GITHUB_API_URL, retries for 5xx and network errors, and waiting out rate limits
// (primary and secondary) a few times instead of failing the review.

import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

export type GitHubClient = ReturnType<typeof getOctokit>;

const RATE_LIMIT_RETRIES = 3;

/** Waits out a rate limit (the plugin sleeps retry-after seconds) a few times, saying so in the log. */
function waitOut(kind: string) {
  return (
    retryAfter: number,
    options: { method: string; url: string },
    _octokit: unknown,
    retryCount: number,
  ) => {
    core.warning(`GitHub ${kind} on ${options.method} ${options.url}: retrying in ${retryAfter} s.`);
    return retryCount < RATE_LIMIT_RETRIES;
  };
}

export function createGitHubClient(token: string, apiUrl: string): GitHubClient {
  return getOctokit(
    token,
    {
      baseUrl: apiUrl,
      retry: { retries: 3 },
      throttle: { onRateLimit: waitOut('rate limit'), onSecondaryRateLimit: waitOut('secondary rate limit') },
    },
    retry,
    throttling,
  );
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
