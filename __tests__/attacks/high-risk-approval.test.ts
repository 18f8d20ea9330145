// Attack (c) of issue 12: the okta-high-risk-approved label counts only when someone with write access who is not
// the pull request's author or a commit author gave it after the last plan. Findings at or above block-on need it
// too, judged by the built-in rules even when the pull request brings a policy that turns them off. Against the OpenAPI-checked GitHub
// stand-in, through the action's own client.

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ActionError } from '../../src/errors.js';
import type { Approval } from '../../src/modes/approve-review.js';
import { checkHighRisk } from '../../src/modes/high-risk-approval.js';
import { parsePolicy } from '../../src/review/policy.js';
import type { PlanSummary } from '../../src/plan/types.js';
import { fastClient, REPO, TOKEN } from '../../testkit/github-client.js';
import { startGitHubServer, type GitHubServer } from '../../testkit/github-server.js';
import { oktaId, oktaPlan, rejection, summarizeObject } from '../../testkit/plans.js';

const PR = 7;
const LABEL = 'okta-high-risk-approved';
const AUTHOR = { login: 'dev-alice', type: 'User' as const };
const COMMITTER = { login: 'dev-carol', type: 'User' as const };
const REVIEWER = { login: 'sec-bob', type: 'User' as const };
const READER = { login: 'intern-dan', type: 'User' as const };
const ACTIONS_BOT = { login: 'github-actions[bot]', type: 'Bot' as const };

let github: GitHubServer;
let summary: PlanSummary;

beforeEach(async () => {
  github = await startGitHubServer({ owner: REPO.owner, repo: REPO.repo, token: TOKEN });
  github.activity.setPullAuthor(PR, AUTHOR);
  github.activity.setPullCommits(PR, [
    { author: AUTHOR, committer: AUTHOR },
    { author: COMMITTER, committer: { login: 'web-flow', type: 'User' } },
  ]);
  for (const user of [AUTHOR, COMMITTER, REVIEWER]) github.activity.setPermission(user.login, 'write');
  github.activity.setPermission(READER.login, 'read');
  summary = await summarizeObject(
    oktaPlan({
      objects: [
        {
          type: 'okta_policy_signon',
          name: 'default',
          before: { id: oktaId('00p', 1), name: 'Default sign-on policy' },
          after: null,
        },
      ],
    }),
  );
});

afterEach(async () => {
  expect(github.violations).toEqual([]);
  await github.close();
});

/** The merged pull request's review, written at `plannedAt` (GitHub's time); the labels are those on it now. */
function approval(plannedAt: string): Approval {
  return {
    kind: 'review',
    pullRequest: { repository: REPO, number: PR },
    pull: {
      number: PR,
      labels: github.labels(PR),
      author: AUTHOR.login,
      mergedAt: new Date().toISOString(),
      headSha: 'e'.repeat(40),
    },
    comment: {
      id: 1,
      nodeId: 'IC_x',
      url: 'https://github.com/acme/okta-config/pull/7#issuecomment-1',
      body: '',
      marker: { version: 3, directory: 'orgs/acme', workspace: 'default', label: '', plannedAt },
    },
    reviewWrittenAt: plannedAt,
  };
}

