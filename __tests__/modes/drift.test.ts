// Drift and many orgs, end to end: the example repository's two orgs (examples/orgs, one shared module) on the Okta
// org emulator through the okta/okta provider stand-in and the real terraform; the drift issue's whole life, and
// discover's matrix on pull requests. GitHub is the harness's OpenAPI-checked stand-in.

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { startGitHubServer, type GitHubServer } from '../../testkit/github-server.js';
import { startOktaEmulator, type OktaEmulator } from '../../testkit/okta/emulator.mjs';
import type { ActionRun } from '../../testkit/action-step.mjs';
import { runInProcess } from '../../testkit/in-process.js';
import {
  eventEnv,
  exampleRepository,
  GITHUB_TOKEN,
  httpBackend,
  OWNER,
  REPO,
  startOktaStack,
} from '../../testkit/workflow.js';

jest.setTimeout(300_000);

const TOKEN = '00e2e-drift-token-00000000000000000000000';
const FILES = exampleRepository();

let stack: Awaited<ReturnType<typeof startOktaStack>>;
let github: GitHubServer;
const orgs = new Map<string, OktaEmulator>();
let run = 0;

beforeAll(async () => {
  stack = await startOktaStack(TOKEN);
});

afterAll(async () => {
  await stack.stop();
});

beforeEach(async () => {
  github = await startGitHubServer({ owner: OWNER, repo: REPO, token: GITHUB_TOKEN });
  run++;
  for (const org of ['production', 'preview']) orgs.set(org, await startOktaEmulator({ token: TOKEN }));
});

afterEach(async () => {
  expect(github.violations).toEqual([]);
  await github.close();
  for (const emulator of orgs.values()) await emulator.close();
});

/** One job of the workflow for `org`; the provider stand-in talks to that org's emulator. */
function step(
  org: string,
  event: string,
  inputs: Record<string, string>,
  payload: unknown = {},
): Promise<ActionRun> {
  process.env.OKTA_HTTP_PROXY = orgs.get(org)?.url;
  return runInProcess(
    {
      'working-directory': `orgs/${org}`,
      label: org,
      setup: 'false',
      'github-token': GITHUB_TOKEN,
      'backend-config': httpBackend(stack.state, `${org}-${run}`),
      ...inputs,
    },
    {
      files: FILES,
      env: {
        ...eventEnv(github, event, payload),
        OKTA_ORG_NAME: org,
        OKTA_BASE_URL: 'okta.com',
        OKTA_API_TOKEN: TOKEN,
        TF_REATTACH_PROVIDERS: stack.provider.reattach,
      },
    },
  );
}

async function applyCode(org: string): Promise<void> {
  const applied = await step(org, 'workflow_dispatch', { 'auto-approve': 'true' });
  expect(applied.code).toBe(0);
}

const driftIssues = () => github.issues().filter((i) => i.labels.includes('okta-drift'));

function groupId(org: string, name: string): string {
  const group = Object.values(orgs.get(org)?.state().groups ?? {}).find((g) => g.profile.name === name);
  return String(group?.id);
}

