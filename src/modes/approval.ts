// What an apply may apply: the plan reviewed in the merged pull request's comment (push), the fingerprint a
// reviewer approved (workflow_dispatch: approved-fingerprint), or anything (auto-approve). Nothing else.
//
// A review comment approves only when it holds against a writer (README, Threat model): the action's own identity
// wrote it and nobody else ever edited it (its GraphQL edit history), no apply has started from any review of this
// target in the pull request, its marker is of this version (fingerprint v2), and it was planned before the merge.

import { ActionError, errorMessage } from '../errors.js';
import type { Repository } from '../github/issue-comments.js';
import type { GitHubClient } from '../github/octokit.js';
import { mergedPullRequest, type MergedPullRequest } from '../github/pulls.js';
import { MARKER_VERSION } from '../render/marker.js';
import type { ReviewTarget, Settings } from '../settings.js';
import {
  findReviewComments,
  foreignEditors,
  isUsed,
  type PullRequestRef,
  type ReviewComment,
} from './review-comment.js';

export type Approval =
  | {
      readonly kind: 'review';
      readonly pullRequest: PullRequestRef;
      readonly pull: MergedPullRequest;
      readonly comment: ReviewComment;
      readonly fingerprint: string;
      /**
       * An apply started from this review and did not finish (failed part-way, cancelled, killed): a re-run may
       * apply what the review showed and is not applied yet (each object's digest as reviewed), and nothing else.
       */
      readonly resume: boolean;
    }
  /** An apply from a review of this target in the pull request succeeded (or can't be resumed): nothing more. */
  | { readonly kind: 'used'; readonly pullRequest: PullRequestRef; readonly why?: string }
  | { readonly kind: 'fingerprint'; readonly fingerprint: string }
  | { readonly kind: 'auto' };

const DISPATCH_PATTERN =
  'run mode: plan in a first job, then apply in a job with a GitHub Environment that needs reviewers, with ' +
  'approved-fingerprint: ${{ needs.plan.outputs.fingerprint }} (see examples/workflows/okta-dispatch.yml)';

const AGAIN = `nothing was applied. Open a new pull request for these changes, or ${DISPATCH_PATTERN}`;

/** Why this review can't approve, or undefined when it can. */
async function distrust(
  github: GitHubClient,
  comment: ReviewComment,
  pull: MergedPullRequest,
): Promise<string | undefined> {
  const { marker } = comment;
  if (marker.version !== MARKER_VERSION) {
    return (
      `the review in pull request #${pull.number} was written by an older version of the action, whose fingerprint ` +
      `does not say which objects change: plan again. ${AGAIN}`
    );
  }
  const editors = await foreignEditors(github, comment);
  if (editors.length > 0) {
    return (
      `the review comment in pull request #${pull.number} was edited by ${editors.join(', ')}, and only the action ` +
      `may write it, so it approves nothing (${comment.url}): ${AGAIN}`
    );
  }
  const planned = Date.parse(marker.plannedAt ?? '');
  if (!(planned <= Date.parse(pull.mergedAt))) {
    return (
      `the review in pull request #${pull.number} was planned at ${marker.plannedAt ?? 'an unknown time'}, after ` +
      `the merge (${pull.mergedAt}), so nobody approved it before merging: ${AGAIN}`
    );
  }
  return undefined;
}

async function reviewedInPullRequest(
  github: GitHubClient,
  repository: Repository,
  sha: string,
  target: ReviewTarget,
): Promise<Approval | undefined> {
  const pull = await mergedPullRequest(github, repository, sha);
  if (!pull) return undefined;
  const pullRequest = { repository, number: pull.number };
  const comments = await findReviewComments(github, pullRequest, target);
  // Used stays used: once an apply from any review of this target here succeeded, none approves again.
  if (comments.some((c) => c.marker.status === 'applied')) return { kind: 'used', pullRequest };
  const started = comments.filter((c) => isUsed(c.marker)).at(-1);
  if (started && !(started.marker.objects && started.marker.context)) {
    const why =
      'the review was too large to list its objects, so what is left to apply cannot be checked against it';
    return { kind: 'used', pullRequest, why };
  }
  const comment = started ?? comments.at(-1);
  if (!comment?.marker.fingerprint) return undefined;
  const reason = await distrust(github, comment, pull);
  if (reason) throw new ActionError('plan-not-found', reason);
  const { fingerprint } = comment.marker;
  return { kind: 'review', pullRequest, pull, comment, fingerprint, resume: started !== undefined };
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
    if (e instanceof ActionError) throw e;
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
