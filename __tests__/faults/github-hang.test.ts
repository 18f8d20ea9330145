// A GitHub API that accepts connections and never answers. Each try waits a bounded time and each request has one
// deadline, tries included; a plan then goes on without its comment (the job summary has the review), and an
// apply whose review can't be read, or marked applying, applies nothing. The GitHub stand-in, told to hang; the
// real terraform and http backend. The limits are shortened here (attemptMs, deadlineMs); the defaults are 20 s
// and 120 s.

import { describe, expect, it, jest } from '@jest/globals';
import { FAST_GITHUB } from '../../testkit/in-process.js';
import { useOrgStack } from '../../testkit/org-stack.js';
import { orgConfig } from '../../testkit/workflow.js';

jest.setTimeout(120_000);

const PR = 61;
const stack = useOrgStack('hang');
const GROUPS = orgConfig({ engineering: 'Engineering' });
const SHORT = { githubTiming: { ...FAST_GITHUB, attemptMs: 300, deadlineMs: 2_000 } };

describe('a GitHub API that never answers', () => {
  it('costs a plan its comment and labels, not the job, and stops asking once the run’s budget is spent', async () => {
    for (const method of ['GET', 'POST', 'PATCH', 'PUT', 'DELETE']) stack.github.hang(method, /./);
    // Four tries of 0.3 s would take 1.2 s: the run's budget of 1 s ends the first request, and the rest are not tried.
    const budget = { githubTiming: { ...SHORT.githubTiming, budgetMs: 1_000 } };
    const run = await stack.pullRequestRun(PR, GROUPS, {}, budget);
    expect(run.code).toBe(0);
    // The approvals are judged first (the review says what merging does): their first request spends the budget.
    expect(run.stdout).toMatch(
      /::warning::The approvals were not judged \(GitHub did not answer GET .*contents.* within 1 s, tries included\): the okta\/approvals: orgs\/acme check was not written/,
    );
    expect(run.stdout).toMatch(
      /::warning::The review was not commented on the pull request \(.*in all \(it is not answering\).*not tried\)/,
    );
    expect(run.stdout).toMatch(
      /::warning::The review was not labelled \(.*in all \(it is not answering\).*not tried\)/,
    );
    expect(run.stepSummary).toContain('Plan: 1 to add');
  });

  it('applies nothing when the merged pull request’s review can’t be read', async () => {
    expect((await stack.pullRequestRun(PR, GROUPS)).code).toBe(0);
    stack.github.setPullsForCommit('hang1', [PR]);
    stack.github.hang('GET', /\/commits\/hang1\/pulls$/);
    const merged = await stack.mergeRun(GROUPS, 'hang1', {}, SHORT);
    expect(merged.outputs['failure-reason']).toBe('plan-not-found');
    expect(merged.stdout).toMatch(
      /could not read the merged pull request's review from GitHub \(.*did not answer/,
    );
    expect(stack.resourcesInState()).toEqual([]);
  });

  it('applies nothing when the review can’t be marked applying', async () => {
    expect((await stack.pullRequestRun(PR, GROUPS)).code).toBe(0);
    stack.github.setPullsForCommit('hang2', [PR]);
    stack.github.hang('PATCH', /\/issues\/comments\/\d+$/);
    const merged = await stack.mergeRun(GROUPS, 'hang2', {}, SHORT);
    expect(merged.outputs['failure-reason']).toBe('github-unavailable');
    expect(merged.stdout).toContain('the review comment could not be marked "applying"');
    expect(merged.stdout).not.toContain('::group::terraform apply');
    expect(stack.resourcesInState()).toEqual([]);
  });
});
