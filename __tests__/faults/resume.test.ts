// A merge whose apply failed part-way (here: a check that only Okta's answer could fail, standing in for a 429 or
// a 5xx Okta gave mid-apply). Re-running that merge applies what the review showed and is not applied yet, each
// object as reviewed, and nothing else. The real terraform, the http backend and the GitHub stand-in.

import { describe, expect, it, jest } from '@jest/globals';
import { parseMarker } from '../../src/render/marker.js';
import { useOrgStack } from '../../testkit/org-stack.js';
import { orgConfig } from '../../testkit/workflow.js';

jest.setTimeout(180_000);

const PR = 41;
const stack = useOrgStack('resume');

/**
 * first, then second (checked at apply time, once first's ID is known: it passes only when the flag file is
 * there, the transient fault), then third. `thirdInput` changes what third would be.
 */
function chain(flag: boolean, thirdInput = 'Third'): Record<string, string> {
  const files = orgConfig(
    { first: 'First' },
    `
resource "terraform_data" "second" {
  input = "Second"
  lifecycle {
    precondition {
      condition     = terraform_data.first.id != "" && fileexists("\${path.module}/okta-answered")
      error_message = "Okta answered 503 (a transient fault)."
    }
  }
}

resource "terraform_data" "third" {
  input      = "${thirdInput}"
  depends_on = [terraform_data.second]
}
`,
  );
  return flag ? { ...files, 'orgs/acme/okta-answered': 'yes\n' } : files;
}

const review = () => stack.github.comments(PR).find((c) => c.body.startsWith('<!-- okta-terraform-action '));
const status = () => parseMarker(review()?.body ?? '')?.status;

async function failedPartWay(sha: string) {
  expect((await stack.pullRequestRun(PR, chain(false))).code).toBe(0);
  stack.github.setPullsForCommit(sha, [PR]);
  const failed = await stack.mergeRun(chain(false), sha);
  expect(failed.outputs['failure-reason']).toBe('apply-failed');
  expect(stack.resourcesInState()).toEqual(['first']);
  expect(status()).toBe('apply-failed');
  return failed;
}

describe('re-running a merge whose apply failed part-way', () => {
  it('applies the rest of the review, and says beforehand what a re-run does', async () => {
    const failed = await failedPartWay('resume1');
    expect(failed.stepSummary).toContain(
      'Re-running this job plans again and applies only what the review showed and is not applied yet',
    );

    const rerun = await stack.mergeRun(chain(true), 'resume1');
    expect(rerun.outputs['failure-reason']).toBeUndefined();
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain(
      "Resuming the apply of pull request #41's review: 2 reviewed change(s) left, 1 applied by the earlier run.",
    );
    expect(stack.resourcesInState()).toEqual(['first', 'second', 'third']);
    expect(status()).toBe('applied');

    // Applied: used for good.
    const more = await stack.mergeRun(
      { ...chain(true), ...orgConfig({ first: 'First', extra: 'Extra' }) },
      'resume1',
    );
    expect(more.outputs['failure-reason']).toBe('plan-not-found');
  });

  it('applies nothing when what is left differs from the review, and keeps the review failed', async () => {
    await failedPartWay('resume2');
    const changed = await stack.mergeRun(chain(true, 'Third, edited after the review'), 'resume2');
    expect(changed.code).toBe(1);
    expect(changed.outputs['failure-reason']).toBe('plan-changed');
    expect(changed.stdout).toContain(
      'an earlier apply of this review stopped part-way, and what is left is not only what was reviewed, so nothing was applied. Since the review, changed in it: `terraform_data.third`.',
    );
    expect(stack.resourcesInState()).toEqual(['first']);
    // Still failed, never "plan-changed": a review an apply started from must not approve another.
    expect(status()).toBe('apply-failed');
  });

  it('applies nothing when a writer edited the failed review (to widen what is left, say)', async () => {
    await failedPartWay('resume4');
    const comment = review();
    const mallory = { login: 'mallory', type: 'User' as const };
    stack.github.editComment(comment?.id ?? 0, `${comment?.body ?? ''}\nre-run me`, mallory);
    const rerun = await stack.mergeRun(chain(true), 'resume4');
    expect(rerun.outputs['failure-reason']).toBe('plan-not-found');
    expect(rerun.stdout).toContain('was edited by mallory');
    expect(stack.resourcesInState()).toEqual(['first']);
  });

  it('replaces an object the failed run created and left tainted: the create that was reviewed', async () => {
    // second is created, then its provisioner fails (Okta answered the create, a follow-up call failed): Terraform
    // keeps it, tainted. The re-run plans its replace, which is the reviewed create, completed.
    const tainting = (flag: boolean): Record<string, string> => {
      const files = orgConfig(
        { first: 'First' },
        `
resource "terraform_data" "second" {
  input = "Second"
  provisioner "local-exec" {
    command = "test -f \${path.module}/okta-answered"
  }
}

resource "terraform_data" "third" {
  input      = "Third"
  depends_on = [terraform_data.second]
}
`,
      );
      return flag ? { ...files, 'orgs/acme/okta-answered': 'yes\n' } : files;
    };
    expect((await stack.pullRequestRun(PR, tainting(false))).code).toBe(0);
    stack.github.setPullsForCommit('resume5', [PR]);
    const failed = await stack.mergeRun(tainting(false), 'resume5');
    expect(failed.outputs['failure-reason']).toBe('apply-failed');
    expect(stack.resourcesInState()).toEqual(['first', 'second']);
    expect(stack.state.state(stack.stateName)?.toString()).toContain('"status": "tainted"');

    const rerun = await stack.mergeRun(tainting(true), 'resume5');
    expect(rerun.stdout).toContain(
      '1 of them created by it and left tainted, replaced now as the create that was reviewed (terraform_data.second).',
    );
    expect(rerun.code).toBe(0);
    expect(stack.resourcesInState()).toEqual(['first', 'second', 'third']);
    expect(status()).toBe('applied');
  });

  it('goes on only from its own record: without actions: read, a re-run applies nothing', async () => {
    await failedPartWay('resume6');
    const forbidden = { message: 'Resource not accessible by integration' };
    stack.github.failNext('GET', /\/actions\/runs\/\d+\/artifacts$/, 403, Infinity, forbidden);
    const rerun = await stack.mergeRun(chain(true), 'resume6');
    expect(rerun.outputs['failure-reason']).toBe('plan-not-found');
    expect(rerun.stdout).toContain(
      "an apply from it stopped part-way, and a re-run goes on only from that run's own record of it, which could not be read",
    );
    expect(rerun.stdout).toContain('give the job `permissions: actions: read`');
    expect(stack.resourcesInState()).toEqual(['first']);
  });

  it('applies nothing with a different backend, workspace or -target than the review', async () => {
    await failedPartWay('resume3');
    const targeted = await stack.mergeRun(chain(true), 'resume3', { target: 'terraform_data.second' });
    expect(targeted.outputs['failure-reason']).toBe('plan-changed');
    expect(targeted.stdout).toContain(
      'The directory, workspace, backend, -target or provider versions differ',
    );
    expect(stack.resourcesInState()).toEqual(['first']);
  });
});
