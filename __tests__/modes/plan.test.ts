// Plan on a pull request, end to end: the bundled action with the real terraform and a pull_request event, talking
// to the harness's GitHub API (which checks every call against GitHub's OpenAPI description) and, for state, to
// the harness's http backend.

import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { statSync } from 'node:fs';
import { startGitHubServer, type GitHubServer } from '../../testkit/github-server.js';
import { startStateServer, type StateServer } from '../../testkit/state-server.js';
import type { ActionRun } from '../../testkit/action-step.mjs';
import { runInProcess } from '../../testkit/in-process.js';
import {
  eventEnv,
  GITHUB_TOKEN,
  OWNER,
  orgConfig,
  orgInputs,
  REPO,
  STATE_PASSWORD,
  STATE_USER,
} from '../../testkit/workflow.js';

jest.setTimeout(180_000);

const PR = 7;

let github: GitHubServer;
let state: StateServer;

beforeAll(async () => {
  state = await startStateServer({ username: STATE_USER, password: STATE_PASSWORD });
});

afterAll(async () => {
  await state.close();
});

afterEach(async () => {
  expect(github.violations).toEqual([]);
  await github.close();
});

async function freshGitHub(identity?: { kind: 'user' | 'app'; login: string }): Promise<GitHubServer> {
  github = await startGitHubServer({
    owner: OWNER,
    repo: REPO,
    token: GITHUB_TOKEN,
    ...(identity ? { identity } : {}),
  });
  return github;
}

const resources = (names: Record<string, string>) => orgConfig(names);

/** One push to the pull request: a plan run of the workflow. */
function push(
  files: Record<string, string>,
  inputs: Record<string, string> = {},
  stateName = 'pr',
): Promise<ActionRun> {
  const payload = { number: PR, pull_request: { number: PR, head: { sha: 'abc123' } } };
  return runInProcess(
    { ...orgInputs(state, stateName), ...inputs },
    { files, env: eventEnv(github, 'pull_request', payload) },
  );
}

function ourComments() {
  return github.comments(PR).filter((c) => c.body.includes('<!-- okta-terraform-action '));
}

