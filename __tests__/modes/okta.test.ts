// The action on real okta/okta resource types: the example org (examples/orgs/production and its module) planned
// on a pull request and applied, with the real terraform talking to the okta/okta provider stand-in, which talks to
// the Okta org emulator. What the review says must be what the org then holds.

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { startGitHubServer, type GitHubServer } from '../../testkit/github-server.js';
import { startOktaEmulator, type OktaEmulator } from '../../testkit/okta/emulator.mjs';
import type { ActionRun } from '../../testkit/action-step.mjs';
import { runInProcess } from '../../testkit/in-process.js';
import {
  eventEnv,
  exampleRepository,
  GITHUB_TOKEN,
  OWNER,
  REPO,
  startOktaStack,
  httpBackend,
} from '../../testkit/workflow.js';

jest.setTimeout(240_000);

const TOKEN = '00e2e-okta-api-token-0000000000000000000';
const PR = 21;

let emulator: OktaEmulator;
let stack: Awaited<ReturnType<typeof startOktaStack>>;
let github: GitHubServer;
let stateName = '';
let counter = 0;

const exampleFiles = exampleRepository;

beforeAll(async () => {
  stack = await startOktaStack(TOKEN);
});

afterAll(async () => {
  await stack.stop();
});

// Each test gets its own org, pull request and state.
beforeEach(async () => {
  emulator = await startOktaEmulator({ token: TOKEN });
  // The provider stand-in serves from this process and reads its settings from this process's environment.
  process.env.OKTA_HTTP_PROXY = emulator.url;
  github = await startGitHubServer({ owner: OWNER, repo: REPO, token: GITHUB_TOKEN });
  stateName = `okta-${++counter}`;
});

afterEach(async () => {
  expect(github.violations).toEqual([]);
  await github.close();
  await emulator.close();
});

function run(
  mode: string,
  files: Record<string, string>,
  inputs: Record<string, string> = {},
  event: { name: string; payload: unknown; env?: Record<string, string> } = {
    name: 'pull_request',
    payload: { number: PR, pull_request: { number: PR } },
  },
): Promise<ActionRun> {
  return runInProcess(
    {
      'working-directory': 'orgs/production',
      setup: 'false',
      'github-token': GITHUB_TOKEN,
      'backend-config': httpBackend(stack.state, stateName),
      mode,
      ...inputs,
    },
    {
      files,
      env: {
        ...eventEnv(github, event.name, event.payload, event.env),
        OKTA_ORG_NAME: 'acme',
        OKTA_BASE_URL: 'okta.com',
        OKTA_API_TOKEN: TOKEN,
        TF_REATTACH_PROVIDERS: stack.provider.reattach,
      },
    },
  );
}

const review = () =>
  github.comments(PR).find((c) => c.body.startsWith('<!-- okta-terraform-action '))?.body ?? '';

async function applyExample(files: Record<string, string>): Promise<ActionRun> {
  const plan = await run('plan', files);
  expect(plan.code).toBe(0);
  const apply = await run('apply', files, { 'approved-fingerprint': plan.outputs.fingerprint ?? '' });
  expect(apply.code).toBe(0);
  return plan;
}

