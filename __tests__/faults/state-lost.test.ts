// The backend refuses the state after Terraform changed the org: the action must not lose it. The real terraform
// and its http backend (the harness's, told to answer 503 to writes), the GitHub stand-in, a merge's apply.

import { describe, expect, it, jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { useOrgStack } from '../../testkit/org-stack.js';
import { httpBackend, orgConfig } from '../../testkit/workflow.js';

jest.setTimeout(180_000);

const PR = 31;
const stack = useOrgStack('lost');
const GROUPS = orgConfig({ engineering: 'Engineering', sales: 'Sales' });

/** The http backend without Terraform's own write retries, so each refused write is one answer. */
const noRetries = () => ({ 'backend-config': `${httpBackend(stack.state, stack.stateName)}\nretry_max=0` });

async function reviewedAndMerged(sha: string) {
  const reviewed = await stack.pullRequestRun(PR, GROUPS, noRetries());
  expect(reviewed.code).toBe(0);
  stack.github.setPullsForCommit(sha, [PR]);
}

const review = () => stack.github.comments(PR).find((c) => c.body.startsWith('<!-- okta-terraform-action '));

describe('a backend that refuses the state after the apply', () => {
  it('has the state pushed again once it answers, and the apply counts as done', async () => {
    await reviewedAndMerged('lost1');
    // Terraform's own write and the action's first push are refused; the second push gets through.
    stack.state.refuseWrites(stack.stateName, 2);
    const merged = await stack.mergeRun(GROUPS, 'lost1', noRetries());

    expect(merged.outputs['failure-reason']).toBeUndefined();
    expect(merged.code).toBe(0);
    expect(stack.resourcesInState()).toEqual(['engineering', 'sales']);
    expect(merged.stdout).toContain('::warning::The backend did not take the state after the apply');
    expect(merged.stdout).toContain('The state was pushed to the backend (try 2 of 3).');
    // Nothing left in the checkout for a later upload-artifact step to publish.
    expect(existsSync(join(merged.workspace, 'orgs/acme/errored.tfstate'))).toBe(false);
    expect(review()?.body).toContain('"status":"applied"');

    const again = await stack.mergeRun(GROUPS, 'lost1', noRetries());
    expect(again.stdout).toContain('Nothing to apply');
  });

  it('fails with state-not-saved when it stays down, keeps the state privately, and names the command', async () => {
    await reviewedAndMerged('lost2');
    stack.state.refuseWrites(stack.stateName);
    const merged = await stack.mergeRun(GROUPS, 'lost2', noRetries());

    expect(merged.code).toBe(1);
    expect(merged.outputs['failure-reason']).toBe('state-not-saved');
    const kept = merged.outputs['errored-state-path'] ?? '';
    expect(kept).toMatch(/okta-tf-errored-state-.*errored\.tfstate$/);
    expect(kept.startsWith(merged.workspace)).toBe(false);
    expect(statSync(kept).mode & 0o777).toBe(0o600);
    expect(existsSync(join(merged.workspace, 'orgs/acme/errored.tfstate'))).toBe(false);
    const command = `terraform -chdir=${join(merged.workspace, 'orgs/acme')} state push ${kept}`;
    expect(merged.stdout).toContain(`::error::state-not-saved: Okta was changed but the backend refused`);
    expect(merged.stdout).toContain(command);
    // The report is the saved state's: Terraform created both, the backend holds neither.
    expect(merged.stepSummary).toContain('**Changed in Okta, not in the saved state** (2)');
    expect(merged.stepSummary).not.toMatch(/\*\*Applied\*\* \(/);
    expect(merged.stepSummary).toContain('First put the saved state back');
    expect(review()?.body).toContain('❌ **Apply failed**');
    expect(review()?.body).toContain('`state-not-saved`');
    expect(stack.resourcesInState()).toEqual([]);
    expect(review()?.body).not.toContain('state-password-1');

    // The operator's recovery, exactly as printed, once the backend is back.
    stack.state.acceptWrites(stack.stateName);
    const [binary, ...args] = command.split(' ');
    // Asynchronously: the backend answers from this process.
    await promisify(execFile)(binary as string, args, { env: { ...process.env, TF_IN_AUTOMATION: '1' } });
    expect(stack.resourcesInState()).toEqual(['engineering', 'sales']);
  });

  it('stops a push the backend never answers, and keeps the state all the same', async () => {
    await reviewedAndMerged('lost3');
    // Terraform's own write is refused; every push after it is taken and never answered.
    stack.state.refuseWrites(stack.stateName, 1);
    stack.state.hangWrites(stack.stateName, 1);
    const merged = await stack.mergeRun(GROUPS, 'lost3', noRetries());
    expect(merged.outputs['failure-reason']).toBe('state-not-saved');
    expect(existsSync(merged.outputs['errored-state-path'] ?? '')).toBe(true);
    expect(merged.stdout).toMatch(/State push 1 of 3 failed/);
    stack.state.acceptWrites(stack.stateName);
  });
});
