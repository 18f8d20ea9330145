// The approvals a pull request's plan needs and has: the policy of the default branch at `policyRef` (never the
// pull request's own copy), the rules it matches in the plan (src/approvals/requirements.ts), the reviews that
// count (src/approvals/reviewers.ts) and the teams their authors are in. The plan run and a review event write the
// verdict as a commit status (the merge gate); the apply judges again from its own plan and refuses what is not
// approved (the security gate: any workflow with the same token can write a status).

import { APPROVAL_POLICY_FILE, builtInApprovalPolicy, parseApprovalPolicy } from '../approvals/policy.js';
import type { ApprovalPolicy } from '../approvals/policy.js';
import { requirementsOf, type ChangeFacts, type OrgTarget } from '../approvals/requirements.js';
import { countApprovals, type People, type Profile } from '../approvals/reviewers.js';
import { judgeRequirements, type Membership, type Verdict } from '../approvals/verdict.js';
import { ActionError } from '../errors.js';
import { commitRecords, fileAt, isTeamMember, profileOf, reviewRecords } from '../github/approvals.js';
import type { Repository } from '../github/issue-comments.js';
import type { GitHubClient } from '../github/octokit.js';
import { repositoryRole } from '../github/permissions.js';
import { pullRequestFiles } from '../github/pulls.js';
import type { BlockOn } from '../review/findings.js';

/** The pull request whose reviews approve, as GitHub records it. */
export interface PullUnderReview {
  readonly repository: Repository;
  readonly number: number;
  readonly author: string | undefined;
  /** The head commit that was planned: only reviews of it approve. */
  readonly headSha: string;
}

export interface GateInput {
  readonly github: GitHubClient;
  readonly pull: PullUnderReview;
  /** The default branch's commit the policy is read at: the pull request's base, or the branch before the merge. */
  readonly policyRef: string;
  readonly facts: readonly ChangeFacts[];
  readonly target: OrgTarget;
  /** The built-in policy's threshold, when the default branch has no policy file. */
  readonly blockOn: BlockOn;
}

export interface Judged extends Verdict {
  readonly policy: string;
  /** Why each approval that does not count, doesn't. */
  readonly objections: readonly string[];
}

export async function readApprovalPolicy(
  github: GitHubClient,
  repository: Repository,
  ref: string,
  blockOn: BlockOn,
): Promise<ApprovalPolicy> {
  const text = await fileAt(github, repository, APPROVAL_POLICY_FILE, ref);
  if (text === undefined) return builtInApprovalPolicy(blockOn);
  return parseApprovalPolicy(text, `${APPROVAL_POLICY_FILE} at ${ref.slice(0, 7)}`);
}

/** Lookups of people and teams, each asked of GitHub once. */
function lookups(github: GitHubClient, repository: Repository): People & Membership {
  const cached = <T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> => {
    let found = cache.get(key);
    if (!found) cache.set(key, (found = load()));
    return found;
  };
  const roles = new Map<string, Promise<string>>();
  const profiles = new Map<string, Promise<Profile>>();
  const members = new Map<string, Promise<boolean>>();
  return {
    role: (login) => cached(roles, login, () => repositoryRole(github, repository, login)),
    profile: (login) => cached(profiles, login, () => profileOf(github, login)),
    isMember: (team, login) =>
      cached(members, `${team}\0${login}`.toLowerCase(), () => isTeamMember(github, team, login)),
  };
}

export async function judgeApprovals(input: GateInput): Promise<Judged> {
  const { github, pull } = input;
  const { repository } = pull;
  const policy = await readApprovalPolicy(github, repository, input.policyRef, input.blockOn);
  const editsPolicy = (await pullRequestFiles(github, repository, pull.number)).includes(
    APPROVAL_POLICY_FILE,
  );
  const requirements = requirementsOf(policy, input.facts, input.target, { editsPolicy });
  if (requirements.length === 0)
    return { policy: policy.source, requirements, unmet: [], approvers: [], objections: [] };
  const [reviews, commits] = await Promise.all([
    reviewRecords(github, repository, pull.number),
    commitRecords(github, repository, pull.number),
  ]);
  const people = lookups(github, repository);
  const counted = await countApprovals(
    { reviews, commits, headSha: pull.headSha, author: pull.author },
    people,
  );
  const verdict = await judgeRequirements(requirements, counted.approvers, people);
  return { ...verdict, policy: policy.source, objections: counted.objections };
}

/** "admin roles (3 changes): 1 more approval from one of @acme/okta-security" for each rule not met. */
export function unmetText(judged: Judged): string {
  return judged.unmet
    .map(({ requirement, lacking }) => {
      const n = requirement.changes;
      return `${requirement.name}${n ? ` (${n} change${n === 1 ? '' : 's'})` : ''}: ${lacking}`;
    })
    .join('; ');
}

/** The users and teams whose reviews would meet what is missing (for requested reviewers). */
export function wantedReviewers(judged: Judged): { users: string[]; teams: string[] } {
  const entries = judged.unmet.flatMap(({ requirement: { require } }) => [
    ...(require.anyOf ?? []),
    ...(require.allOf ?? []),
  ]);
  const unique = [...new Set(entries)];
  return { users: unique.filter((e) => !e.includes('/')), teams: unique.filter((e) => e.includes('/')) };
}

/** The apply's refusal, one line: which rules, whose approvals, why the reviews given don't count. */
export function notApproved(judged: Judged): ActionError {
  const objections = judged.objections.length
    ? ` Reviews that don't count: ${judged.objections.join('; ')}.`
    : '';
  return new ActionError(
    'not-approved',
    `the plan needs approvals it does not have (policy: ${judged.policy}): ${unmetText(judged)}.${objections} Nothing was applied: approve the pull request's last commit as a GitHub review (someone with write access who wrote none of it), then re-run this job.`,
  );
}
