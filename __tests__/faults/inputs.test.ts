// Inputs a workflow (or a pull request's files) can get wrong, or turn against the runner: workspace names that
// are flags or paths, paths that leave the checkout (directly or through a symlink), plans in UTF-16 without a
// byte-order mark, events without what the mode needs. Each is named, with failure-reason invalid-input, before
// Terraform runs; none is a silent no-op. In process, as the runner runs the step.

import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from '../../testkit/in-process.js';

const EXAMPLE = readFileSync('examples/plans/pull-request.json');
const PASSWD_FIRST_LINE = readFileSync('/etc/passwd', 'utf8').split('\n')[0] as string;
const ORG = { 'orgs/acme/main.tf': 'resource "terraform_data" "a" {\n  input = "a"\n}\n' };

describe('a workspace name Terraform would refuse, or read as a flag', () => {
  it.each(['../../evil', '-flag', 'two words', '..'])('"%s" is refused by name', async (workspace) => {
    const run = await runInProcess(
      { 'working-directory': 'orgs/acme', setup: 'false', workspace },
      { files: ORG },
    );
    expect(run.outputs['failure-reason']).toBe('invalid-input');
    expect(run.stdout).toContain(
      `::error::invalid-input: the input workspace "${workspace}" is not a Terraform workspace name`,
    );
    expect(run.stdout).not.toContain('[command]');
  });

  it('takes the names Terraform takes', async () => {
    const run = await runInProcess(
      { 'plan-json': 'plan.json', workspace: 'prod-eu_2.v1' },
      { files: { 'plan.json': EXAMPLE } },
    );
    expect(run.code).toBe(0);
  });
});

describe('paths confined to the checkout, symlinks followed', () => {
  it.each([
    ['var-file', { 'working-directory': 'orgs/acme', setup: 'false', 'var-file': '/etc/passwd' }],
    [
      'backend-config-file',
      {
        'working-directory': 'orgs/acme',
        setup: 'false',
        'backend-config-file': '../../../../../../etc/passwd',
      },
    ],
    ['plan-json', { 'plan-json': '/etc/passwd' }],
  ])('%s outside is refused, and the file never reaches the log', async (name, inputs) => {
    const run = await runInProcess(inputs, { files: ORG });
    expect(run.outputs['failure-reason']).toBe('invalid-input');
    expect(run.stdout).toContain(`::error::invalid-input: the input ${name} names`);
    expect(run.stdout).toContain('which is outside the repository checkout');
    expect(run.stdout).not.toContain(PASSWD_FIRST_LINE);
  });

  it('refuses a working-directory that is a symlink out of the checkout', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'okta-tf-outside-'));
    writeFileSync(join(outside, 'main.tf'), 'resource "terraform_data" "x" {}\n');
    const workspace = mkdtempSync(join(tmpdir(), 'okta-tf-checkout-'));
    mkdirSync(join(workspace, 'orgs'));
    symlinkSync(outside, join(workspace, 'orgs', 'acme'));
    const run = await runInProcess({ 'working-directory': 'orgs/acme', setup: 'false' }, { workspace });
    expect(run.outputs['failure-reason']).toBe('invalid-input');
    expect(run.stdout).toContain(
      'the input working-directory names "orgs/acme", which is outside the repository checkout',
    );
  });

  it('takes a plan-json in RUNNER_TEMP, where an earlier step’s json-plan-path is', async () => {
    const job = mkdtempSync(join(tmpdir(), 'okta-tf-action-'));
    mkdirSync(join(job, 'runner-temp'));
    writeFileSync(join(job, 'runner-temp', 'plan.json'), EXAMPLE);
    const run = await runInProcess({ 'plan-json': join(job, 'runner-temp', 'plan.json') }, { job });
    expect(run.code).toBe(0);
  });
});

describe('a plan in UTF-16 without a byte-order mark', () => {
  it.each(['utf16le', 'utf16be'] as const)('is read as %s', async (encoding) => {
    const text = Buffer.from(EXAMPLE.toString('utf8'), 'utf16le');
    const bytes = encoding === 'utf16le' ? text : Buffer.from(text).swap16();
    const run = await runInProcess({ 'plan-json': 'plan.json' }, { files: { 'plan.json': bytes } });
    expect(run.code).toBe(0);
    expect(run.outputs['has-changes']).toBe('true');
    expect(run.stdout).not.toContain('\u0000');
  });
});

describe('events without what the mode needs', () => {
  function eventFile(payload: unknown): string {
    const path = join(mkdtempSync(join(tmpdir(), 'okta-tf-event-')), 'event.json');
    writeFileSync(path, JSON.stringify(payload));
    return path;
  }

  it('a pull_request event without a number', async () => {
    const env = {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventFile({ action: 'opened' }),
      GITHUB_REPOSITORY: 'acme/okta-config',
    };
    const run = await runInProcess({ 'plan-json': 'plan.json' }, { files: { 'plan.json': EXAMPLE }, env });
    expect(run.outputs['failure-reason']).toBe('invalid-input');
    expect(run.stdout).toContain(
      "::error::invalid-input: the pull_request event's payload (GITHUB_EVENT_PATH) has no pull request number",
    );
  });

  it('a push without repository.default_branch, in mode auto', async () => {
    const env = {
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: eventFile({ ref: 'refs/heads/main' }),
      GITHUB_REF: 'refs/heads/main',
      GITHUB_REPOSITORY: 'acme/okta-config',
    };
    const run = await runInProcess({ 'working-directory': 'orgs/acme', setup: 'false' }, { files: ORG, env });
    expect(run.outputs['failure-reason']).toBe('invalid-input');
    expect(run.stdout).toContain(
      "::error::invalid-input: the push event's payload has no repository.default_branch",
    );
  });
});
