// Who can approve a plan, and what: GitHub pull request reviews, counted by GitHub's own records (reviews with the
// commit each was given on, commits with their authors, committers and Co-authored-by: trailers, team memberships),
// against the policy of the default branch at the pull request's base. Each case is one a writer could try: approve
// their own co-authored work, approve an older commit, keep an approval after requesting changes, lean on a team the
// token can't see, or weaken the policy in the pull request itself. Against the OpenAPI-checked GitHub stand-in,
// through the action's own client; every case fails on the label gate this replaced.

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { changeFacts } from '../../src/approvals/requirements.js';
import { ActionError } from '../../src/errors.js';
import { judgeApprovals, notApproved, type Judged } from '../../src/modes/approval-gate.js';
import type { PlanSummary } from '../../src/plan/types.js';
import { fastClient, REPO, TOKEN } from '../../testkit/github-client.js';
import { startGitHubServer, type GitHubServer } from '../../testkit/github-server.js';
import { oktaId, oktaPlan, rejection, summarizeObject } from '../../testkit/plans.js';

const PR = 7;
const AUTHOR = { login: 'dev-alice', type: 'User' as const };
const COMMITTER = { login: 'dev-carol', type: 'User' as const };
const REVIEWER = { login: 'sec-bob', type: 'User' as const };
const IAM = { login: 'iam-erin', type: 'User' as const };
const READER = { login: 'intern-dan', type: 'User' as const };
const ACTIONS_BOT = { login: 'github-actions[bot]', type: 'Bot' as const };
const TARGET = { directory: 'orgs/acme', workspace: 'default', label: '' };

const POLICY = `version: 1
rules:
  - name: sign-on policies
    match: { types: [okta_policy_signon] }
    require: { any-of: ['@acme/okta-security'] }
  - name: admin roles
    match: { categories: ['Admin roles & resource sets'] }
    require: { all-of: [acme/okta-security, acme/iam] }
`;

let github: GitHubServer;
let summary: PlanSummary;
let base: string;

/** A plan deleting the default sign-on policy: high on the one scale (an irreversible delete). */
const deletePolicy = () =>
  oktaPlan({
    objects: [
      {
        type: 'okta_policy_signon',
        name: 'default',
        before: { id: oktaId('00p', 1), name: 'Default sign-on policy' },
        after: null,
      },
    ],
  });

/** A plan making a group's members USER_ADMIN: admin-granted, critical. */
const grantAdmin = () =>
  oktaPlan({
    objects: [
      {
        type: 'okta_group_role',
        name: 'it_admins',
        before: null,
        after: { id: oktaId('irb', 1), group_id: oktaId('00g', 2), role_type: 'USER_ADMIN' },
      },
    ],
  });

beforeEach(async () => {
  github = await startGitHubServer({ owner: REPO.owner, repo: REPO.repo, token: TOKEN });
  github.activity.setPullAuthor(PR, AUTHOR);
  github.activity.setPullCommits(PR, [
    { author: AUTHOR, committer: AUTHOR, message: 'Remove the default sign-on policy' },
    { author: COMMITTER, committer: { login: 'web-flow', type: 'User' }, message: 'Fix a typo' },
  ]);
  github.setPullFiles(PR, ['orgs/acme/main.tf']);
  for (const user of [AUTHOR, COMMITTER, REVIEWER, IAM]) github.activity.setPermission(user.login, 'write');
  github.activity.setPermission(READER.login, 'read');
  github.approvals.setTeam('acme/okta-security', [REVIEWER.login]);
  github.approvals.setTeam('acme/iam', [IAM.login]);
  base = github.git.seedCommit({ '.github/okta-approvals.yml': POLICY });
  summary = await summarizeObject(deletePolicy());
});

afterEach(async () => {
  expect(github.violations).toEqual([]);
  await github.close();
});

const HEAD = () => github.runs.pullHead(PR);

