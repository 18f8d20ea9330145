// The action's own GitHub client (src/github/octokit.ts: @actions/github with plugin-retry and plugin-throttling),
// with the short waits the local stand-in allows (FAST_GITHUB), for driving the stand-in from a test. Its log is
// kept: the rate-limit waits it reports are what the action would print.

import { createGitHubClient } from '../src/github/octokit.js';
import { FAST_GITHUB, recordingRuntime } from './in-process.js';

export const TOKEN = 'ghs_fake-token';
export const REPO = { owner: 'acme', repo: 'okta-config' };

export function fastClient(baseUrl: string, token = TOKEN) {
  const log = recordingRuntime({});
  return Object.assign(createGitHubClient({ token, apiUrl: baseUrl }, log, FAST_GITHUB), { log });
}
