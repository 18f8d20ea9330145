// Attacks (a), (b), (e) and (k) of issue 12, as a writer of the repository or another bot would try them: the gate
// between review and apply. In process from src/, with the real terraform, the harness's http state backend and
// the GitHub stand-in (REST checked against GitHub's OpenAPI description, GraphQL against its schema).

import { describe, expect, it, jest } from '@jest/globals';
import { useOrgStack } from '../../testkit/org-stack.js';
import { GITHUB_TOKEN, OWNER, orgConfig, REPO } from '../../testkit/workflow.js';

jest.setTimeout(180_000);

const PR = 21;
const MALLORY = { login: 'mallory', type: 'User' as const };
const RENOVATE = { login: 'renovate[bot]', type: 'Bot' as const };
const US = { login: 'github-actions[bot]', type: 'Bot' as const };
const stack = useOrgStack('gate');
const { resourcesInState, mergeRun } = stack;
const planOnPullRequest = (files: Record<string, string>) => stack.pullRequestRun(PR, files);

const REVIEWED = orgConfig({ engineering: 'Engineering' });
/** What the attacker wants applied: one more object than the review showed. */
const SMUGGLED = orgConfig({ engineering: 'Engineering', backdoor: 'Super admins' });

/** A plan of `files` on workflow_dispatch (mode: plan): its fingerprint output is what an attacker can learn. */
async function dispatchFingerprint(files: Record<string, string>): Promise<string> {
  const run = await stack.dispatchRun(files, { mode: 'plan' });
  expect(run.code).toBe(0);
  return run.outputs.fingerprint ?? '';
}

const reviews = () => stack.github.comments(PR).filter((c) => c.body.includes('<!-- okta-terraform-action '));

describe('(a) a writer edits the review comment', () => {
  it('refuses a review whose marker someone else edited, naming them, and applies nothing', async () => {
    expect((await planOnPullRequest(REVIEWED)).code).toBe(0);
    const forged = await dispatchFingerprint(SMUGGLED);
    const [comment] = reviews();
    expect(comment?.body).toMatch(/"fingerprint":"[0-9a-f]{64}"/);
    // The visible review still shows one object; only the hidden marker now approves the smuggled plan.
    stack.github.editComment(
      comment?.id ?? 0,
      (comment?.body ?? '').replace(/"fingerprint":"[0-9a-f]{64}"/, `"fingerprint":"${forged}"`),
      MALLORY,
    );
    stack.github.setPullsForCommit('merge-a', [PR]);
    const merged = await mergeRun(SMUGGLED, 'merge-a');
    expect(merged.code).toBe(1);
    expect(merged.outputs['failure-reason']).toBe('plan-not-found');
    expect(merged.stdout).toMatch(
      /::error::plan-not-found: the review comment in pull request #21 was edited by mallory, and only the action may write it/,
    );
    expect(resourcesInState()).toEqual([]);
  });

  it('a new plan replaces the edited comment: the notice names the editor, the fresh review approves', async () => {
    await planOnPullRequest(REVIEWED);
    const [comment] = reviews();
    stack.github.editComment(comment?.id ?? 0, `${comment?.body ?? ''}\nlooks good`, MALLORY);
    const replanned = await planOnPullRequest(REVIEWED);
    expect(replanned.stdout).toMatch(
      /::warning::The review comment .* was edited by mallory, so it can't approve an apply/,
    );
    expect(stack.github.comments(PR).find((c) => c.id === comment?.id)?.body).toContain(
      'This Okta review was edited by `mallory`',
    );
    expect(reviews()).toHaveLength(1);
    expect(reviews()[0]?.id).not.toBe(comment?.id);
    stack.github.setPullsForCommit('merge-a2', [PR]);
    expect((await mergeRun(REVIEWED, 'merge-a2')).code).toBe(0);
    expect(resourcesInState()).toEqual(['engineering']);
  });
});

describe('(b) another bot copies the marker', () => {
  it('a review comment by renovate[bot] approves nothing', async () => {
    // The action's own review of the smuggled plan, on another pull request: a real marker, copied by another bot.
    await stack.pullRequestRun(99, SMUGGLED);
    const real = stack.github.comments(99)[0]?.body ?? '';
    expect(real).toContain('<!-- okta-terraform-action ');
    stack.github.addComment(PR, real, RENOVATE);
    stack.github.setPullsForCommit('merge-b', [PR]);
    const merged = await mergeRun(SMUGGLED, 'merge-b');
    expect(merged.outputs['failure-reason']).toBe('plan-not-found');
    expect(merged.stdout).toContain('::error::plan-not-found: no reviewed plan for orgs/acme');
    expect(resourcesInState()).toEqual([]);
    expect(stack.github.comments(PR)[0]?.body).toBe(real);
  });
});