function judge(plan: PlanSummary = summary, policyRef = base): Promise<Judged> {
  return judgeApprovals({
    github: fastClient(github.url),
    pull: { repository: REPO, number: PR, author: AUTHOR.login, headSha: HEAD() },
    policyRef,
    facts: changeFacts(plan),
    target: TARGET,
    blockOn: 'high',
  });
}

/** The apply's refusal of what `judge` found, or undefined when it is approved. */
async function refusal(plan?: PlanSummary, policyRef?: string): Promise<string | undefined> {
  const judged = await judge(plan, policyRef);
  return judged.unmet.length ? notApproved(judged).message : undefined;
}

describe('a review approves', () => {
  it('when a writer who wrote none of the pull request approves its planned head', async () => {
    github.activity.addReview(PR, REVIEWER, 'APPROVED');
    expect(await refusal()).toBeUndefined();
  });

  it("not from a co-committer (GitHub lets one approve), nor the author's bot", async () => {
    github.activity.addReview(PR, COMMITTER, 'APPROVED');
    github.activity.addReview(PR, ACTIONS_BOT, 'APPROVED');
    const message = await refusal();
    expect(message).toContain('dev-carol: wrote the pull request or one of its commits');
    expect(message).toContain('github-actions[bot]: a bot');
    expect(message).toMatch(
      /^the plan needs approvals it does not have \(policy: \.github\/okta-approvals\.yml at [0-9a-f]{7}\): sign-on policies \(1 change\): 1 more approval from one of @acme\/okta-security\./,
    );
  });

  it('not from a co-author named only in a Co-authored-by: trailer (by noreply address, or by profile)', async () => {
    github.approvals.setTeam('acme/okta-security', [REVIEWER.login, 'pair-frank']);
    github.activity.setPermission('pair-frank', 'write');
    github.activity.setPullCommits(PR, [
      {
        author: AUTHOR,
        committer: AUTHOR,
        message: 'Remove the policy\n\nCo-authored-by: Frank <1234+pair-frank@users.noreply.github.com>',
      },
    ]);
    const frank = github.activity.addReview(PR, { login: 'pair-frank', type: 'User' }, 'APPROVED');
    expect(await refusal()).toContain('pair-frank: is a co-author of one of its commits (Co-authored-by:)');
    github.activity.dismissReview(PR, frank);
    github.activity.setPullCommits(PR, [
      {
        author: AUTHOR,
        committer: AUTHOR,
        message: 'Remove it\n\nCo-authored-by: Sec Bob <bob@acme.example>',
      },
    ]);
    github.approvals.setProfile(REVIEWER.login, { name: 'Sec Bob', email: 'bob@acme.example' });
    github.activity.addReview(PR, REVIEWER, 'APPROVED');
    expect(await refusal()).toContain('sec-bob: is a co-author of one of its commits (Co-authored-by:)');
  });

  it('not when given on an older commit than the one planned', async () => {
    github.activity.addReview(PR, REVIEWER, 'APPROVED', { commitId: 'a'.repeat(40) });
    expect(await refusal()).toContain(
      `sec-bob: approved commit aaaaaaa, not the planned head ${HEAD().slice(0, 7)}`,
    );
  });

  it('not once the same reviewer requested changes after approving, or the approval was dismissed', async () => {
    github.activity.addReview(PR, REVIEWER, 'APPROVED');
    github.activity.addReview(PR, REVIEWER, 'COMMENTED');
    expect(await refusal()).toBeUndefined();
    github.activity.addReview(PR, REVIEWER, 'CHANGES_REQUESTED');
    expect(await refusal()).toContain('sec-bob: requested changes (their latest review)');
    const again = github.activity.addReview(PR, REVIEWER, 'APPROVED');
    expect(await refusal()).toBeUndefined();
    github.activity.dismissReview(PR, again);
    expect(await refusal()).toContain('sec-bob: their approval was dismissed');
  });

  it('not by the old okta-high-risk-approved label, whoever adds it', async () => {
    github.addLabel(PR, 'okta-high-risk-approved', REVIEWER);
    expect(await refusal()).toContain(
      'sign-on policies (1 change): 1 more approval from one of @acme/okta-security',
    );
  });

  it('not from someone with read access', async () => {
    github.approvals.setTeam('acme/okta-security', [READER.login]);
    github.activity.addReview(PR, READER, 'APPROVED');
    expect(await refusal()).toContain('intern-dan: has read access, not write');
  });
});

