// apply-from: plan-file, end to end: the pull request's run seals its plan file and uploads it with the real
// @actions/artifact client to the harness's artifact service (Twirp and blob storage on loopback); the merge's run
// finds it through the REST API (GitHub stand-in checked against GitHub's OpenAPI description), opens it and
// applies it without planning. Every missing or failed piece plans again and says why; a stale plan file applies
// nothing (plan-changed).

import { describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPlan, sealPlan, type PlanHeader } from '../../src/plan/plan-envelope.js';
import { useOrgStack } from '../../testkit/org-stack.js';
import { httpBackend, orgConfig } from '../../testkit/workflow.js';

jest.setTimeout(180_000);

const PR = 21;
const KEY = 'k'.repeat(20) + 'plan-file-key-0001';
const OTHER_KEY = 'o'.repeat(20) + 'plan-file-key-0002';
const SECRET = 'hunter2-the-variable-secret';
const stack = useOrgStack('plan-file');

const CONFIG = orgConfig(
  { engineering: 'Engineering', sales: 'Sales' },
  'variable "token" {\n  type      = string\n  sensitive = true\n}\n\nresource "terraform_data" "app" {\n  input = var.token\n}\n',
);
const inputs = (key = KEY): Record<string, string> => ({
  'apply-from': 'plan-file',
  'plan-encryption-key': key,
  variables: `token = "${SECRET}"`,
});

/** The sealed plan files kept as artifacts (the runs' records are artifacts too). */
const planFiles = () => stack.artifacts.artifacts().filter((a) => a.name.startsWith('okta-plan-'));

function review() {
  return stack.github.comments(PR).find((c) => c.body.startsWith('<!-- okta-terraform-action '));
}

/** The pull request's plan, in a run of its own; the merge commit's push, in the next run. */
async function reviewThenMerge(sha: string, mergeInputs = inputs(), mergeFiles = CONFIG) {
  const reviewRun = stack.newRun();
  const reviewed = await stack.pullRequestRun(PR, CONFIG, inputs());
  expect(reviewed.code).toBe(0);
  stack.github.setPullsForCommit(sha, [PR]);
  stack.newRun();
  return { reviewRun, reviewed, merge: () => stack.mergeRun(mergeFiles, sha, mergeInputs) };
}

/**
 * `other`'s plan, sealed again with the key under `reviewed`'s fingerprint and configuration digest: what a writer
 * who holds the secret can make.
 */
async function resealed(other: Buffer, reviewed: Buffer): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'okta-tf-forge-'));
  writeFileSync(join(dir, 'sealed'), other);
  const opened = await openPlan(join(dir, 'sealed'), join(dir, 'other.tfplan'), KEY);
  const header = JSON.parse(reviewed.subarray(19, 19 + reviewed.readUInt32BE(15)).toString()) as PlanHeader;
  await sealPlan(join(dir, 'other.tfplan'), join(dir, 'forged'), {
    secret: KEY,
    bound: `token = "${SECRET}"`,
    header: { ...opened.header, fingerprint: header.fingerprint, configuration: header.configuration },
  });
  return readFileSync(join(dir, 'forged'));
}

