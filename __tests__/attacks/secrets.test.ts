// Attacks (f) to (i) and (l) of issue 12, as anyone who can read the repository would try them: nothing secret in
// the PR comment, its hidden marker, the job summary, the outputs, the summary file or the log. In process from
// src/, with the real terraform and backends on loopback; the recorded log masks what was registered with
// setSecret from then on, as the runner does, so a secret printed before it was masked shows.

import { describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { InProcessRun } from '../../testkit/in-process.js';
import { useOrgStack } from '../../testkit/org-stack.js';
import { startStateServer } from '../../testkit/state-server.js';
import { httpBackend, orgConfig, STATE_USER } from '../../testkit/workflow.js';

jest.setTimeout(180_000);

const PR = 31;
const stack = useOrgStack('secrets');
const planOnPullRequest = (files: Record<string, string>, inputs: Record<string, string> = {}) =>
  stack.pullRequestRun(PR, files, inputs);

/**
 * Everything the run sent or wrote where others read it: comments, issues, commit statuses (the okta/approvals
 * check), outputs, the job summary, the summary file.
 */
function everythingPosted(run: InProcessRun): string {
  const summaryFile = run.outputs['summary-json'];
  return [
    ...stack.github.comments(PR).map((c) => c.body),
    ...stack.github.issues().map((i) => `${i.title}\n${i.body}`),
    ...stack.github.approvals.statuses().map((s) => `${s.context}\n${s.description}`),
    JSON.stringify(run.outputs),
    run.stepSummary,
    summaryFile ? readFileSync(summaryFile, 'utf8') : '',
  ].join('\n');
}

/** Every piece of `secret` at least `size` characters long: what a cut secret would still show. */
function pieces(secret: string, size = 20): string[] {
  return Array.from({ length: secret.length - size + 1 }, (_, i) => secret.slice(i, i + size));
}

describe('(f) a backend secret in Terraform’s init error', () => {
  it('is not in the PR comment, the job summary or the error line', async () => {
    const token = 'tok-SECRET-f-1234567890';
    const run = await planOnPullRequest(orgConfig({ a: 'x' }), {
      'backend-config': `address=http://127.0.0.1:9/state?access_token=${token}\nretry_max=0`,
    });
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('init-failed');
    expect(stack.github.comments(PR)[0]?.body).toContain('Okta plan failed: `init-failed`');
    expect(stack.github.comments(PR)[0]?.body).toContain('(redacted)');
    expect(everythingPosted(run)).not.toContain(token);
    expect(run.stdout).not.toContain(token);
  });
});

describe('the scrubber and the marker', () => {
  it('a secret that equals the workspace name is scrubbed from the text, never from the marker', async () => {
    const files = orgConfig(
      {},
      'variable "env" {\n  type = string\n}\n\nresource "terraform_data" "e" {\n  input = var.env\n}\n',
    );
    const first = await planOnPullRequest(files, { variables: 'env = "default"' });
    expect(first.code).toBe(0);
    const again = await planOnPullRequest(files, { variables: 'env = "default"' });
    expect(again.stdout).toContain('Review updated');
    const [review] = stack.github.comments(PR);
    expect(stack.github.comments(PR)).toHaveLength(1);
    expect(review?.body).toContain('"workspace":"default"');
    expect(review?.body).toContain('workspace `(redacted)`');
  });
});

describe('(g) a secret in a resource address (a for_each key)', () => {
  it('is in neither the hidden marker nor the review', async () => {
    const key = 'k3y-SECRET-g-987654';
    const files = orgConfig(
      {},
      `variable "team_key" {\n  type = string\n}\n\nresource "terraform_data" "team" {\n  for_each = toset([var.team_key])\n  input    = "team"\n}\n`,
    );
    const run = await planOnPullRequest(files, { variables: `team_key = "${key}"` });
    expect(run.code).toBe(0);
    const body = stack.github.comments(PR)[0]?.body ?? '';
    const marker = /<!-- okta-terraform-action (.*?) -->/.exec(body)?.[1] ?? '';
    expect(marker).toMatch(/"run":"\d+"/);
    expect(body).toContain('terraform_data.team["(redacted)"]');
    expect(everythingPosted(run)).not.toContain(key);
    // The run's record (an artifact anyone who can read the repository can download) keys objects by a hash.
    const [record] = stack.artifacts.artifacts().filter((a) => a.name.startsWith('okta-review-'));
    expect(record?.content.toString()).toMatch(/"objects":\{"[0-9a-f]{12}":"[0-9a-f]{64}"\}/);
    expect(record?.content.toString()).not.toContain(key);
  });
});

describe('(h) a secret longer than the display limit', () => {
  it('is redacted before it is cut: not even 20 characters of it are shown', async () => {
    const secret = `lt-${'Zq8vR2mW5pX9'.repeat(20)}`;
    const files = orgConfig(
      {},
      `variable "long_token" {\n  type = string\n}\n\nresource "terraform_data" "hook" {\n  input = var.long_token\n}\n`,
    );
    const run = await planOnPullRequest(files, { variables: `long_token = "${secret}"` });
    expect(run.code).toBe(0);
    const posted = everythingPosted(run);
    expect(posted).toContain('(redacted)');
    for (const piece of pieces(secret)) expect(posted).not.toContain(piece);
  });
});

describe('(i) a secret the provider does not mark, in Terraform’s plan text', () => {
  it('is masked in the log before the plan text is printed', async () => {
    // Like okta_event_hook's auth.value: not marked sensitive by the provider, a secret by its name.
    const password = 'hunter2-SECRET-i-555';
    const files = orgConfig(
      {},
      `resource "terraform_data" "hook" {\n  input = { channel = "https://hooks.acme.test", password = "${password}" }\n}\n`,
    );
    const run = await planOnPullRequest(files);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('::group::terraform plan (output)');
    expect(run.stdout).toContain('+ input  = {');
    expect(run.stdout).toContain('password = "***"');
    expect(run.stdout).not.toContain(password);
    expect(everythingPosted(run)).not.toContain(password);
  });
});

describe('(l) credentials in releases-url, a numeric backend password', () => {
  it('the mirror’s password is in no error line, comment or summary', async () => {
    const password = 'Mirr0r-SECRET-l';
    const run = await planOnPullRequest(orgConfig({ a: 'x' }), {
      setup: 'true',
      'terraform-version': '~> 1.11',
      'releases-url': `http://mirror-user:${password}@127.0.0.1:9/`,
    });
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('init-failed');
    expect(run.stdout).toMatch(/::error::init-failed: could not read the Terraform releases index/);
    expect(run.stdout).not.toContain(password);
    expect(everythingPosted(run)).toContain('Okta plan failed');
    expect(everythingPosted(run)).not.toContain(password);
  });

  it('a numeric password is masked like any other', async () => {
    const numeric = await startStateServer({ username: STATE_USER, password: '73519864' });
    try {
      const backend = httpBackend(numeric, 'n', { username: STATE_USER, password: '73519864' });
      const run = await planOnPullRequest(orgConfig({ a: 'x' }), { 'backend-config': backend });
      expect(run.code).toBe(0);
      expect(run.secrets).toContain('73519864');
      expect(everythingPosted(run)).not.toContain('73519864');
    } finally {
      await numeric.close();
    }
  });
});

describe('issue 28 (b): credentials the run was given, however they reach Terraform', () => {
  it('a TF_VAR_* token echoed by a Terraform error is in neither the failure comment nor the job summary', async () => {
    const token = '00b-SSWS-token-28b-0123456789abcdef';
    stack.env.TF_VAR_okta_api_token = token;
    const files = orgConfig(
      {},
      'variable "okta_api_token" {\n  type = string\n}\n\nresource "terraform_data" "n" {\n  input = tonumber(var.okta_api_token)\n}\n',
    );
    const run = await planOnPullRequest(files);
    expect(run.outputs['failure-reason']).toBe('plan-failed');
    // Terraform did echo it: the error names the value it could not convert.
    expect(stack.github.comments(PR)[0]?.body).toContain('Okta plan failed: `plan-failed`');
    expect(stack.github.comments(PR)[0]?.body).toMatch(/cannot convert .*\(redacted\).* to number/);
    expect(everythingPosted(run)).not.toContain(token);
    expect(run.stdout).not.toContain(token);
  });

  it('a TF_VAR_* value planned into an attribute is in nothing posted, written or kept as an artifact', async () => {
    const token = '00b-SSWS-token-28b-fedcba9876543210';
    stack.env.TF_VAR_hook_token = token;
    const files = orgConfig(
      {},
      'variable "hook_token" {\n  type = string\n}\n\nresource "terraform_data" "hook" {\n  input = "Bearer ${var.hook_token}"\n}\n',
    );
    const run = await planOnPullRequest(files);
    expect(run.code).toBe(0);
    expect(stack.github.comments(PR)[0]?.body).toContain('+ input = "Bearer (redacted)"');
    expect(everythingPosted(run)).not.toContain(token);
    expect(run.stdout).not.toContain(token);
    const kept = stack.artifacts.artifacts();
    expect(kept.map((a) => a.name)).toEqual([expect.stringMatching(/^okta-review-[0-9a-f]{12}-1\.json$/)]);
    for (const artifact of kept) expect(artifact.content.toString()).not.toContain(token);
  });

  it("knows a PEM key in any variable named like a credential, line by line, and GITHUB_TOKEN's value", async () => {
    const lines = [
      '-----BEGIN PRIVATE KEY-----',
      'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC28b',
      '-----END PRIVATE KEY-----',
    ];
    stack.env.DEPLOY_SIGNING_PRIVATE_KEY = `${lines.join('\n')}\n`;
    stack.env.GITHUB_TOKEN = 'ghs_another0token0than0the0input00000';
    stack.env.SHORT_TOKEN = 'true';
    const run = await planOnPullRequest(orgConfig({ a: 'x' }));
    expect(run.code).toBe(0);
    for (const line of lines) expect(run.secrets).toContain(line);
    expect(run.secrets).toContain('ghs_another0token0than0the0input00000');
    // Under 8 characters, a value named like a credential is a flag or a word: scrubbing it would cut up text.
    expect(run.secrets).not.toContain('true');
  });

  it('knows the value a workflow wrote into an .auto.tfvars file for a sensitive variable, before Terraform runs', async () => {
    // The plan fails (an unrelated error) before there is any plan JSON to learn sensitive values from.
    const secret = 'written-by-the-workflow-28b';
    const files = {
      ...orgConfig(
        {},
        'variable "hook_secret" {\n  type      = string\n  sensitive = true\n}\n\nresource "terraform_data" "hook" {\n  input = [var.hook_secret, terraform_data.missing.id]\n}\n',
      ),
      'orgs/acme/secrets.auto.tfvars': `hook_secret = "${secret}"\n`,
    };
    const run = await planOnPullRequest(files);
    expect(run.outputs['failure-reason']).toBe('plan-failed');
    expect(run.secrets).toContain(secret);
    expect(everythingPosted(run)).not.toContain(secret);
  });
});
