// Plans and runs the summary can't read, and failures nobody foresaw: each has a failure reason, fails the step,
// and replaces the pull request's review with the failure, so the last plan's fingerprint approves nothing. The
// real terraform (a value nested deeper than the review reads, which it plans fine; and its plan of 2,000 levels), the bundled action writing its job summary to
// /dev/full (ENOSPC, a full disk), and the limits on one value.

import { describe, expect, it, jest } from '@jest/globals';
import { constants } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { asActionError } from '../../src/errors.js';
import { parseRange } from '../../src/plan/json-scan.js';
import { MAX_VALUE_DEPTH, nestingDepth } from '../../src/plan/value-limits.js';
import { parseMarker } from '../../src/render/marker.js';
import { runStep } from '../../testkit/action-step.mjs';
import { runInProcess } from '../../testkit/in-process.js';
import { useOrgStack } from '../../testkit/org-stack.js';
import { eventEnv, orgConfig, orgInputs } from '../../testkit/workflow.js';

jest.setTimeout(180_000);

const PR = 71;
const stack = useOrgStack('unreadable');
const GROUPS = orgConfig({ engineering: 'Engineering' });
const review = () => stack.github.comments(PR).find((c) => c.body.startsWith('<!-- okta-terraform-action '));

async function reviewed(): Promise<string> {
  const first = await stack.pullRequestRun(PR, GROUPS);
  expect(first.code).toBe(0);
  const marker = parseMarker(review()?.body ?? '');
  expect(marker?.fingerprint).toBe(first.outputs.fingerprint);
  return first.outputs.fingerprint ?? '';
}

describe('a value nested deeper than the review reads', () => {
  // Terraform plans 2,000 levels, in 42 s here: the fault suite reads that plan (plans/README.md), and makes one
  // just over the limit with the real terraform.
  const nested = (depth: number) => `${'['.repeat(depth)}"bottom"${']'.repeat(depth)}`;
  const files = {
    ...orgConfig(
      { engineering: 'Engineering' },
      'resource "terraform_data" "deep" {\n  input = jsondecode(file("${path.module}/deep.json"))\n}\n',
    ),
    'orgs/acme/deep.json': nested(MAX_VALUE_DEPTH + 20),
  };

  it('is refused by name, and the failure replaces the review', async () => {
    await reviewed();
    const run = await stack.pullRequestRun(PR, files);
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('plan-failed');
    expect(run.stdout).toContain(
      `::error::plan-failed: terraform_data.deep: a value nests more than ${MAX_VALUE_DEPTH} levels deep`,
    );
    expect(review()?.body).toContain('### Okta plan failed: `plan-failed`');
    expect(parseMarker(review()?.body ?? '')?.fingerprint).toBeUndefined();
  });

  it('is refused by name at 2,000 levels, where the walk used to overflow the stack', async () => {
    const plan = readFileSync(join(import.meta.dirname, 'plans', 'deep-2000.show.json'));
    const run = await runInProcess({ 'plan-json': 'plan.json' }, { files: { 'plan.json': plan } });
    expect(run.outputs['failure-reason']).toBe('plan-failed');
    expect(run.stdout).toContain('terraform_data.deep: a value nests more than');
    expect(run.stdout).not.toContain('Maximum call stack');
  });
});

describe('a failure nobody foresaw', () => {
  it('has a reason and a comment: a full disk while writing the job summary (the bundled action, ENOSPC)', async () => {
    await reviewed();
    const env = eventEnv(
      stack.github,
      'pull_request',
      { number: PR, pull_request: { number: PR } },
      {
        GITHUB_STEP_SUMMARY: '/dev/full',
      },
    );
    const run = await runStep(orgInputs(stack.state, stack.stateName), { files: GROUPS, env });
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('write-failed');
    expect(run.stdout).toMatch(
      /::error::write-failed: the runner's disk is full: writing the step's GITHUB_STEP_SUMMARY file \(\/dev\/full\) failed \(ENOSPC: no space left on device/,
    );
    expect(review()?.body).toContain('### Okta plan failed: `write-failed`');
    expect(parseMarker(review()?.body ?? '')?.fingerprint).toBeUndefined();
  });

  it('is internal-error, with what happened, for anything else thrown', () => {
    expect(asActionError(new TypeError('x is undefined')).message).toBe(
      'unexpected error (please report it): x is undefined',
    );
    expect(asActionError('a string').reason).toBe('internal-error');
  });

  it('names ENOSPC as a full disk, and what to do', async () => {
    const error = await writeFile('/dev/full', 'x').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(asActionError(error).reason).toBe('write-failed');
    expect(asActionError(error).message).toMatch(
      /^the runner's disk is full: writing a file failed \(ENOSPC.*\): free space on the runner/,
    );
  });
});

describe('the limits on one value', () => {
  it('measures depth without recursion', () => {
    let value: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) value = [value];
    expect(nestingDepth(value)).toBe(100_000);
    expect(nestingDepth(value, 300)).toBe(301);
  });

  it('refuses a value longer than Node can hold as one string, naming its size', () => {
    const text = Buffer.from(JSON.stringify('x'.repeat(64)));
    expect(parseRange(text, 0, text.length, 1_000)).toBe('x'.repeat(64));
    // The limit itself is Node's (536,870,888 characters); a smaller one shows the refusal without 512 MB.
    expect(() => parseRange(text, 0, text.length, 10)).toThrow('a value of 66 bytes');
    expect(constants.MAX_STRING_LENGTH).toBeGreaterThan(1_000);
  });
});