describe('the sticky review comment', () => {
  it('posts one comment, then updates it in place on the next push', async () => {
    await freshGitHub();
    const first = await push(resources({ engineering: 'Engineering', sales: 'Sales' }));
    expect(first.code).toBe(0);
    expect(ourComments()).toHaveLength(1);
    const comment = ourComments()[0];
    expect(comment?.user).toEqual({ login: 'github-actions[bot]', type: 'Bot' });
    expect(comment?.body).toContain('Plan: 2 to add, 0 to change, 0 to destroy.');
    expect(comment?.body).toContain('terraform_data.engineering');
    expect(comment?.body).toContain('[workflow run](https://github.com/acme/okta-config/actions/runs/4242)');
    expect(first.outputs['comment-url']).toBe(comment?.html_url);
    const fingerprint = first.outputs.fingerprint ?? '';
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(comment?.body).toContain(`"fingerprint":"${fingerprint}"`);
    expect(statSync(first.outputs['json-plan-path'] ?? '').mode & 0o777).toBe(0o600);
    expect(first.stepSummary).toContain('Plan: 2 to add');
    expect(github.labels(PR)).toEqual(['okta:changes']);

    const second = await push(resources({ engineering: 'Engineering', marketing: 'Marketing' }));
    expect(second.code).toBe(0);
    expect(ourComments()).toHaveLength(1);
    expect(ourComments()[0]?.id).toBe(comment?.id);
    expect(ourComments()[0]?.body).toContain('terraform_data.marketing');
    expect(ourComments()[0]?.body).not.toContain('terraform_data.sales');
    expect(second.outputs.fingerprint).not.toBe(fingerprint);
    expect(second.stdout).toContain(`Review updated: ${comment?.html_url}`);

    // The same plan again: the same fingerprint.
    const third = await push(resources({ engineering: 'Engineering', marketing: 'Marketing' }));
    expect(third.outputs.fingerprint).toBe(second.outputs.fingerprint);
  });

  it('finds its comment among 250 others, and ignores a marker pasted by a person', async () => {
    await freshGitHub();
    for (let i = 0; i < 120; i++) github.addComment(PR, `comment ${i}`);
    const first = await push(resources({ engineering: 'Engineering' }));
    expect(first.code).toBe(0);
    const ours = ourComments()[0];
    for (let i = 120; i < 250; i++) github.addComment(PR, `comment ${i}`);
    github.addComment(PR, ours?.body ?? '', { login: 'mallory', type: 'User' });
    const second = await push(resources({ engineering: 'Engineering', it: 'IT' }));
    expect(second.code).toBe(0);
    const markers = ourComments();
    expect(markers).toHaveLength(2);
    expect(markers.find((c) => c.user.login === 'github-actions[bot]')?.body).toContain('terraform_data.it');
    expect(markers.find((c) => c.user.login === 'mallory')?.body).not.toContain('terraform_data.it');
    const pages = github.requests.filter(
      (r) => r.method === 'GET' && r.path.endsWith(`/issues/${PR}/comments`),
    );
    expect(pages.length).toBeGreaterThanOrEqual(4);
  });

  it('changes-only: no comment for an empty plan, but an existing one is brought up to date', async () => {
    await freshGitHub();
    const empty = { 'orgs/acme/main.tf': 'terraform {\n  backend "http" {}\n}\n' };
    const quiet = await push(empty, { comment: 'changes-only' }, 'empty');
    expect(quiet.code).toBe(0);
    expect(quiet.outputs['has-changes']).toBe('false');
    expect(ourComments()).toHaveLength(0);
    expect(github.labels(PR)).toEqual(['okta:no-changes']);

    await push(resources({ engineering: 'Engineering' }), { comment: 'changes-only' }, 'empty');
    expect(ourComments()).toHaveLength(1);
    expect(github.labels(PR)).toEqual(['okta:changes']);
    await push(empty, { comment: 'changes-only' }, 'empty');
    expect(ourComments()).toHaveLength(1);
    expect(ourComments()[0]?.body).toContain('No changes');
    expect(github.labels(PR)).toEqual(['okta:no-changes']);
  });

  it('keeps one comment per directory, workspace and label', async () => {
    await freshGitHub();
    await push(resources({ engineering: 'Engineering' }), { label: 'production' });
    await push(resources({ engineering: 'Engineering' }), { label: 'preview' });
    await push(resources({ engineering: 'Engineering' }), { label: 'production' });
    expect(ourComments()).toHaveLength(2);
    expect(github.labels(PR).sort()).toEqual(['okta/preview:changes', 'okta/production:changes']);
  });
});

describe('labels follow the plan', () => {
  it('adds destroys when objects go away, and removes labels that no longer apply', async () => {
    await freshGitHub();
    const applied = await runInProcess(
      { ...orgInputs(state, 'labels'), mode: 'apply', 'auto-approve': 'true' },
      { files: resources({ engineering: 'Engineering', sales: 'Sales' }) },
    );
    expect(applied.code).toBe(0);
    const removing = await push(resources({ engineering: 'Engineering' }), {}, 'labels');
    expect(removing.outputs['to-destroy']).toBe('1');
    expect(github.labels(PR).sort()).toEqual(['okta:changes', 'okta:destroys']);
    expect(github.repoLabels().find((l) => l.name === 'okta:destroys')).toMatchObject({ color: 'd93f0b' });
    await push(resources({ engineering: 'Engineering', sales: 'Sales' }), {}, 'labels');
    expect(github.labels(PR)).toEqual(['okta:no-changes']);
  });
});

