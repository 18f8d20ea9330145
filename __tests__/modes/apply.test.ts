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
    expect(merged.stdout).toContain(
      `Approved by the review of pull request #12: its plan run ${reviewed.runId} recorded exactly this plan and this review text.`,
    );
    expect(merged.outputs.fingerprint).toBe(reviewed.outputs.fingerprint);
    expect(resourcesInState()).toEqual(['engineering', 'sales']);
    expect(merged.stdout).toContain('terraform_data.engineering: Creation complete');
    const body = review()?.body ?? '';
    expect(body).toContain('"status":"applied"');
    expect(body).toContain(
      `✅ **Applied** ([workflow run](https://github.com/acme/okta-config/actions/runs/${merged.runId})): 2 added, 0 changed, 0 destroyed.`,
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
      '::error::plan-changed: the plan differs from the one reviewed in pull request #12, so nothing was applied. Since the review, added to the plan: `terraform_data.it`; changed in it: `terraform_data.sales`.',
    );
    // The review is left as it was before the merge (a re-run may still apply it); a notice says why not now.
    expect(review()?.body).not.toContain('okta-terraform-action:status');
    const notice = stack.github
      .comments(PR)
      .find((c) => c.body.startsWith('<!-- okta-terraform-action:notice '));
    expect(notice?.body).toContain('### ⚠️ Okta plan not applied: it changed since the review');
    expect(notice?.body).toContain(
      'added to the plan: `terraform_data.it`; changed in it: `terraform_data.sales`.',
    );
    expect(merged.stepSummary).toContain('Not applied: the plan changed since it was reviewed');
  });

  it("without actions: read, approves by the review's text alone when it shows every value as it is", async () => {
    await reviewRun(TWO_GROUPS);
    stack.github.setPullsForCommit('merge4', [PR]);
    const forbidden = { message: 'Resource not accessible by integration' };
    stack.github.failNext('GET', /\/actions\/runs\/\d+$/, 403, Infinity, forbidden);
    const merged = await mergeRun(TWO_GROUPS, 'merge4');
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain(
      'Approved by the review of pull request #12: its text shows every change of this plan, as the action renders it.',
    );
    expect(resourcesInState()).toEqual(['engineering', 'sales']);
  });

  it("without actions: read, refuses a review whose text can't show a value (a sensitive one), and says why", async () => {
    const withSecret = orgConfig(
      { engineering: 'Engineering' },
      'variable "token" {\n  type      = string\n  sensitive = true\n  default   = "s3cret-default-value"\n}\n\nresource "terraform_data" "hook" {\n  input = var.token\n}\n',
    );
    await reviewRun(withSecret);
    expect(review()?.body).toContain('+ input = (sensitive)');
    stack.github.setPullsForCommit('merge5', [PR]);
    const forbidden = { message: 'Resource not accessible by integration' };
    stack.github.failNext('GET', /\/actions\/runs\/\d+$/, 403, Infinity, forbidden);
    const merged = await mergeRun(withSecret, 'merge5');
    expect(merged.outputs['failure-reason']).toBe('plan-not-found');
    expect(merged.stdout).toContain(
      "can't approve this plan by its text (it shows this plan, but not every change as it is: values of `terraform_data.hook` are cut, masked or left out",
    );
    expect(merged.stdout).toContain('give the job `permissions: actions: read`');
    expect(resourcesInState()).toEqual([]);
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

    const stale = await dispatchRun(orgConfig({ engineering: 'Engineering', sales: 'Sales team' }), {
      'approved-fingerprint': approved,
    });
    expect(stale.outputs['failure-reason']).toBe('plan-changed');
    // What differs, from the plan job's record in this run: never "too large to list" (issue 28 f).
    expect(stale.stdout).toContain(
      '::error::plan-changed: the plan differs from the one approved (approved-fingerprint), so nothing was applied. Since the plan job, changed in it: `terraform_data.sales`. Run the plan job again and approve its fingerprint',
    );
    expect(stale.stdout).not.toContain('too large');
    expect(resourcesInState()).toEqual([]);

    const unknown = await dispatchRun(TWO_GROUPS, { 'approved-fingerprint': 'a'.repeat(64) });
    expect(unknown.stdout).toContain(
      'No plan job of this run recorded a plan with the approved fingerprint aaaaaaaaaaaaaaaa (approve the fingerprint of a plan job of this run).',
    );

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
