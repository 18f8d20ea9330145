// The real client the action uses (@actions/github with plugin-retry and plugin-throttling), made fast for tests
// against the stand-in API: plugin-retry waits (retry number)² × retryAfterBaseValue ms (1 and 4 ms here instead of
// 1 and 4 s), and plugin-throttling's writes, spaced 1 s apart (new comments 3 s) across the whole process, go
// through a pass-through limiter. What is sent does not change.

import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling';

export const TOKEN = 'ghs_fake-token';
export const REPO = { owner: 'acme', repo: 'okta-config' };

const unthrottled = {
  key: () => ({ schedule: (_options: unknown, job: () => Promise<unknown>) => job() }),
} as unknown as NonNullable<ThrottlingOptions['write']>;

export function fastClient(
  baseUrl: string,
  token = TOKEN,
  onSecondaryRateLimit: (retryAfter: number) => boolean = () => true,
) {
  return getOctokit(
    token,
    {
      baseUrl,
      retry: { retryAfterBaseValue: 1 },
      throttle: {
        onRateLimit: () => true,
        onSecondaryRateLimit,
        retryAfterBaseValue: 1,
        write: unthrottled,
        notifications: unthrottled,
      },
    },
    retry,
    throttling,
  );
}