describe('when GitHub or the plan fails', () => {
  it('a read-only token (fork PR) is a warning; the job summary has the review', async () => {
    await freshGitHub();
    github.readOnly = true;
    const run = await push(resources({ engineering: 'Engineering' }));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /::warning::The review was not commented on the pull request \(the token may not write here/,
    );
    expect(run.stepSummary).toContain('Plan: 1 to add');
    expect(run.outputs['comment-url']).toBeUndefined();
    expect(ourComments()).toHaveLength(0);
  });

  it('retries 502s', async () => {
    await freshGitHub();
    github.failNext('POST', /\/issues\/7\/comments$/, 502, 2);
    const run = await push(resources({ engineering: 'Engineering' }));
    expect(run.code).toBe(0);
    expect(ourComments()).toHaveLength(1);
    const posts = github.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/issues/7/comments'));
    expect(posts.map((r) => r.status)).toEqual([502, 502, 201]);
  });

  it('waits out a secondary rate limit', async () => {
    await freshGitHub();
    github.failNext(
      'POST',
      /\/issues\/7\/comments$/,
      403,
      1,
      { message: 'You have exceeded a secondary rate limit.' },
      {
        'retry-after': '1',
      },
    );
    const run = await push(resources({ engineering: 'Engineering' }));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/::warning::GitHub secondary rate limit on POST .*: retrying in 1 s\./);
    expect(ourComments()).toHaveLength(1);
  });

  it('a failed plan is commented, its labels removed, and the step fails', async () => {
    await freshGitHub({ kind: 'user', login: 'okta-bot' });
    await push(resources({ engineering: 'Engineering' }));
    expect(github.labels(PR)).toEqual(['okta:changes']);
    const broken = {
      'orgs/acme/main.tf':
        'terraform {\n  backend "http" {}\n}\n\nresource "terraform_data" "x" {\n  input = var.missing\n}\n',
    };
    const run = await push(broken);
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('plan-failed');
    expect(ourComments()).toHaveLength(1);
    const body = ourComments()[0]?.body ?? '';
    expect(body).toContain('### Okta plan failed: `plan-failed`');
    expect(body).toContain('Reference to undeclared input variable');
    expect(body).not.toContain('"fingerprint"');
    expect(github.labels(PR)).toEqual([]);
  });

  it("fails with a precondition's own error_message, not only Terraform's summary", async () => {
    await freshGitHub();
    const guarded = {
      'orgs/acme/main.tf': [
        'terraform {\n  backend "http" {}\n}\n',
        'variable "env" {\n  default = "prod"\n}\n',
        'resource "terraform_data" "admins" {',
        '  input = var.env',
        '  lifecycle {',
        '    precondition {',
        '      condition     = var.env != "prod"',
        '      error_message = "The Okta Administrators group of prod changes only through the change board: open a change request and link it in the pull request."',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n'),
    };
    const run = await push(guarded, {}, 'precondition');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '::error::plan-failed: Resource precondition failed: The Okta Administrators group of prod changes only through the change board: open a change request and link it in the pull request.',
    );
  });

  it('a pull request from a fork, without secrets: a notice and the safe ways to plan it, not a failure', async () => {
    await freshGitHub();
    github.readOnly = true;
    const okta = {
      'orgs/acme/main.tf':
        'terraform {\n  backend "http" {}\n  required_providers {\n    okta = { source = "okta/okta" }\n  }\n}\n\nprovider "okta" {}\n',
    };
    const fork = {
      number: PR,
      pull_request: {
        number: PR,
        head: { sha: 'abc123', repo: { full_name: 'mallory/okta-config' } },
        base: { repo: { full_name: `${OWNER}/${REPO}` } },
      },
    };
    const run = await runInProcess(orgInputs(state, 'fork'), {
      files: okta,
      env: eventEnv(github, 'pull_request', fork),
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /::warning::This pull request comes from a fork, and GitHub gives a fork's workflow no secrets, so the Okta org was not planned and nothing from this run can be applied: .*okta-fork-plan\.yml/,
    );
    expect(run.stepSummary).toContain('### Okta plan not made: a pull request from a fork');
    expect(run.stepSummary).toContain('label-gated `pull_request_target`');
    expect(run.outputs['failure-reason']).toBeUndefined();
    // Nothing was asked of GitHub: a fork's token can't comment anyway.
    expect(github.requests).toEqual([]);
    // The same run from a branch of the repository itself is a failure that names what is missing.
    const own = await runInProcess(orgInputs(state, 'fork'), {
      files: okta,
      env: eventEnv(github, 'pull_request', {
        ...fork,
        pull_request: {
          ...fork.pull_request,
          head: { sha: 'abc123', repo: { full_name: `${OWNER}/${REPO}` } },
        },
      }),
    });
    expect(own.code).toBe(1);
    expect(own.outputs['failure-reason']).toBe('credentials-missing');
  });
});
