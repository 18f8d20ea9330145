// Apply on merge and on workflow_dispatch, end to end: exactly the plan that was reviewed, or nothing. The real
// terraform, the harness's http state backend and GitHub API (checked against GitHub's OpenAPI description).

import { describe, expect, it, jest } from '@jest/globals';
import { useOrgStack } from '../../testkit/org-stack.js';
import { orgConfig } from '../../testkit/workflow.js';

jest.setTimeout(180_000);

const PR = 12;
const stack = useOrgStack('org');
const { resourcesInState, mergeRun, dispatchRun } = stack;
const reviewRun = (files: Record<string, string>) => stack.pullRequestRun(PR, files);

function review() {
  return stack.github.comments(PR).find((c) => c.body.startsWith('<!-- okta-terraform-action '));
}

const TWO_GROUPS = orgConfig({ engineering: 'Engineering', sales: 'Sales' });

describe('on merge', () => {
  it('applies the reviewed plan, says so in the comment, and never applies from that review again', async () => {
    const reviewed = await reviewRun(TWO_GROUPS);
    expect(reviewed.code).toBe(0);
    stack.github.setPullsForCommit('merge1', [PR]);

    const merged = await mergeRun(TWO_GROUPS, 'merge1');
    expect(merged.code).toBe(0);
    expect(merged.outputs.fingerprint).toBe(reviewed.outputs.fingerprint);
    expect(resourcesInState()).toEqual(['engineering', 'sales']);
    expect(merged.stdout).toContain('terraform_data.engineering: Creation complete');
    const body = review()?.body ?? '';
    expect(body).toContain('"status":"applied"');
    expect(body).toContain(
      '✅ **Applied** ([workflow run](https://github.com/acme/okta-config/actions/runs/4242)): 2 added, 0 changed, 0 destroyed.',
    );
    expect(body).toContain('Plan: 2 to add'); // the review itself stays

    // The same merge run again: nothing left to do, nothing applied twice.
    const again = await mergeRun(TWO_GROUPS, 'merge1');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to apply');
    expect(again.stdout).not.toContain('::group::terraform apply');
  });

  it('applies nothing when the merged code plans differently, and shows what changed', async () => {
    await reviewRun(TWO_GROUPS);
    stack.github.setPullsForCommit('merge2', [PR]);
    const merged = await mergeRun(
      orgConfig({ engineering: 'Engineering', sales: 'Sales team', it: 'IT' }),
      'merge2',
    );
    expect(merged.code).toBe(1);
    expect(merged.outputs['failure-reason']).toBe('plan-changed');
    expect(resourcesInState()).toEqual([]);
    expect(merged.stdout).toContain(
      '::error::plan-changed: the plan differs from the one approved, so nothing was applied. Since the review, added to the plan: `terraform_data.it`; changed in it: `terraform_data.sales`.',
    );
    expect(review()?.body).toContain('⚠️ **Not applied: the plan changed since this review**');
    expect(merged.stepSummary).toContain('Not applied: the plan changed since it was approved');
  });

  it('refuses without a reviewed plan, unless auto-approve', async () => {
    const noReview = await mergeRun(TWO_GROUPS, 'merge3');
    expect(noReview.outputs['failure-reason']).toBe('plan-not-found');
    expect(noReview.stdout).toContain(
      'no reviewed plan for orgs/acme (workspace default) in the pull request merged as merge3',
    );
    expect(resourcesInState()).toEqual([]);
    const auto = await mergeRun(TWO_GROUPS, 'merge3', { 'auto-approve': 'true' });
    expect(auto.code).toBe(0);
    expect(resourcesInState()).toEqual(['engineering', 'sales']);
  });
});

describe('on workflow_dispatch', () => {
  it('applies only the approved fingerprint', async () => {
    const plan = await dispatchRun(TWO_GROUPS, { mode: 'plan' });
    expect(plan.code).toBe(0);
    const approved = plan.outputs.fingerprint ?? '';

    const stale = await dispatchRun(orgConfig({ engineering: 'Engineering' }), {
      'approved-fingerprint': approved,
    });
    expect(stale.outputs['failure-reason']).toBe('plan-changed');
    expect(resourcesInState()).toEqual([]);

    const none = await dispatchRun(TWO_GROUPS, {});
    expect(none.outputs['failure-reason']).toBe('plan-not-found');

    const applied = await dispatchRun(TWO_GROUPS, { 'approved-fingerprint': approved.toUpperCase() });
    expect(applied.code).toBe(0);
    expect(resourcesInState()).toEqual(['engineering', 'sales']);
  });
});

describe('a failure part-way', () => {
  const chain = (failing: boolean) =>
    orgConfig(
      { first: 'applied' },
      `
resource "terraform_data" "second" {
  input      = "fails"
  depends_on = [terraform_data.first]
  provisioner "local-exec" {
    command = "${failing ? 'exit 3' : 'true'}"
  }
}

resource "terraform_data" "third" {
  input      = "never reached"
  depends_on = [terraform_data.second]
}
`,
    );

  it('reports applied, failed and not attempted, keeps the state, and a re-run converges', async () => {
    const failed = await dispatchRun(chain(true), { 'auto-approve': 'true' });
    expect(failed.code).toBe(1);
    expect(failed.outputs['failure-reason']).toBe('apply-failed');
    expect(failed.stdout).toMatch(/::error::apply-failed: .*local-exec provisioner error/);
    expect(failed.stepSummary).toMatch(
      /\*\*Applied\*\* \(1\)\n\n- terraform\\_data\.first `terraform_data\.first` \(create\)/,
    );
    expect(failed.stepSummary).toMatch(
      /\*\*Failed\*\* \(1\)\n\n- terraform\\_data\.second `terraform_data\.second` \(create\)/,
    );
    expect(failed.stepSummary).toMatch(
      /\*\*Not attempted\*\* \(1\)\n\n- terraform\\_data\.third `terraform_data\.third`/,
    );
    expect(resourcesInState()).toEqual(['first', 'second']); // second is kept, tainted

    const fixed = await dispatchRun(chain(false), { 'auto-approve': 'true' });
    expect(fixed.code).toBe(0);
    expect(resourcesInState()).toEqual(['first', 'second', 'third']);
    const settled = await dispatchRun(chain(false), { mode: 'plan' });
    expect(settled.outputs['has-changes']).toBe('false');
  });
});