describe('the example org on okta/okta', () => {
  it('reviews in Okta terms, and the org then holds exactly what the review said', async () => {
    const plan = await applyExample(exampleFiles());
    const body = review();
    expect(body).toContain('Plan: 11 to add, 0 to change, 0 to destroy.');
    for (const name of [
      'Engineering',
      'Support',
      'Okta admins',
      'Employee portal',
      'Staff sign-on',
      'Offices (production)',
    ]) {
      expect(body).toContain(name);
    }
    // Creating objects widens nobody's access yet: nothing here is high-risk.
    expect(plan.outputs['high-risk']).toBe('0');
    const org = emulator.state();
    const names = (objects: Record<string, { profile?: { name?: string }; name?: string; label?: string }>) =>
      Object.values(objects).map((o) => o.profile?.name ?? o.label ?? o.name);
    expect(names(org.groups).sort()).toEqual(['Engineering', 'Okta admins', 'Support']);
    expect(names(org.apps)).toEqual(['Employee portal']);
    expect(Object.keys(org.groupRules)).toHaveLength(1);
    expect(Object.keys(org.policies)).toHaveLength(2);
    expect(Object.keys(org.zones)).toHaveLength(1);

    const again = await run('plan', exampleFiles());
    expect(again.outputs['has-changes']).toBe('false');
  });

  it('flags replacing the OIDC app: a new client_id', async () => {
    await applyExample(exampleFiles());
    const native = exampleFiles((path, text) =>
      path.endsWith('apps.tf')
        ? text.replace('type                       = "web"', 'type                       = "native"')
        : text,
    );
    const replaced = await run('plan', native);
    expect(replaced.code).toBe(0);
    // The app, and its group assignments, whose app_id forces a new assignment object.
    expect(replaced.outputs['to-replace']).toBe('2');
    expect(review()).toMatch(/Replaced[^\n]*Employee portal/);
    expect(review()).toMatch(/client_id/);
  });

  it('shows an Admin Console edit as changed outside Terraform', async () => {
    await applyExample(exampleFiles());
    const support = Object.values(emulator.state().groups).find((g) => g.profile.name === 'Support');
    emulator.adminEdit('PUT', `/api/v1/groups/${support?.id}`, {
      profile: { name: 'Support', description: 'Edited by hand' },
    });
    const drifted = await run('plan', exampleFiles());
    expect(drifted.code).toBe(0);
    expect(drifted.outputs.drift).toBe('1');
    expect(review()).toMatch(/outside Terraform[\s\S]*Support/);
  });

  it('fails a rate-limited refresh with rate-limited and Okta’s advice', async () => {
    await applyExample(exampleFiles());
    emulator.setRateLimit('GET /api/v1/groups/{id}', 1, 60);
    const limited = await run('plan', exampleFiles());
    emulator.setRateLimit('GET /api/v1/groups/{id}', 600, 60);
    expect(limited.code).toBe(1);
    expect(limited.outputs['failure-reason']).toBe('rate-limited');
    expect(limited.stdout).toMatch(/::error::rate-limited: .*okta-max-api-capacity/);
    expect(review()).toContain('Okta plan failed: `rate-limited`');
  });
});

describe('approvals on merge', () => {
  it('refuses to delete the OIDC app until someone who wrote none of it approves, then applies it', async () => {
    await applyExample(exampleFiles());
    const withoutApp = exampleFiles((path, text) =>
      path.endsWith('apps.tf')
        ? ''
        : path.endsWith('outputs.tf')
          ? text.replace(/output "portal_client_id" \{[^}]*\}\n/, '')
          : text,
    );
    withoutApp['orgs/production/main.tf'] = (withoutApp['orgs/production/main.tf'] ?? '').replace(
      /output "portal_client_id" \{[^}]*\}\n/,
      '',
    );
    const reviewed = await run('plan', withoutApp);
    expect(reviewed.code).toBe(0);
    expect(reviewed.outputs['to-destroy']).toBe('2');
    github.setPullsForCommit('merge-high-risk', [PR]);
    const push = {
      name: 'push',
      payload: { ref: 'refs/heads/main', repository: { default_branch: 'main' } },
      env: { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: 'merge-high-risk' },
    };
    const refused = await run('auto', withoutApp, {}, push);
    expect(refused.outputs['failure-reason']).toBe('not-approved');
    expect(refused.stdout).toMatch(
      /::error::not-approved: the plan needs approvals it does not have \(policy: built-in\): high or worse \(\d+ changes?\): 1 more approval from someone with write access\./,
    );
    expect(Object.values(emulator.state().apps)).toHaveLength(1);

    // The pull request's author approving their own deletion does not count; a writer who wrote none of it does.
    github.activity.setPullAuthor(PR, { login: 'dev-alice', type: 'User' });
    github.activity.setPermission('dev-alice', 'write');
    github.activity.addReview(PR, { login: 'dev-alice', type: 'User' }, 'APPROVED');
    const selfApproved = await run('auto', withoutApp, {}, push);
    expect(selfApproved.outputs['failure-reason']).toBe('not-approved');
    expect(selfApproved.stdout).toContain(
      "Reviews that don't count: dev-alice: wrote the pull request or one of its commits.",
    );
    expect(Object.values(emulator.state().apps)).toHaveLength(1);

    github.activity.setPermission('okta-reviewer', 'write');
    github.activity.addReview(PR, { login: 'okta-reviewer', type: 'User' }, 'APPROVED');
    const applied = await run('auto', withoutApp, {}, push);
    expect(applied.code).toBe(0);
    expect(Object.values(emulator.state().apps)).toHaveLength(0);
    expect(review()).toContain('✅ **Applied**');
  });
});
