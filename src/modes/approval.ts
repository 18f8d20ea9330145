// What an apply may apply: the plan reviewed in the merged pull request's comment (push), the fingerprint a
// reviewer approved (workflow_dispatch: approved-fingerprint), or anything (auto-approve). Nothing else.

import { ActionError, errorMessage } from '../errors.js';
import type { Repository } from '../github/issue-comments.js';
import type { GitHubClient } from '../github/octokit.js';
import { mergedPullRequest } from '../github/pulls.js';
import type { PlanSummary } from '../plan/types.js';
import { HIGH_RISK_APPROVAL_LABEL } from '../render/labels.js';
import type { ReviewTarget, Settings } from '../settings.js';
import { findReviewComment, type PullRequestRef, type ReviewComment } from './review-comment.js';

export type Approval =
  | {
      readonly kind: 'review';
      readonly pullRequest: PullRequestRef;
      readonly labels: readonly string[];
      readonly comment: ReviewComment;
      readonly fingerprint: string;
    }
  | { readonly kind: 'fingerprint'; readonly fingerprint: string }
  | { readonly kind: 'auto' };

const DISPATCH_PATTERN =
  'run mode: plan in a first job, then apply in a job with a GitHub Environment that needs reviewers, with ' +
  'approved-fingerprint: ${{ needs.plan.outputs.fingerprint }} (see examples/workflows/okta-dispatch.yml)';

async function reviewedInPullRequest(
  github: GitHubClient,
  repository: Repository,
  sha: string,
  target: ReviewTarget,
): Promise<Approval | undefined> {
  const pull = await mergedPullRequest(github, repository, sha);
  if (!pull) return undefined;
  const pullRequest = { repository, number: pull.number };
  const comment = await findReviewComment(github, pullRequest, target);
  if (!comment?.marker.fingerprint) return undefined;
  return {
    kind: 'review',
    pullRequest,
    labels: pull.labels,
    comment,
    fingerprint: comment.marker.fingerprint,
  };
}

export async function findApproval(settings: Settings, github: GitHubClient | undefined): Promise<Approval> {
  if (settings.approvedFingerprint) return { kind: 'fingerprint', fingerprint: settings.approvedFingerprint };
  const { pushedCommit: sha, repository } = settings.github;
  let reviewed: Approval | undefined;
  try {
    reviewed =
      sha && github && repository
        ? await reviewedInPullRequest(github, repository, sha, settings.target)
        : undefined;
  } catch (e) {
    throw new ActionError(
      'plan-not-found',
      `could not read the merged pull request's review from GitHub (${errorMessage(e)}): nothing was applied; re-run the job`,
    );
  }
  if (reviewed) return reviewed;
  if (settings.autoApprove) return { kind: 'auto' };
  const { directory, workspace } = settings.target;
  if (sha) {
    throw new ActionError(
      'plan-not-found',
      `no reviewed plan for ${directory} (workspace ${workspace}) in the pull request merged as ${sha.slice(0, 12)}: ` +
        'merge through a pull request whose plan ran with this action, or set auto-approve: true to apply unreviewed plans',
    );
  }
  throw new ActionError(
    'plan-not-found',
    `apply needs an approved plan: ${DISPATCH_PATTERN}; or set auto-approve: true`,
  );
}

/** Deleting or replacing a high-risk Okta object needs the approval label on the pull request, or allow-high-risk. */
export function checkHighRisk(
  summary: PlanSummary,
  approvedBy: { readonly allowHighRisk: boolean; readonly labels: readonly string[] },
): void {
  const risky = summary.changes.filter(
    (c) => c.highRisk && (c.action === 'delete' || c.action === 'replace'),
  );
  if (risky.length === 0 || approvedBy.allowHighRisk) return;
  if (approvedBy.labels.includes(HIGH_RISK_APPROVAL_LABEL)) return;
  const names = risky
    .slice(0, 10)
    .map((c) => `${c.name} (${c.action})`)
    .join(', ');
  throw new ActionError(
    'high-risk-not-approved',
    `the plan deletes or replaces high-risk Okta objects: ${names}${risky.length > 10 ? ', ...' : ''}. Add the label ` +
      `${HIGH_RISK_APPROVAL_LABEL} to the pull request after reviewing them (or set allow-high-risk: true), then re-run`,
  );
}
