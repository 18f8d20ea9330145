// What an apply may apply, found before it plans: the reviews of the merged pull request that can still approve
// (push), the fingerprint a reviewer approved (workflow_dispatch: approved-fingerprint), an apply of this very run
// to resume, or anything (auto-approve). Which review approves, if any, is decided once the plan is made
// (approve-review.ts): by what its text shows, never by its marker.
//
// A review comment can approve only when the action's own identity wrote it, nobody else ever edited it (GraphQL's
// edit history), it is of this version, and GitHub says its text was written before the merge. A writer whose
// workflows share the action's identity can still edit it, or post one like it, but only before the merge, and
// only as text that must then show the plan being applied (README, Threat model). Once an apply marked a review,
// its text was written after the merge: only this run's own record of that apply lets a re-run go on with it.

import { ActionError, errorMessage } from '../errors.js';
import type { GitHubClient } from '../github/octokit.js';
import { mergedPullRequest, type MergedPullRequest } from '../github/pulls.js';
import { MARKER_VERSION } from '../render/marker.js';
import type { Settings } from '../settings.js';
import {
  findReviewComments,
  isUsed,
  reviewHistory,
  type PullRequestRef,
  type ReviewComment,
} from './review-comment.js';
import { thisRunsApplyRecords, type ApplyRecords } from './apply-records.js';
import type { ApplyRecord } from './run-records.js';

/** A review comment that may approve: written by the action, edited by nobody else, before the merge. */
export interface Candidate {
  readonly comment: ReviewComment;
  /** GitHub's time of its text. */
  readonly writtenAt: string;
}

export interface Reviewed {
  readonly pullRequest: PullRequestRef;
  readonly pull: MergedPullRequest;
}

export type ApprovalGate =
  /** The merged pull request's reviews that may approve, newest first. */
  | (Reviewed & { readonly kind: 'reviews'; readonly candidates: readonly Candidate[] })
  /** An earlier attempt of this run began to apply a review and did not finish: what is left of it may be applied. */
  | (Reviewed & { readonly kind: 'resume'; readonly record: ApplyRecord; readonly comment?: ReviewComment })
  /** An apply from a review of this target in the pull request began already: it approves nothing more. */
  | (Reviewed & { readonly kind: 'used'; readonly why: string })
  | { readonly kind: 'fingerprint'; readonly fingerprint: string }
  | { readonly kind: 'auto' };

const DISPATCH_PATTERN =
  'run mode: plan in a first job, then apply in a job with a GitHub Environment that needs reviewers, with ' +
  'approved-fingerprint: ${{ needs.plan.outputs.fingerprint }} (see examples/workflows/okta-dispatch.yml)';

export const AGAIN = `nothing was applied. Open a new pull request for these changes, or ${DISPATCH_PATTERN}`;

/** Why this comment can't approve, or undefined (with GitHub's time of its text) when it can. */
async function judge(
  github: GitHubClient,
  comment: ReviewComment,
  pull: MergedPullRequest,
): Promise<{ readonly why: string } | Candidate> {
  const { marker } = comment;
  const named = `the review in pull request #${pull.number}`;
  if (marker.version !== MARKER_VERSION) {
    return {
      why: `${named} was written by another version of the action, whose review this one can't check: plan again. ${AGAIN}`,
    };
  }
  const history = await reviewHistory(github, comment);
  if (history.foreignEditors.length > 0) {
    return {
      why: `the review comment in pull request #${pull.number} was edited by ${history.foreignEditors.join(', ')}, and only the action may write it, so it approves nothing (${comment.url}): ${AGAIN}`,
    };
  }
  if (!(Date.parse(history.writtenAt) <= Date.parse(pull.mergedAt))) {
    return {
      why: `${named} was written at ${history.writtenAt}, after the merge (${pull.mergedAt}), so nobody approved it before merging: ${AGAIN}`,
    };
  }
  return { comment, writtenAt: history.writtenAt };
}

/** The refusal of a plan with changes when the review was used already (with none, there is nothing to refuse). */
export function usedReview(pull: MergedPullRequest, why: string): ActionError {
  return new ActionError(
    'plan-not-found',
    `the review in pull request #${pull.number} was already used by an earlier apply, and these changes were never reviewed (${why}): open a pull request for them`,
  );
}

/** The resume of an earlier attempt's apply, refused when someone else has since edited its review. */
async function resumeGate(
  github: GitHubClient,
  reviewed: Reviewed,
  record: ApplyRecord,
  comments: readonly ReviewComment[],
): Promise<ApprovalGate> {
  const comment = comments.find((c) => c.id === record.commentId);
  const editors = comment ? (await reviewHistory(github, comment)).foreignEditors : [];
  if (editors.length > 0) {
    throw new ActionError(
      'plan-not-found',
      `the review comment in pull request #${reviewed.pull.number} was edited by ${editors.join(', ')} since an earlier attempt of this run began to apply it, so nothing more is applied from it: ${AGAIN}`,
    );
  }
  return { kind: 'resume', ...reviewed, record, ...(comment ? { comment } : {}) };
}

/** Why no review approves when an apply already started from one: from this run's records, or the marker's word. */
function spentReason(records: ApplyRecords, comments: readonly ReviewComment[]): string | undefined {
  if (records.found.some((r) => r.state === 'applied')) return 'an earlier attempt of this run applied it';
  const marked = comments.find((c) => isUsed(c.marker));
  if (!marked) return undefined;
  if (marked.marker.status === 'applied') return 'its status says applied';
  return `an apply from it stopped part-way, and a re-run goes on only from that run's own record of it, which ${records.why ?? 'was not found'}`;
}

async function reviewedInPullRequest(
  settings: Settings,
  github: GitHubClient,
): Promise<ApprovalGate | undefined> {
  const { pushedCommit: sha, repository } = settings.github;
  if (!sha || !repository) return undefined;
  const pull = await mergedPullRequest(github, repository, sha);
  if (!pull) return undefined;
  const reviewed = { pullRequest: { repository, number: pull.number }, pull };
  const comments = await findReviewComments(github, reviewed.pullRequest, settings.target);
  const records = await thisRunsApplyRecords(settings, github, pull);
  const applying = records.found.find((r) => r.state === 'applying');
  if (applying && !records.found.some((r) => r.state === 'applied'))
    return resumeGate(github, reviewed, applying, comments);
  const spent = spentReason(records, comments);
  if (spent) return { kind: 'used', ...reviewed, why: spent };
  const newest = [...comments].reverse();
  if (!newest[0]?.marker.fingerprint) return undefined;
  const judged = await Promise.all(
    newest.filter((c) => c.marker.fingerprint).map((c) => judge(github, c, pull)),
  );
  const candidates = judged.filter((j): j is Candidate => 'comment' in j);
  const first = judged[0];
  if (candidates.length === 0 && first && 'why' in first) throw new ActionError('plan-not-found', first.why);
  return { kind: 'reviews', ...reviewed, candidates };
}

export async function findApproval(
  settings: Settings,
  github: GitHubClient | undefined,
): Promise<ApprovalGate> {
  if (settings.approvedFingerprint) return { kind: 'fingerprint', fingerprint: settings.approvedFingerprint };
  let reviewed: ApprovalGate | undefined;
  try {
    reviewed = github ? await reviewedInPullRequest(settings, github) : undefined;
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
  const sha = settings.github.pushedCommit;
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