describe('(e) used stays used', () => {
  it('a plan run after the apply leaves the applied review alone, and it approves no second apply', async () => {
    await planOnPullRequest(REVIEWED);
    stack.github.setPullsForCommit('merge-e1', [PR]);
    expect((await mergeRun(REVIEWED, 'merge-e1')).code).toBe(0);
    const replanned = await planOnPullRequest(SMUGGLED);
    expect(replanned.stdout).toContain("::warning::This pull request's review was applied already");
    expect(reviews()).toHaveLength(1);
    expect(reviews()[0]?.body).toContain('"status":"applied"');
    stack.github.setPullsForCommit('merge-e2', [PR]);
    const second = await mergeRun(SMUGGLED, 'merge-e2');
    expect(second.outputs['failure-reason']).toBe('plan-not-found');
    expect(second.stdout).toContain('was already used by an earlier apply');
    expect(resourcesInState()).toEqual(['engineering']);
  });

  it('a review planned after the merge (the used one deleted, the plan re-run) approves nothing', async () => {
    await planOnPullRequest(REVIEWED);
    stack.github.setPullsForCommit('merge-e3', [PR]);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // GitHub's times are whole seconds
    const [first] = reviews();
    await fetch(`${stack.github.url}/repos/${OWNER}/${REPO}/issues/comments/${first?.id ?? 0}`, {
      method: 'DELETE',
      headers: { authorization: `token ${GITHUB_TOKEN}` },
    });
    await planOnPullRequest(SMUGGLED);
    const merged = await mergeRun(SMUGGLED, 'merge-e3');
    expect(merged.outputs['failure-reason']).toBe('plan-not-found');
    expect(merged.stdout).toMatch(
      /was written at \S+, after the merge \(\S+\), so nobody approved it before merging/,
    );
    expect(resourcesInState()).toEqual([]);
  });
});

describe('(d) what the fingerprint binds, end to end', () => {
  it('-target is in it: the same plan, targeted, is another fingerprint', async () => {
    const plain = await dispatchFingerprint(REVIEWED);
    const targeted = await stack.dispatchRun(REVIEWED, {
      mode: 'plan',
      target: 'terraform_data.engineering',
    });
    expect(targeted.outputs['to-add']).toBe('1');
    expect(targeted.outputs.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(targeted.outputs.fingerprint).not.toBe(plain);
    expect(await dispatchFingerprint(REVIEWED)).toBe(plain);
  });
});

describe('(d) a review from before fingerprint v2', () => {
  it('is refused with "plan again"', async () => {
    const v1 = JSON.stringify({
      v: 1,
      dir: 'orgs/acme',
      workspace: 'default',
      label: '',
      fingerprint: 'a'.repeat(64),
    });
    stack.github.addComment(PR, `<!-- okta-terraform-action ${v1} -->\n### Okta plan`, US);
    stack.github.setPullsForCommit('merge-v1', [PR]);
    const merged = await mergeRun(REVIEWED, 'merge-v1');
    expect(merged.outputs['failure-reason']).toBe('plan-not-found');
    expect(merged.stdout).toContain(
      "the review in pull request #21 was written by another version of the action, whose review this one can't check: plan again.",
    );
    expect(resourcesInState()).toEqual([]);
  });
});

describe('(k) one review comment, always', () => {
  it('a create whose answer was lost is found, not made twice', async () => {
    stack.github.loseAnswer('POST', /\/issues\/21\/comments$/);
    const run = await planOnPullRequest(REVIEWED);
    expect(run.code).toBe(0);
    expect(reviews()).toHaveLength(1);
    const posts = stack.github.requests.filter(
      (r) => r.method === 'POST' && r.path.endsWith('/issues/21/comments'),
    );
    expect(posts).toHaveLength(1);
  });

  it('when two exist, keeps the oldest and deletes the other', async () => {
    await planOnPullRequest(REVIEWED);
    const [kept] = reviews();
    stack.github.addComment(PR, kept?.body ?? '', US);
    expect(reviews()).toHaveLength(2);
    const run = await planOnPullRequest(REVIEWED);
    expect(run.code).toBe(0);
    expect(reviews().map((c) => c.id)).toEqual([kept?.id]);
  });
});