const past = () => new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const future = () => new Date(Date.now() + 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

async function refusal(plannedAt: string): Promise<string> {
  const e = await rejection(
    checkHighRisk(summary, approval(plannedAt), {
      allowHighRisk: false,
      github: fastClient(github.url),
      blockOn: 'high',
    }),
  );
  expect(e).toBeInstanceOf(ActionError);
  expect((e as ActionError).reason).toBe('high-risk-not-approved');
  return (e as ActionError).message;
}

const accepted = (plannedAt: string) =>
  checkHighRisk(summary, approval(plannedAt), {
    allowHighRisk: false,
    github: fastClient(github.url),
    blockOn: 'high',
  });

describe('the high-risk approval label', () => {
  it('does not count when the pull request’s author added it', async () => {
    github.addLabel(PR, LABEL, AUTHOR);
    expect(await refusal(past())).toMatch(
      /^the plan deletes or replaces high-risk Okta objects: Default sign-on policy \(delete\)\. The approval does not count: the label by dev-alice, who wrote this pull request or one of its commits\. Someone with write access/,
    );
  });

  it('does not count from a commit author, or a bot (a pull request’s own workflow labels as one)', async () => {
    github.addLabel(PR, LABEL, COMMITTER);
    expect(await refusal(past())).toContain(
      'the label by dev-carol, who wrote this pull request or one of its commits',
    );
    await fetch(`${github.url}/repos/acme/okta-config/issues/${PR}/labels/${LABEL}`, {
      method: 'DELETE',
      headers: { authorization: `token ${TOKEN}` },
    });
    github.addLabel(PR, LABEL, ACTIONS_BOT);
    expect(await refusal(past())).toContain('the label by github-actions[bot], a bot');
  });

  it('does not count when given before the last plan', async () => {
    github.addLabel(PR, LABEL, REVIEWER);
    expect(await refusal(future())).toContain('the label by sec-bob, before the last plan');
  });

  it('does not count from someone without write access', async () => {
    github.addLabel(PR, LABEL, READER);
    expect(await refusal(past())).toContain('the label by intern-dan, who has read access');
  });

  it('counts from a writer who is neither author nor committer, after the plan', async () => {
    github.addLabel(PR, LABEL, REVIEWER);
    await expect(accepted(past())).resolves.toBeUndefined();
  });

  it('self-added, counts once such a writer approves the pull request after the plan', async () => {
    github.addLabel(PR, LABEL, AUTHOR);
    github.activity.addReview(PR, COMMITTER, 'APPROVED');
    expect(await refusal(past())).toContain(
      'the label by dev-alice, who wrote this pull request or one of its commits; an approving review by dev-carol',
    );
    github.activity.addReview(PR, REVIEWER, 'APPROVED');
    await expect(accepted(past())).resolves.toBeUndefined();
  });

  it('is still needed: no label, no apply', async () => {
    github.activity.addReview(PR, REVIEWER, 'APPROVED');
    expect(await refusal(past())).toMatch(/must add the label okta-high-risk-approved after reviewing them/);
  });
});

describe('security findings at or above block-on', () => {
  /** A plan that makes a group's members USER_ADMIN: an admin-granted finding, critical; no delete or replace. */
  const planOfAdminGrant = () =>
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
  const check = async (blockOn: 'high' | 'none') =>
    checkHighRisk(await summarizeObject(planOfAdminGrant()), approval(past()), {
      allowHighRisk: false,
      github: fastClient(github.url),
      blockOn,
    });

  it('need the approval label, like a high-risk delete', async () => {
    const e = await rejection(check('high'));
    expect((e as ActionError).reason).toBe('high-risk-not-approved');
    expect((e as ActionError).message).toMatch(
      /^the plan has findings at or above high \(block-on\): admin-granted on okta_group_role\.it_admins \(critical\)\. Someone with write access/,
    );
  });

  it('pass with the label from someone who counts', async () => {
    github.addLabel(PR, LABEL, REVIEWER);
    await expect(check('high')).resolves.toBeUndefined();
  });

  it('still need it when the pull request adds a policy that turns the rule off or allows the role', async () => {
    for (const text of [
      'version: 1\nrules:\n  admin-granted: off\n',
      'version: 1\nrules:\n  admin-granted: info\n',
      'version: 1\nallow:\n  admin-roles-for-groups: [USER_ADMIN]\n',
    ]) {
      const tuned = await summarizeObject(planOfAdminGrant(), {
        policy: parsePolicy(text, '.okta-review.yml'),
      });
      // The review shows the policy's judgement; the gate keeps the built-in one.
      expect(tuned.findings.filter((f) => f.rule === 'admin-granted' && f.severity !== 'info')).toEqual([]);
      const e = await rejection(
        checkHighRisk(tuned, approval(past()), {
          allowHighRisk: false,
          github: fastClient(github.url),
          blockOn: 'high',
        }),
      );
      expect((e as ActionError).message).toContain('admin-granted on okta_group_role.it_admins (critical)');
    }
  });

  it('never block with block-on none', async () => {
    await expect(check('none')).resolves.toBeUndefined();
  });
});
