// The pull request's review comment, its whole life: found again (by its marker and its author, over every page),
// posted or updated with the plan or the failure (and the labels with it), given its status by an apply (applying →
// applied / failed, or not applied because the plan changed), and used once an apply has started from it. GitHub
// trouble never fails the step here: the job summary holds the whole review, so a read-only token (a fork's pull
// request) or an outage is a warning.

import { errorMessage } from '../errors.js';
import {
  createIssueComment,
  listIssueComments,
  tokenLogin,
  updateIssueComment,
  type CommentAuthor,
  type Repository,
} from '../github/issue-comments.js';
import { syncLabels } from '../github/labels.js';
import { isPermissionDenied, type GitHubClient } from '../github/octokit.js';
import type { PlanSummary } from '../plan/types.js';
import { labelsFor, managedLabels } from '../render/labels.js';
import {
  markerObjects,
  parseMarker,
  sameTarget,
  type ReviewMarker,
  type ReviewStatus,
} from '../render/marker.js';
import { failedPlanCommentBody, reviewCommentBody, withStatus } from '../render/review-comment.js';
import type { Log } from '../runtime.js';
import type { CommentPolicy, ReviewTarget } from '../settings.js';

export interface PullRequestRef {
  readonly repository: Repository;
  readonly number: number;
}

export interface ReviewComment {
  readonly id: number;
  readonly url: string;
  readonly body: string;
  readonly marker: ReviewMarker;
}

export type ReviewContent =
  | {
      readonly kind: 'plan';
      readonly summary: PlanSummary;
      readonly fingerprint: string;
      /** Each changed object's digest (plan/fingerprint.ts), kept in the marker to say what differs on merge. */
      readonly digests: ReadonlyMap<string, string>;
    }
  | { readonly kind: 'failure'; readonly reason: string; readonly message: string };

export interface PublishOptions {
  readonly target: ReviewTarget;
  readonly comment: CommentPolicy;
  readonly runUrl: string | undefined;
}

/**
 * Whether the action wrote this comment: the token's own login when it can say (a user token), else any bot (a
 * person can't post as a bot, so a marker pasted by a PR author never matches).
 */
function writtenByUs(author: CommentAuthor | undefined, login: string | undefined): boolean {
  if (!author) return false;
  return login ? author.login === login : author.type === 'Bot';
}

/** The newest comment of ours whose marker names the same directory, workspace and label. */
export async function findReviewComment(
  client: GitHubClient,
  pr: PullRequestRef,
  target: ReviewTarget,
): Promise<ReviewComment | undefined> {
  const login = await tokenLogin(client);
  let found: ReviewComment | undefined;
  for await (const comment of listIssueComments(client, pr.repository, pr.number)) {
    const marker = parseMarker(comment.body);
    if (marker && sameTarget(marker, target) && writtenByUs(comment.author, login)) {
      found = { id: comment.id, url: comment.url, body: comment.body, marker };
    }
  }
  return found;
}

/** Whether an apply has already started from this review: then it can't approve another. */
export function isUsed(marker: ReviewMarker): boolean {
  return marker.status === 'applying' || marker.status === 'applied' || marker.status === 'apply-failed';
}

function body(content: ReviewContent, options: PublishOptions): string {
  if (content.kind === 'failure') {
    return failedPlanCommentBody(content.reason, content.message, {
      marker: options.target,
      runUrl: options.runUrl,
    });
  }
  const objects = markerObjects(content.digests);
  const marker: ReviewMarker = {
    ...options.target,
    fingerprint: content.fingerprint,
    ...(objects ? { objects } : {}),
  };
  return reviewCommentBody(content.summary, { marker, runUrl: options.runUrl });
}

function warn(log: Log, what: string, e: unknown): void {
  const hint = isPermissionDenied(e)
    ? 'the token may not write here (a pull request from a fork gets a read-only token; otherwise give the job ' +
      '`permissions: pull-requests: write, issues: write`)'
    : errorMessage(e);
  log.warning(`The review was not ${what} (${hint}). The job summary has the whole review.`);
}

/** Puts the plan (or the failure) in the sticky comment, and the labels on the pull request; the comment's URL. */
export async function publishReview(
  client: GitHubClient,
  log: Log,
  pr: PullRequestRef,
  content: ReviewContent,
  options: PublishOptions,
): Promise<string | undefined> {
  let url: string | undefined;
  if (options.comment !== 'never') {
    // changes-only still updates an existing comment, so a stale plan is never left standing.
    const create = options.comment === 'always' || content.kind === 'failure' || content.summary.hasChanges;
    try {
      const existing = await findReviewComment(client, pr, options.target);
      const text = body(content, options);
      if (existing) {
        url = (await updateIssueComment(client, pr.repository, existing.id, text)).url;
        log.info(`Review updated: ${url}`);
      } else if (create) {
        url = (await createIssueComment(client, pr.repository, pr.number, text)).url;
        log.info(`Review posted: ${url}`);
      }
    } catch (e) {
      warn(log, 'commented on the pull request', e);
    }
  }
  try {
    const { label } = options.target;
    const summary = content.kind === 'plan' ? content.summary : undefined;
    const managed = Object.values(managedLabels(label));
    await syncLabels(client, pr.repository, pr.number, managed, labelsFor(summary, label));
  } catch (e) {
    warn(log, 'labelled', e);
  }
  return url;
}

/** Moves the review comment's status along; a GitHub problem here is a warning, never a reason to stop. */
export async function setReviewStatus(
  client: GitHubClient,
  log: Log,
  repository: Repository,
  comment: ReviewComment,
  status: ReviewStatus,
  runUrl: string | undefined,
): Promise<void> {
  try {
    await updateIssueComment(
      client,
      repository,
      comment.id,
      withStatus(comment.body, comment.marker, status, runUrl),
    );
  } catch (e) {
    log.warning(`The review comment's status was not updated (${errorMessage(e)}).`);
  }
}
