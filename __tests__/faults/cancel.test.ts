// The job cancelled, or parts of it killed, while Terraform applies. The runner sends the step's node process
// SIGINT, SIGTERM 7.5 s later, then kills the process tree (GitHub's workflow cancellation reference). Terraform
// must be stopped with SIGINT and waited for (it saves the state and releases the lock), the review must end
// failed, and when the step is killed outright the post step finishes it. The real terraform (a local-exec that
// sleeps stands in for a slow Okta call), the http backend, the GitHub stand-in; in-process and as the runner
// starts the bundled action.

import { describe, expect, it, jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ActionError } from '../../src/errors.js';
import { TerraformRunner } from '../../src/terraform/runner.js';
import { recordingRuntime } from '../../testkit/in-process.js';
import { parseMarker } from '../../src/render/marker.js';
import { runStep } from '../../testkit/action-step.mjs';
import { useOrgStack } from '../../testkit/org-stack.js';
import { eventEnv, orgConfig, orgInputs } from '../../testkit/workflow.js';

jest.setTimeout(180_000);

const PR = 51;
const stack = useOrgStack('cancel');

/** first, then a call that takes a while (marked with `token`, to find its process), then last. */
function slowChain(token: string): Record<string, string> {
  return orgConfig(
    { first: 'First' },
    `
resource "terraform_data" "slow" {
  input      = "Slow"
  depends_on = [terraform_data.first]
  provisioner "local-exec" {
    command = "sleep 60 # ${token}"
  }
}

resource "terraform_data" "last" {
  input      = "Last"
  depends_on = [terraform_data.slow]
}
`,
  );
}

const review = () => stack.github.comments(PR).find((c) => c.body.startsWith('<!-- okta-terraform-action '));
const status = () => parseMarker(review()?.body ?? '')?.status;