describe('apply-from: plan-file', () => {
  it('keeps the plan file sealed, then applies exactly it on merge without planning again', async () => {
    const { reviewRun, reviewed, merge } = await reviewThenMerge('pf1');
    const [artifact] = planFiles();
    expect(artifact?.runId).toBe(reviewRun);
    expect(artifact?.name).toMatch(/^okta-plan-[0-9a-f]{12}-1\.bin$/);
    // Sealed: the header is readable, the plan (and the secret in it) is not.
    expect(artifact?.content.subarray(0, 15).toString()).toBe('okta-tf-plan/1\n');
    expect(artifact?.content.includes(SECRET)).toBe(false);
    expect(artifact?.content.includes('terraform_data')).toBe(false);
    expect(reviewed.stdout).toContain(
      `Kept the plan file for the apply, encrypted: artifact ${artifact?.name}`,
    );
    expect(review()?.body).toContain(`"run":"${reviewRun}"`);

    const merged = await merge();
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain(
      `Applying the reviewed plan file of run ${reviewRun}: no new plan, no second refresh of the org.`,
    );
    expect(merged.stdout).not.toContain('::group::terraform plan');
    expect(merged.outputs.fingerprint).toBe(reviewed.outputs.fingerprint);
    expect(stack.resourcesInState()).toEqual(['app', 'engineering', 'sales']);
    expect(review()?.body).toContain('"status":"applied"');
    expect(merged.stdout).not.toContain(SECRET);
  });

  it('plans again, and says why, when the merged configuration is not the one planned', async () => {
    const edited = { ...CONFIG, 'orgs/acme/README.md': 'Owned by the identity team.\n' };
    const { merge } = await reviewThenMerge('pf2', inputs(), edited);
    const merged = await merge();
    expect(merged.stdout).toMatch(
      /::warning::apply-from: plan-file, but the apply plans again: okta-plan-[0-9a-f]{12}-1\.bin: the merged configuration differs from the one it was planned from/,
    );
    expect(merged.stdout).toContain('::group::terraform plan');
    // The new plan is the reviewed one (a README changes no object), so it applies.
    expect(merged.code).toBe(0);
    expect(stack.resourcesInState()).toEqual(['app', 'engineering', 'sales']);
  });

  it.each([
    [
      'another key',
      () => inputs(OTHER_KEY),
      'does not open with plan-encryption-key (another key, or it was altered)',
    ],
    [
      'no key',
      () => ({ 'apply-from': 'plan-file', variables: `token = "${SECRET}"` }),
      'plan-encryption-key is not set',
    ],
    [
      'other variables',
      () => ({ ...inputs(), variables: `token = "rotated-${SECRET}"` }),
      'the variables input differs from the plan job',
    ],
  ])('plans again with %s', async (_what, mergeInputs, why) => {
    const { merge } = await reviewThenMerge('pf3', mergeInputs());
    const merged = await merge();
    expect(merged.stdout).toContain(why);
    expect(merged.stdout).toContain('::group::terraform plan');
  });

  it('plans again when the artifact was altered', async () => {
    const { merge } = await reviewThenMerge('pf4');
    const [artifact] = planFiles();
    if (!artifact) throw new Error('no artifact was uploaded');
    const altered = Buffer.from(artifact.content);
    altered[altered.length - 40] = (altered[altered.length - 40] ?? 0) ^ 1;
    artifact.content = altered;
    const merged = await merge();
    expect(merged.stdout).toContain(
      'does not open with plan-encryption-key (another key, or it was altered)',
    );
    expect(merged.code).toBe(0);
  });

  it('plans again when the artifact has expired', async () => {
    const { merge } = await reviewThenMerge('pf4b');
    for (const a of planFiles()) a.expired = true;
    const merged = await merge();
    expect(merged.stdout).toContain('its plan file has expired');
    // The plan run's record (not expired) approves the new plan: the review shows a sensitive value, which its
    // text alone can't bind.
    expect(merged.stdout).toContain('recorded exactly this plan and this review text');
    expect(merged.code).toBe(0);
  });

  it('refuses a plan file made on an older state (plan-changed), and the re-run goes on from its record', async () => {
    const { merge } = await reviewThenMerge('pf5');
    // Another apply changes the state after the review: the engineering group alone, unreviewed.
    stack.newRun();
    const other = await stack.mergeRun(CONFIG, 'other', {
      'auto-approve': 'true',
      target: 'terraform_data.engineering',
      variables: `token = "${SECRET}"`,
    });
    expect(other.code).toBe(0);
    expect(stack.resourcesInState()).toEqual(['engineering']);

    const merged = await merge();
    expect(merged.code).toBe(1);
    expect(merged.outputs['failure-reason']).toBe('plan-changed');
    expect(merged.stdout).toContain(
      '::error::plan-changed: the state changed after the reviewed plan was made (another apply, or a state edit), so Terraform refused the plan file and nothing was applied.',
    );
    expect(stack.resourcesInState()).toEqual(['engineering']);
    expect(review()?.body).toContain('"status":"plan\\u002dchanged"');
    expect(review()?.body).toContain('Terraform refused its plan file; nothing was applied.');

    // The re-run plans again and goes on from this run's record of what it began to apply: what is left of the
    // review (engineering was made meanwhile) is each object exactly as reviewed.
    const rerun = await merge();
    expect(rerun.stdout).toContain(
      'an earlier apply of this review stopped part-way, so its plan file is spent',
    );
    expect(rerun.stdout).toContain(
      "Resuming the apply of pull request #21's review: 2 reviewed change(s) left",
    );
    expect(rerun.code).toBe(0);
    expect(stack.resourcesInState()).toEqual(['app', 'engineering', 'sales']);
  });

  it("refuses a plan file sealed with the key under the review's fingerprint but holding another plan", async () => {
    // A writer who can read the secret (a workflow edited in a pull request can) plans other changes and seals
    // them with the approved fingerprint in the header: the plan itself is fingerprinted again, and differs.
    const { merge } = await reviewThenMerge('pf7');
    const [reviewedArtifact] = planFiles();
    stack.newRun();
    await stack.pullRequestRun(PR + 1, orgConfig({ admins: 'Super admins' }), inputs());
    const forged = planFiles()[1];
    if (!reviewedArtifact || !forged) throw new Error('two artifacts expected');
    reviewedArtifact.content = await resealed(forged.content, reviewedArtifact.content);

    const merged = await merge();
    expect(merged.outputs['failure-reason']).toBe('plan-changed');
    expect(merged.stdout).toContain(
      '::error::plan-changed: the plan differs from the one reviewed in pull request #21, so nothing was applied. Since the review, added to the plan: `terraform_data.admins`; dropped from it: 3 reviewed objects.',
    );
    expect(stack.resourcesInState()).toEqual([]);
  });

  it('plans again when the plan file would write its state to another backend', async () => {
    // The same changes planned against another state, sealed under the review's header: Terraform would apply
    // them and write the state to that other backend, so the action reads the backend the plan file records.
    const { merge } = await reviewThenMerge('pf8');
    const [reviewedArtifact] = planFiles();
    stack.newRun();
    const elsewhere = { 'backend-config': httpBackend(stack.state, `${stack.stateName}-elsewhere`) };
    await stack.pullRequestRun(PR + 1, CONFIG, { ...inputs(), ...elsewhere });
    const other = planFiles()[1];
    if (!reviewedArtifact || !other) throw new Error('two artifacts expected');
    reviewedArtifact.content = await resealed(other.content, reviewedArtifact.content);

    const merged = await merge();
    expect(merged.stdout).toContain(
      '::warning::apply-from: plan-file, but the apply plans again: the plan file writes its state to http {"address":"(redacted)-elsewhere"} (workspace default), not to this job\'s http {"address":"(redacted)"} (workspace default).',
    );
    expect(merged.code).toBe(0);
    expect(stack.resourcesInState()).toEqual(['app', 'engineering', 'sales']);
    expect(stack.state.state(`${stack.stateName}-elsewhere`)).toBeUndefined();
  });

  it("applies the plan job's plan file on workflow_dispatch, from the same run", async () => {
    stack.newRun();
    const plan = await stack.dispatchRun(CONFIG, { mode: 'plan', ...inputs() });
    expect(plan.code).toBe(0);
    const apply = await stack.dispatchRun(CONFIG, {
      ...inputs(),
      'approved-fingerprint': plan.outputs.fingerprint ?? '',
    });
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain('Applying the reviewed plan file of run 4243');
    expect(apply.stdout).not.toContain('::group::terraform plan');
    expect(stack.resourcesInState()).toEqual(['app', 'engineering', 'sales']);
  });

  it('keeps no plan file without the key, and says so; the merge plans again', async () => {
    stack.newRun();
    const reviewed = await stack.pullRequestRun(PR, CONFIG, {
      'apply-from': 'plan-file',
      variables: `token = "${SECRET}"`,
    });
    expect(reviewed.stdout).toContain(
      '::warning::The plan file was not kept for the apply (plan-encryption-key is not set (give the plan job the same secret as the apply job)): the apply will plan again.',
    );
    expect(planFiles()).toEqual([]);
    stack.github.setPullsForCommit('pf6', [PR]);
    const merged = await stack.mergeRun(CONFIG, 'pf6', inputs());
    expect(merged.stdout).toContain(`run ${reviewed.runId} has no plan file for this directory`);
    expect(merged.code).toBe(0);
  });

  it('refuses a short key as invalid input', async () => {
    const run = await stack.pullRequestRun(PR, CONFIG, inputs('short'));
    expect(run.outputs['failure-reason']).toBe('invalid-input');
    expect(run.stdout).toContain('plan-encryption-key is 5 characters, and it must be at least 32');
  });
});
