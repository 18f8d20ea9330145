// A repository's workflow runs, as the e2e tests make them: Terraform files, an http state backend from the
// harness, an event payload, and the environment the runner gives a step on that event.

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startArtifactService } from './artifact-service.js';
import { startGitHubServer, type GitHubServer } from './github-server.js';
import { startOktaEmulator, type EmulatorOptions } from './okta/emulator.mjs';
import { startOktaProvider } from './okta-provider/provider.mjs';
import { startStateServer, type StateServer } from './state-server.js';

export const OWNER = 'acme';
export const REPO = 'okta-config';
export const GITHUB_TOKEN = 'ghs_test0token0for0the0fake0api0000000';
export const STATE_USER = 'ci';
export const STATE_PASSWORD = 'state-password-1';

/** orgs/acme: an http backend and one terraform_data per entry (name → input). */
export function orgConfig(resources: Record<string, string>, extra = ''): Record<string, string> {
  const blocks = Object.entries(resources).map(
    ([name, input]) => `resource "terraform_data" "${name}" {\n  input = "${input}"\n}\n`,
  );
  return { 'orgs/acme/main.tf': `terraform {\n  backend "http" {}\n}\n\n${blocks.join('\n')}${extra}` };
}

/** backend-config lines for one state on the harness's http backend. */
export function httpBackend(
  state: StateServer,
  name: string,
  credentials = { username: STATE_USER, password: STATE_PASSWORD },
): string {
  return [
    `address=${state.address(name)}`,
    `lock_address=${state.lockAddress(name)}`,
    `unlock_address=${state.lockAddress(name)}`,
    `username=${credentials.username}`,
    `password=${credentials.password}`,
  ].join('\n');
}

/** The step's environment on `event`, with its payload written to a file. */
export function eventEnv(
  github: GitHubServer,
  event: string,
  payload: unknown,
  extra: Record<string, string> = {},
) {
  const path = join(mkdtempSync(join(tmpdir(), 'okta-tf-event-')), 'event.json');
  writeFileSync(path, JSON.stringify(payload));
  return {
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: path,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_API_URL: github.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    ...extra,
  };
}

/** The inputs every run of orgs/acme gives. */
export function orgInputs(state: StateServer, stateName: string): Record<string, string> {
  return {
    'working-directory': 'orgs/acme',
    setup: 'false',
    'github-token': GITHUB_TOKEN,
    'backend-config': httpBackend(state, stateName),
  };
}

const EXAMPLES = join(import.meta.dirname, '..', 'examples');

/**
 * The example repository (examples/orgs and examples/modules) as workspace files, with the harness's http backend
 * instead of PostgreSQL and provider retries short enough for tests (the real provider waits 30 s and more).
 */
export function exampleRepository(
  edit: (path: string, text: string) => string = (_, t) => t,
): Record<string, string> {
  const files: Record<string, string> = {};
  for (const dir of ['orgs/production', 'orgs/preview', 'modules/okta-baseline']) {
    for (const name of readdirSync(join(EXAMPLES, dir))) {
      const path = `${dir}/${name}`;
      files[path] = edit(
        path,
        readFileSync(join(EXAMPLES, path), 'utf8').replace('backend "pg" {}', 'backend "http" {}'),
      );
    }
  }
  for (const org of ['production', 'preview']) {
    files[`orgs/${org}/test_override.tf`] =
      'provider "okta" {\n  max_retries      = 1\n  min_wait_seconds = 1\n  max_wait_seconds = 1\n}\n';
  }
  return files;
}

/**
 * What the Okta e2e tests share: the okta/okta provider stand-in (served from this process, reading OKTA_API_TOKEN
 * and OKTA_HTTP_PROXY from this process's environment) and the http state backend.
 */
export async function startOktaStack(token: string) {
  process.env.OKTA_API_TOKEN = token;
  const provider = await startOktaProvider({});
  const state = await startStateServer({ username: STATE_USER, password: STATE_PASSWORD });
  return {
    provider,
    state,
    async stop(): Promise<void> {
      await provider.stop();
      await state.close();
    },
  };
}

/**
 * A repository's Okta workflow on loopback: the provider stand-in and state backend (startOktaStack), an Okta org
 * emulator the provider reaches through OKTA_HTTP_PROXY, the Actions artifact service and the GitHub stand-in.
 */
export async function startOktaWorkflow(token: string, emulatorOptions: EmulatorOptions = {}) {
  const stack = await startOktaStack(token);
  const emulator = await startOktaEmulator({ token, ...emulatorOptions });
  process.env.OKTA_HTTP_PROXY = emulator.url;
  const artifacts = await startArtifactService();
  const github = await startGitHubServer({ owner: OWNER, repo: REPO, token: GITHUB_TOKEN, artifacts });
  return {
    ...stack,
    emulator,
    artifacts,
    github,
    async stop(): Promise<void> {
      await github.close();
      await artifacts.close();
      await emulator.close();
      await stack.stop();
    },
  };
}