async function until(what: string, ready: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The pid of the sleeping local-exec's parent: the terraform apply running it. */
async function terraformRunning(token: string): Promise<number | undefined> {
  const { stdout } = await promisify(execFile)('ps', ['-eo', 'pid=,ppid=,args=']).catch(() => ({
    stdout: '',
  }));
  const line = stdout.split('\n').find((l) => l.includes(`sleep 60 # ${token}`) && !l.includes(' ps '));
  const ppid = line?.trim().split(/\s+/)[1];
  return ppid ? Number(ppid) : undefined;
}

async function reviewed(sha: string, files: Record<string, string>) {
  expect((await stack.pullRequestRun(PR, files)).code).toBe(0);
  stack.github.setPullsForCommit(sha, [PR]);
}

/** The merge's push, run as the runner runs the bundled action, handing its process to `onSpawn`. */
function mergeStep(files: Record<string, string>, sha: string, onSpawn: (child: ChildProcess) => void) {
  const payload = { ref: 'refs/heads/main', after: sha, repository: { default_branch: 'main' } };
  const env = eventEnv(stack.github, 'push', payload, { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: sha });
  return runStep(orgInputs(stack.state, stack.stateName), { files, env }, onSpawn);
}

describe('cancelled while Terraform applies', () => {
  it('stops Terraform with SIGINT, waits for it to save the state and unlock, and marks the review failed', async () => {
    const files = slowChain('cancel-in-process');
    await reviewed('cancel1', files);
    const controller = new AbortController();
    const merging = stack.mergeRun(files, 'cancel1', {}, { cancel: controller.signal });
    await until(
      'terraform runs the slow call',
      async () => (await terraformRunning('cancel-in-process')) !== undefined,
    );
    controller.abort();
    const merged = await merging;

    expect(merged.outputs['failure-reason']).toBe('cancelled');
    expect(merged.stdout).toContain('Terraform was asked to stop (SIGINT) and is waited for');
    expect(stack.state.lockHolder(stack.stateName)).toBeUndefined();
    // What Terraform finished is in the saved state; the slow one, interrupted, is kept tainted.
    expect(stack.resourcesInState()).toContain('first');
    expect(stack.resourcesInState()).not.toContain('last');
    expect(status()).toBe('apply-failed');
    expect(review()?.body).toContain('`cancelled`');
    // Finished here: the post step has nothing left to do.
    expect(merged.state['unfinished-apply']).toBe('');
  });

  it('does the same for the runner’s SIGINT to the bundled action', async () => {
    const files = slowChain('cancel-sigint');
    await reviewed('cancel2', files);
    const merged = await mergeStep(files, 'cancel2', (child) => {
      void until(
        'terraform runs the slow call',
        async () => (await terraformRunning('cancel-sigint')) !== undefined,
      ).then(() => child.kill('SIGINT'));
    });
    expect(merged.code).toBe(1);
    expect(merged.outputs['failure-reason']).toBe('cancelled');
    expect(stack.state.lockHolder(stack.stateName)).toBeUndefined();
    expect(stack.resourcesInState()).toContain('first');
    expect(status()).toBe('apply-failed');
  });

  it('leaves the post step to finish when the step is killed outright', async () => {
    const files = slowChain('cancel-kill');
    await reviewed('cancel3', files);
    const killed = await mergeStep(files, 'cancel3', (child) => {
      void until(
        'terraform runs the slow call',
        async () => (await terraformRunning('cancel-kill')) !== undefined,
      ).then(() => process.kill(-(child.pid as number), 'SIGKILL'));
    });
    expect(killed.code).toBeNull();
    expect(status()).toBe('applying');
    expect(killed.state['unfinished-apply']).toContain('"commentId"');

    const post = await runStep(orgInputs(stack.state, stack.stateName), {
      job: killed.job,
      workspace: killed.workspace,
      env: eventEnv(
        stack.github,
        'push',
        { repository: { default_branch: 'main' } },
        { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: 'cancel3' },
      ),
      script: 'post.js',
      state: killed.state,
    });
    expect(post.code).toBe(1);
    expect(post.stdout).toContain(
      '::error::cancelled: the job was cancelled or the step was killed while Terraform applied this plan.',
    );
    expect(post.stdout).toContain('terraform force-unlock');
    expect(status()).toBe('apply-failed');
    expect(review()?.body).toContain('the job was cancelled or the step was killed');
  });
});

describe('terraform killed (SIGKILL, out of memory) mid-apply', () => {
  it('reports from the saved state, never Terraform’s own word', async () => {
    const files = slowChain('kill-terraform');
    await reviewed('kill1', files);
    const merging = stack.mergeRun(files, 'kill1');
    let pid: number | undefined;
    await until(
      'terraform runs the slow call',
      async () => (pid = await terraformRunning('kill-terraform')) !== undefined,
    );
    process.kill(pid as number, 'SIGKILL');
    const merged = await merging;
    // Its local-exec outlives it.
    await promisify(execFile)('pkill', ['-f', 'sleep 60 # kill-terraform']).catch(() => undefined);

    expect(merged.code).toBe(1);
    expect(merged.stdout).not.toContain('Applied:');
    expect(review()?.body).not.toContain('✅ **Applied**');
    expect(status()).toBe('apply-failed');
    // first was created in Okta, and the backend never got the state that says so.
    expect(stack.resourcesInState()).toEqual([]);
    expect(merged.outputs['failure-reason']).toBe('state-not-saved');
    expect(merged.stepSummary).toContain('**Changed in Okta, not in the saved state** (1)');
  });
});

describe('cancelled while any other Terraform command runs', () => {
  it('passes SIGINT on and waits for Terraform to stop (a stand-in terraform that needs it to unlock)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'okta-tf-fake-terraform-'));
    const binary = join(dir, 'terraform');
    // Like terraform on SIGINT: says so, releases its lock (here, a file), exits 1.
    writeFileSync(
      binary,
      `#!/bin/sh\ntrap 'echo "Interrupt received."; rm -f "${dir}/locked"; exit 1' INT\ntouch "${dir}/locked"\nwhile :; do sleep 0.1; done\n`,
      { mode: 0o755 },
    );
    const controller = new AbortController();
    const log = recordingRuntime({});
    const runner = new TerraformRunner({
      binary,
      cwd: dir,
      env: { PATH: process.env.PATH ?? '' },
      lockTimeout: '1s',
      log,
      cancel: controller.signal,
    });
    const planning = runner.plan({
      planFile: join(dir, 'p'),
      varFiles: [],
      targets: [],
      refresh: true,
      outputFile: join(dir, 'out'),
    });
    await until('the command holds its lock', () => existsSync(join(dir, 'locked')));
    controller.abort();
    const failure = await planning.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(ActionError);
    expect((failure as ActionError).reason).toBe('cancelled');
    expect(existsSync(join(dir, 'locked'))).toBe(false);
    expect(log.stdout()).toContain('Interrupt received.');
  });
});
