// Approvals enforced before the merge, end to end: the plan run writes the okta/approvals check on the pull
// request's head commit (pending while approvals are missing, naming whose), asks for the reviews, and says in the
// review what merging does; a review event judges again without planning, from the plan run's record; the apply
// judges again itself, whatever the check says. The real terraform, the harness's http state backend, the GitHub
// stand-in (checked against GitHub's OpenAPI description) with Actions artifacts.

import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { useOrgStack } from '../../testkit/org-stack.js';
import { GITHUB_TOKEN, orgConfig } from '../../testkit/workflow.js';

jest.setTimeout(180_000);

const PR = 31;
const stack = useOrgStack('approvals');
const GROUPS = orgConfig({ engineering: 'Engineering' });
const AUTHOR = { login: 'dev-alice', type: 'User' as const };
const SECURITY = { login: 'sec-bob', type: 'User' as const };
const CHECK = 'okta/approvals: orgs/acme';
// terraform_data stands for an Okta type here: the policy matches by type, as it would okta_group_role.
const POLICY = `version: 1
rules:
  - name: groups need security
    match: { types: [terraform_data], actions: [create] }
    require: { any-of: ['@acme/okta-security'] }
`;

beforeEach(() => {
  const { github } = stack;
  github.activity.setPullAuthor(PR, AUTHOR);
  github.activity.setPullCommits(PR, [{ author: AUTHOR, committer: AUTHOR, message: 'Add Engineering' }]);
  for (const user of [AUTHOR, SECURITY]) github.activity.setPermission(user.login, 'write');
  github.approvals.setTeam('acme/okta-security', [SECURITY.login]);
  github.runs.setPullBase(PR, github.git.seedCommit({ '.github/okta-approvals.yml': POLICY }));
});

const statuses = () => stack.github.approvals.statuses(stack.github.runs.pullHead(PR));
const review = () => stack.github.comments(PR).find((c) => c.body.startsWith('<!-- okta-terraform-action '));

describe('the okta/approvals check', () => {
  it('waits for the team, asks it, and says so; a review event turns it green without planning', async () => {
    const planned = await stack.pullRequestRun(PR, GROUPS);
    expect(planned.code).toBe(0);
    expect(statuses()).toEqual([
      expect.objectContaining({
        state: 'pending',
        context: CHECK,
        description:
          'Waiting for groups need security (1 change): 1 more approval from one of @acme/okta-security',
      }),
    ]);
    expect(stack.github.approvals.requestedReviewers(PR)).toEqual({ users: [], teams: ['okta-security'] });
    expect(review()?.body).toContain(
      "#### Merging\n\nMerging applies this plan once it is approved as GitHub reviews of the pull request's last commit",
    );
    expect(review()?.body).toContain(
      '- groups need security (1 change): an approval from one of `@acme/okta-security`',
    );

    stack.github.activity.addReview(PR, SECURITY, 'APPROVED');
    const judged = await stack.reviewEventRun(PR, GROUPS);
    expect(judged.code).toBe(0);
    expect(judged.stdout).not.toContain('terraform plan');
    expect(statuses().at(-1)).toEqual(
      expect.objectContaining({ state: 'success', context: CHECK, description: 'Approved by sec-bob.' }),
    );
  });

  it('is not the gate the apply trusts: a status forged green changes nothing, a real approval applies', async () => {
    await stack.pullRequestRun(PR, GROUPS);
    // Any workflow with the same token can write the check.
    await fetch(`${stack.github.url}/repos/acme/okta-config/statuses/${stack.github.runs.pullHead(PR)}`, {
      method: 'POST',
      headers: { authorization: `token ${GITHUB_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ state: 'success', context: CHECK, description: 'Approved by sec-bob.' }),
    });
    stack.github.setPullsForCommit('merge-a1', [PR]);
    const refused = await stack.mergeRun(GROUPS, 'merge-a1');
    expect(refused.code).toBe(1);
    expect(refused.outputs['failure-reason']).toBe('not-approved');
    expect(refused.stdout).toMatch(
      /::error::not-approved: the plan needs approvals it does not have \(policy: \.github\/okta-approvals\.yml at [0-9a-f]{7}\): groups need security \(1 change\): 1 more approval from one of @acme\/okta-security\. Nothing was applied/,
    );
    expect(stack.resourcesInState()).toEqual([]);

    stack.github.activity.addReview(PR, SECURITY, 'APPROVED');
    const applied = await stack.mergeRun(GROUPS, 'merge-a1');
    expect(applied.code).toBe(0);
    expect(stack.resourcesInState()).toEqual(['engineering']);
  });

  it("fails closed when the token can't read the team", async () => {
    stack.github.approvals.teamsReadable = false;
    stack.github.activity.addReview(PR, SECURITY, 'APPROVED');
    const planned = await stack.pullRequestRun(PR, GROUPS);
    expect(planned.code).toBe(1);
    expect(planned.outputs['failure-reason']).toBe('approvals-unreadable');
    expect(statuses().at(-1)).toEqual(expect.objectContaining({ state: 'failure', context: CHECK }));
    expect(review()?.body).toContain('Merging is blocked until the approvals can be judged');
  });

  it('is green at once for a plan nothing in the policy matches', async () => {
    stack.github.runs.setPullBase(PR, stack.github.git.seedCommit({ 'README.md': 'no policy yet' }, 'other'));
    const planned = await stack.pullRequestRun(PR, GROUPS);
    expect(planned.code).toBe(0);
    expect(statuses()).toEqual([
      expect.objectContaining({ state: 'success', description: 'Nothing in this plan needs an approval.' }),
    ]);
    expect(review()?.body).toContain(
      'Merging applies this plan: nothing in it needs an approval (approval policy: built-in).',
    );
  });
});
