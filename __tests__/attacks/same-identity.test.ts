// Issue 28 (a): a writer whose workflows share the action's identity. Every workflow of a same-repository pull
// request gets a GITHUB_TOKEN of github-actions[bot], the identity the action's review comments are written by: from
// pull request B (never reviewed, never merged) it can post on pull request A as the action, or edit A's review as the
// action (so GitHub's edit history names no other editor). Whatever it writes, the merge of A applies only a plan
// whose changes its review shows, by its plan run's record or, without one, by its text: never by a marker.
// In process from src/, with the real terraform, the http state backend, the Actions artifact service and the GitHub
// stand-in (REST checked against GitHub's OpenAPI description, GraphQL against its schema).

import { describe, expect, it, jest } from '@jest/globals';
import { useOrgStack } from '../../testkit/org-stack.js';
import { orgConfig } from '../../testkit/workflow.js';

jest.setTimeout(180_000);

const A = 31;
const B = 32;
/** A workflow of pull request B, with its GITHUB_TOKEN: the same login as the action's. */
const SAME_IDENTITY = { login: 'github-actions[bot]', type: 'Bot' as const };
const stack = useOrgStack('same-identity');

const REVIEWED = orgConfig({ engineering: 'Engineering' });
/** What is merged: one more object than pull request A's review showed. */
const SMUGGLED = orgConfig({ engineering: 'Engineering', backdoor: 'Super admins' });

const reviewsOn = (pr: number) =>
  stack.github.comments(pr).filter((c) => c.body.startsWith('<!-- okta-terraform-action '));
const markerLine = (body: string) => body.split('\n')[0] ?? '';

/** The fingerprint of the merge's plan, as a writer learns it from a dispatch plan. */
async function mergeFingerprint(): Promise<string> {
  stack.newRun();
  const run = await stack.dispatchRun(SMUGGLED, { mode: 'plan' });
  return run.outputs.fingerprint ?? '';
}

/** Without `actions: read` the apply can't read the plan run's record: the review's text alone is left. */
function noActionsRead(): void {
  const forbidden = { message: 'Resource not accessible by integration' };
  stack.github.failNext('GET', /\/actions\/runs\/\d+$/, 403, Infinity, forbidden);
}

async function mergeOfA(sha: string) {
  stack.github.setPullsForCommit(sha, [A]);
  return stack.mergeRun(SMUGGLED, sha);
}

function expectRefusedWithBackdoor(merged: Awaited<ReturnType<typeof mergeOfA>>): void {
  expect(merged.code).toBe(1);
  expect(merged.outputs['failure-reason']).toBe('plan-changed');
  expect(merged.stdout).toContain('added to the plan: `terraform_data.backdoor`');
  expect(stack.resourcesInState()).toEqual([]);
}