describe('teams', () => {
  it('count a member, not a writer outside the team', async () => {
    github.activity.addReview(PR, IAM, 'APPROVED');
    expect(await refusal()).toContain('1 more approval from one of @acme/okta-security');
    github.activity.addReview(PR, REVIEWER, 'APPROVED');
    expect(await refusal()).toBeUndefined();
  });

  it('all-of asks each team for its own person', async () => {
    const grant = await summarizeObject(grantAdmin());
    github.approvals.setTeam('acme/iam', [IAM.login, REVIEWER.login]);
    github.activity.addReview(PR, REVIEWER, 'APPROVED');
    expect(await refusal(grant)).toContain('admin roles (1 change): an approval from each of @acme/iam');
    github.activity.addReview(PR, IAM, 'APPROVED');
    expect(await refusal(grant)).toBeUndefined();
  });

  it("fail closed, naming the permission, when the token can't read them", async () => {
    github.approvals.teamsReadable = false;
    github.activity.addReview(PR, REVIEWER, 'APPROVED');
    const e = await rejection(judge());
    expect(e).toBeInstanceOf(ActionError);
    expect((e as ActionError).reason).toBe('approvals-unreadable');
    expect((e as ActionError).message).toMatch(
      /^the approval policy names the team @acme\/okta-security, and this token can't read its members \(HTTP 403\): give the action a token with the organization's Members: read permission/,
    );
  });
});

describe('the policy', () => {
  it("is the base's: a pull request's own copy changes nothing", async () => {
    github.git.seedCommit({ '.github/okta-approvals.yml': 'version: 1\nrules: []\n' }, 'feature-7');
    expect(await refusal()).toContain('sign-on policies (1 change)');
  });

  it('edited by the pull request, needs every rule of the base policy', async () => {
    github.setPullFiles(PR, ['.github/okta-approvals.yml']);
    const nothing = await summarizeObject(oktaPlan({ objects: [] }));
    const message = await refusal(nothing);
    expect(message).toContain(
      'changes to the approval policy (as "sign-on policies"): 1 more approval from one of @acme/okta-security',
    );
    expect(message).toContain(
      'changes to the approval policy (as "admin roles"): an approval from each of @acme/okta-security, @acme/iam',
    );
    github.activity.addReview(PR, REVIEWER, 'APPROVED');
    github.activity.addReview(PR, IAM, 'APPROVED');
    expect(await refusal(nothing)).toBeUndefined();
  });

  it('without a file is the built-in one: high or worse needs one writer, anything less none', async () => {
    const empty = github.git.seedCommit({ 'README.md': 'no policy' }, 'bare');
    expect(await refusal(summary, empty)).toContain(
      'policy: built-in): high or worse (1 change): 1 more approval from someone with write access',
    );
    const harmless = await summarizeObject(
      oktaPlan({
        objects: [
          { type: 'okta_group', name: 'g', before: null, after: { id: oktaId('00g', 9), name: 'G' } },
        ],
      }),
    );
    expect((await judge(harmless, empty)).requirements).toEqual([]);
    github.activity.addReview(PR, IAM, 'APPROVED');
    expect(await refusal(summary, empty)).toBeUndefined();
  });

  it('that is not valid fails with the key and the fix', async () => {
    const broken = github.git.seedCommit(
      {
        '.github/okta-approvals.yml':
          'version: 1\nrules:\n  - name: x\n    match: { colour: red }\n    require: { count: 1 }\n',
      },
      'broken',
    );
    const e = await rejection(judge(summary, broken));
    expect((e as ActionError).message).toMatch(
      /^the approval policy \.github\/okta-approvals\.yml at [0-9a-f]{7} is not valid: rules\.0\.match: colour is not a key here/,
    );
  });
});
