// Issue 28 (e): nothing holding a secret outlives the job on a self-hosted runner unless the user asks for it. The
// main step leaves its plan, plan JSON and text in RUNNER_TEMP and Terraform its backend settings (the password) in
// .terraform/; the post step removes them, keeps them with keep-run-files, and never removes a refused state.

import { describe, expect, it, jest } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeRunFiles } from '../../src/run-files.js';
import { runInProcess } from '../../testkit/in-process.js';
import { useOrgStack } from '../../testkit/org-stack.js';
import { orgConfig, orgInputs, STATE_PASSWORD } from '../../testkit/workflow.js';

jest.setTimeout(120_000);

const stack = useOrgStack('run-files');
const PR = 51;
const runFiles = (job: string) =>
  readdirSync(join(job, 'runner-temp')).filter((n) => n.startsWith('okta-tf-'));

async function planThenPost(inputs: Record<string, string> = {}) {
  const secret = 'run-files-variable-secret-28e';
  const files = orgConfig(
    { a: 'x' },
    'variable "token" {\n  type      = string\n  sensitive = true\n}\n\nresource "terraform_data" "t" {\n  input = var.token\n}\n',
  );
  const main = await stack.pullRequestRun(PR, files, { ...inputs, variables: `token = "${secret}"` });
  expect(main.code).toBe(0);
  const backendSettings = join(main.workspace, 'orgs/acme/.terraform/terraform.tfstate');
  // What a self-hosted runner would keep: the plan JSON holds the variable, .terraform the backend's password.
  expect(readFileSync(main.outputs['json-plan-path'] ?? '', 'utf8')).toContain(secret);
  expect(readFileSync(backendSettings, 'utf8')).toContain(STATE_PASSWORD);
  const post = await runInProcess(
    { ...orgInputs(stack.state, stack.stateName), ...inputs },
    { script: 'post.js', job: main.job, workspace: main.workspace, state: main.state },
  );
  expect(post.code).toBe(0);
  return { main, post, backendSettings };
}

describe("the post step and the run's files", () => {
  it('removes the plan files in RUNNER_TEMP and the backend settings in .terraform', async () => {
    const { main, post, backendSettings } = await planThenPost();
    expect(runFiles(main.job)).toEqual([]);
    expect(existsSync(main.outputs['json-plan-path'] ?? '')).toBe(false);
    expect(existsSync(backendSettings)).toBe(false);
    expect(post.stdout).toMatch(
      /Removed the run's files: \d+ in RUNNER_TEMP, and .terraform\/terraform.tfstate/,
    );
  });

  it('keeps them with keep-run-files: true', async () => {
    const { main, backendSettings } = await planThenPost({ 'keep-run-files': 'true' });
    expect(runFiles(main.job).length).toBeGreaterThan(0);
    expect(existsSync(backendSettings)).toBe(true);
  });

  it('never removes a state the backend refused, and says what it kept', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'okta-tf-post-'));
    mkdirSync(join(temp, 'okta-tf-errored-state-abc'));
    writeFileSync(join(temp, 'okta-tf-errored-state-abc', 'errored.tfstate'), '{}');
    mkdirSync(join(temp, 'okta-tf-session'));
    writeFileSync(join(temp, 'someone-elses.txt'), 'not ours');
    const told: string[] = [];
    await removeRunFiles(
      { tempDir: temp, workingDirectory: undefined },
      { info: (m) => void told.push(m), warning: (m) => void told.push(`warning: ${m}`) },
    );
    expect(readdirSync(temp).sort()).toEqual(['okta-tf-errored-state-abc', 'someone-elses.txt']);
    expect(told.join('\n')).toContain(
      `warning: Kept ${join(temp, 'okta-tf-errored-state-abc')}: the state the backend refused`,
    );
  });
});