describe('(a) a workflow of another pull request writes on the reviewed one as the action', () => {
  it.each([
    ['with the plan run record', () => undefined],
    ['with its text alone (no actions: read)', noActionsRead],
  ])(
    "a new comment with the merge plan's fingerprint and the reviewed text applies nothing, %s",
    async (_how, setUp) => {
      expect((await stack.pullRequestRun(A, REVIEWED)).code).toBe(0);
      const forged = await mergeFingerprint();
      const [real] = reviewsOn(A);
      const body = (real?.body ?? '').replace(/"fingerprint":"[0-9a-f]{64}"/, `"fingerprint":"${forged}"`);
      expect(body).not.toBe(real?.body);
      stack.github.addComment(A, body, SAME_IDENTITY);
      setUp();
      expectRefusedWithBackdoor(await mergeOfA('same-1'));
    },
  );

  it("an edit of the real review as the action (the marker's fingerprint) applies nothing", async () => {
    await stack.pullRequestRun(A, REVIEWED);
    const forged = await mergeFingerprint();
    const [real] = reviewsOn(A);
    const edited = (real?.body ?? '').replace(/"fingerprint":"[0-9a-f]{64}"/, `"fingerprint":"${forged}"`);
    stack.github.editComment(real?.id ?? 0, edited, SAME_IDENTITY);
    const merged = await mergeOfA('same-2');
    expectRefusedWithBackdoor(merged);
    // Only the marker changed, and A's plan run recorded the text: its record says the merge's plan is another.
    expect(merged.stdout).toContain('the plan differs from the one reviewed in pull request #31');
  });

  it("pull request B's real marker pasted into a copy of A's review applies nothing", async () => {
    await stack.pullRequestRun(A, REVIEWED);
    const bRun = await stack.pullRequestRun(B, SMUGGLED);
    const [a] = reviewsOn(A);
    const [b] = reviewsOn(B);
    const pasted = [markerLine(b?.body ?? ''), ...(a?.body ?? '').split('\n').slice(1)].join('\n');
    expect(pasted).toContain(`"run":"${bRun.runId}"`);
    stack.github.addComment(A, pasted, SAME_IDENTITY);
    const merged = await mergeOfA('same-3');
    expectRefusedWithBackdoor(merged);
  });

  it("B's plan run, named in a review on A, is not trusted: GitHub says it planned another head", async () => {
    // A sensitive value: the text shows "(sensitive)", so only a plan run's record could approve this plan.
    const withSecret = {
      ...SMUGGLED,
      'orgs/acme/token.tf':
        'variable "token" {\n  type      = string\n  sensitive = true\n  default   = "t0ken-value-1"\n}\n\nresource "terraform_data" "hook" {\n  input = var.token\n}\n',
    };
    await stack.pullRequestRun(A, REVIEWED);
    const bRun = await stack.pullRequestRun(B, withSecret);
    const [b] = reviewsOn(B);
    expect(b?.body).toContain('input = (sensitive)');
    // B's whole review, marker and text, copied onto A: its run's record is of exactly this text and plan.
    stack.github.addComment(A, b?.body ?? '', SAME_IDENTITY);
    stack.github.setPullsForCommit('same-4', [A]);
    const merged = await stack.mergeRun(withSecret, 'same-4');
    expect(merged.code).toBe(1);
    expect(merged.outputs['failure-reason']).toBe('plan-not-found');
    expect(merged.stdout).toContain(
      "can't approve this plan by its text (it shows this plan, but not every change as it is",
    );
    expect(merged.stdout).toContain(
      `its plan run's record could not be used (run ${bRun.runId} planned commit ${stack.github.runs.pullHead(B).slice(0, 12)}, not the merged head ${stack.github.runs.pullHead(A).slice(0, 12)})`,
    );
    expect(stack.resourcesInState()).toEqual([]);
  });

  it('review text written after the merge approves nothing, whoever wrote it', async () => {
    await stack.pullRequestRun(A, REVIEWED);
    stack.github.setPullsForCommit('same-5', [A]);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // GitHub's times are whole seconds
    // The merge's own plan, reviewed after the merge (B's workflow re-runs A's plan job, say).
    await stack.pullRequestRun(A, SMUGGLED);
    const merged = await stack.mergeRun(SMUGGLED, 'same-5');
    expect(merged.outputs['failure-reason']).toBe('plan-not-found');
    expect(merged.stdout).toMatch(
      /was written at \S+, after the merge \(\S+\), so nobody approved it before merging/,
    );
    expect(stack.resourcesInState()).toEqual([]);
  });

  it("counts that are not the plan's approve nothing, though every object is listed", async () => {
    await stack.pullRequestRun(B, SMUGGLED);
    const [b] = reviewsOn(B);
    // B's review of the merged plan, with its headline counts put back to A's: the text no longer is the plan's.
    const recounted = (b?.body ?? '').replace('**Plan: 2 to add', '**Plan: 1 to add');
    expect(recounted).not.toBe(b?.body);
    stack.github.addComment(A, recounted, SAME_IDENTITY);
    noActionsRead();
    const merged = await mergeOfA('same-6');
    expect(merged.outputs['failure-reason']).toBe('plan-changed');
    expect(merged.stdout).toContain(
      "The review's text differs from this plan's: the review reads `**Plan: 1 to add, 0 to change, 0 to destroy.**` where this plan reads `**Plan: 2 to add, 0 to change, 0 to destroy.**`.",
    );
    expect(stack.resourcesInState()).toEqual([]);
  });

  it.each([
    [
      'an HTML comment opened in a status line',
      (body: string) =>
        body.replace(
          '\n### Okta plan',
          '\n<!-- okta-terraform-action:status -->\n> <!--\n<!-- /okta-terraform-action:status -->\n### Okta plan',
        ),
    ],
    [
      'an HTML comment opened after the plan part',
      (body: string) => body.replace('\n<sub>', '\n<!--\n\n<sub>'),
    ],
    [
      'a link definition after the plan part',
      (body: string) => body.replace('\n<sub>', '\n[x]: https://example.com\n\n<sub>'),
    ],
  ])('text that could hide or restyle the review approves nothing: %s', async (_what, edit) => {
    await stack.pullRequestRun(B, SMUGGLED);
    const [b] = reviewsOn(B);
    const hidden = edit(b?.body ?? '');
    expect(hidden).not.toBe(b?.body);
    stack.github.addComment(A, hidden, SAME_IDENTITY);
    noActionsRead();
    const merged = await mergeOfA('same-7');
    expect(merged.code).toBe(1);
    expect(merged.outputs['failure-reason']).toBe('plan-not-found');
    expect(merged.stdout).toMatch(
      /can't approve this plan by its text \(its (text is not what the action writes|plan part is followed by text the action does not write)/,
    );
    expect(stack.resourcesInState()).toEqual([]);
  });
});