describe('drift issues', () => {
  it('opens one issue when the org drifts, updates it once per change, and closes it when they agree', async () => {
    await applyCode('production');
    const clean = await step('production', 'schedule', {});
    expect(clean.code).toBe(0);
    expect(clean.outputs.drift).toBe('0');
    expect(driftIssues()).toEqual([]);

    const emulator = orgs.get('production');
    emulator?.adminEdit('PUT', `/api/v1/groups/${groupId('production', 'Support')}`, {
      profile: { name: 'Support', description: 'Edited in the Admin Console' },
    });
    const opened = await step('production', 'schedule', {});
    expect(opened.code).toBe(0);
    expect(opened.outputs.drift).toBe('1');
    expect(driftIssues()).toHaveLength(1);
    const issue = driftIssues()[0];
    expect(issue?.title).toBe('Okta drift: orgs/production [production]');
    expect(issue?.user.type).toBe('Bot');
    expect(issue?.body).toMatch(/1 object changed outside Terraform[\s\S]*Support/);
    expect(issue?.body).toContain('Edited in the Admin Console');

    // The same drift again: nothing touched, no comment.
    await step('production', 'schedule', {});
    expect(github.comments(issue?.number ?? 0)).toHaveLength(0);

    emulator?.adminEdit('PUT', `/api/v1/groups/${groupId('production', 'Engineering')}`, {
      profile: { name: 'Engineering', description: 'Also edited by hand' },
    });
    const updated = await step('production', 'schedule', {});
    expect(updated.outputs.drift).toBe('2');
    expect(driftIssues()).toHaveLength(1);
    expect(driftIssues()[0]?.body).toContain('Also edited by hand');
    expect(github.comments(issue?.number ?? 0).map((c) => c.body)).toEqual([
      expect.stringMatching(
        /^The drift changed \(\[workflow run\]\(.*\)\): now 2 objects changed outside Terraform/,
      ),
    ]);

    // A failed run (rate limits) says so and leaves the issue open.
    emulator?.setRateLimit('GET /api/v1/groups/{id}', 1, 60);
    const limited = await step('production', 'schedule', {});
    emulator?.setRateLimit('GET /api/v1/groups/{id}', 600, 60);
    expect(limited.outputs['failure-reason']).toBe('rate-limited');
    expect(limited.stepSummary).toContain('rate-limited');
    expect(github.issues().find((i) => i.number === issue?.number)?.state).toBe('open');

    await applyCode('production');
    const closed = await step('production', 'schedule', {});
    expect(closed.outputs.drift).toBe('0');
    expect(github.issues().find((i) => i.number === issue?.number)?.state).toBe('closed');
    expect(github.comments(issue?.number ?? 0).at(-1)?.body).toMatch(/^The Okta org matches the code again/);
  });

  it('keeps separate comments and issues for two orgs of a matrix', async () => {
    const pr = { number: 41, pull_request: { number: 41 } };
    for (const org of ['production', 'preview'])
      expect((await step(org, 'pull_request', {}, pr)).code).toBe(0);
    const comments = github.comments(41).filter((c) => c.body.startsWith('<!-- okta-terraform-action '));
    expect(comments).toHaveLength(2);
    expect(comments.map((c) => /"label":"(\w+)"/.exec(c.body)?.[1]).sort()).toEqual([
      'preview',
      'production',
    ]);
    expect(github.labels(41).sort()).toEqual(['okta/preview:changes', 'okta/production:changes']);
    for (const org of ['production', 'preview']) await applyCode(org);
    for (const org of ['production', 'preview']) {
      orgs.get(org)?.adminEdit('PUT', `/api/v1/groups/${groupId(org, 'Support')}`, {
        profile: { name: 'Support', description: `edited in ${org}` },
      });
      expect((await step(org, 'schedule', {})).outputs.drift).toBe('1');
    }
    const titles = driftIssues()
      .map((i) => i.title)
      .sort();
    expect(titles).toEqual([
      'Okta drift: orgs/preview [preview]',
      'Okta drift: orgs/production [production]',
    ]);
  });
});

describe('discover', () => {
  async function discover(files: string[] | undefined): Promise<Array<Record<string, string>>> {
    if (files) github.setPullFiles(31, files);
    const result = await runInProcess(
      { mode: 'discover', 'github-token': GITHUB_TOKEN },
      {
        files: FILES,
        env: files
          ? eventEnv(github, 'pull_request', { number: 31, pull_request: { number: 31 } })
          : eventEnv(github, 'schedule', {}),
      },
    );
    expect(result.code).toBe(0);
    return (JSON.parse(result.outputs.matrix ?? '{}') as { include: Array<Record<string, string>> }).include;
  }

  it('lists both orgs for the shared module, one org for its own files, all without a pull request', async () => {
    const both = [
      { directory: 'orgs/preview', label: 'preview', key: 'PREVIEW' },
      { directory: 'orgs/production', label: 'production', key: 'PRODUCTION' },
    ];
    expect(await discover(['modules/okta-baseline/apps.tf'])).toEqual(both);
    expect(await discover(['orgs/preview/main.tf', 'README.md'])).toEqual([both[0]]);
    expect(await discover(['README.md'])).toEqual([]);
    expect(await discover(undefined)).toEqual(both);
  });
});
