// The pull request's review comment, its whole life: found again (by its marker and the token's own identity, over
// every page), posted or updated with the plan or the failure (and the labels with it), kept to one per target,
// distrusted once anyone else edited it, given its status by an apply (applying → applied / failed, or not applied
// because the plan changed), and used for good once an apply has started from it. GitHub trouble never fails the
// step here: the job summary holds the whole review, so a read-only token (a fork's pull request) or an outage is
// a warning.

import { ActionError, errorMessage } from '../errors.js';
import { commentHistory, viewerLogin } from '../github/identity.js';
import {
  createIssueComment,
  deleteIssueComment,
  listIssueComments,
  updateIssueComment,
  type Repository,
} from '../github/issue-comments.js';
import { syncLabels } from '../github/labels.js';
import { isPermissionDenied, type GitHubClient } from '../github/octokit.js';
import type { PlanSummary } from '../plan/types.js';
import { labelsFor, managedLabels } from '../render/labels.js';
import { parseMarker, sameTarget, type ReviewMarker, type ReviewStatus } from '../render/marker.js';
import { editedCommentNotice, failedPlanCommentBody, withStatus } from '../render/review-comment.js';
import type { Log } from '../runtime.js';
import type { CommentPolicy, ReviewTarget } from '../settings.js';

export interface PullRequestRef {
  readonly repository: Repository;
  readonly number: number;
}

export interface ReviewComment {
  readonly id: number;
  readonly nodeId: string;
  readonly url: string;
  readonly body: string;
  readonly marker: ReviewMarker;
}

export type ReviewContent =
  /** The review comment's body (render/review-comment.ts reviewCommentBody), and the plan it shows (for labels). */
  | { readonly kind: 'plan'; readonly summary: PlanSummary; readonly body: string }
  | { readonly kind: 'failure'; readonly reason: string; readonly message: string };

export interface PublishOptions {
  readonly target: ReviewTarget;
  readonly comment: CommentPolicy;
  readonly runUrl: string | undefined;
}

/**
 * Every comment the action wrote for this target, oldest first: its marker names the same directory, workspace and
 * label, and its author is the token's own identity (GraphQL `viewer`: the user of a personal token, the app's bot
 * for an app token). Never "any bot": another bot, or a workflow of a pull request using another app, may copy the
 * marker.
 */
export async function findReviewComments(
  client: GitHubClient,
  pr: PullRequestRef,
  target: ReviewTarget,
): Promise<ReviewComment[]> {
  const login = await viewerLogin(client);
  const found: ReviewComment[] = [];
  for await (const comment of listIssueComments(client, pr.repository, pr.number)) {
    const marker = parseMarker(comment.body);
    if (marker && sameTarget(marker, target) && comment.author?.login === login) {
      found.push({ id: comment.id, nodeId: comment.nodeId, url: comment.url, body: comment.body, marker });
    }
  }
  return found;
}

/** What GitHub records of a review comment: who but the action touched it, and when its text was last written. */
export interface ReviewHistory {
  readonly foreignEditors: readonly string[];
  /** GitHub's time of its last edit, or of its creation: no writer can move it back. */
  readonly writtenAt: string;
}

/**
 * Who but the action touched the comment (anyone with write access can edit any comment, and GitHub keeps the
 * author as it was: its edit history, GraphQL `userContentEdits`, names every editor), and when it was last written.
 */
export async function reviewHistory(client: GitHubClient, comment: ReviewComment): Promise<ReviewHistory> {
  const login = await viewerLogin(client);
  const history = await commentHistory(client, comment.nodeId);
  const others = history.editors.filter((editor) => editor !== login);
  const foreign = history.author === login ? others : [history.author ?? 'ghost', ...others];
  return { foreignEditors: foreign, writtenAt: history.writtenAt };
}

/** Whether an apply has already started from this review: then it can't approve another. */
export function isUsed(marker: ReviewMarker): boolean {
  return marker.status === 'applying' || marker.status === 'applied' || marker.status === 'apply-failed';
}

function body(content: ReviewContent, options: PublishOptions): string {
  if (content.kind === 'plan') return content.body;
  return failedPlanCommentBody(content.reason, content.message, {
    marker: options.target,
    runUrl: options.runUrl,
  });
}

function warn(log: Log, what: string, e: unknown): void {
  const hint = isPermissionDenied(e)
    ? 'the token may not write here (a pull request from a fork gets a read-only token; otherwise give the job ' +
      '`permissions: pull-requests: write, issues: write`)'
    : errorMessage(e);
  log.warning(`The review was not ${what} (${hint}). The job summary has the whole review.`);
}

/** Now, in whole seconds: GitHub's times (merged_at, events) have no fractions. */
export function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The one comment to keep: the oldest, unless someone else edited it. Duplicates (a lost answer, two runs at once)
 * are deleted. An edited one can never approve again: it is emptied into a notice that names the editors (GitHub
 * keeps its edit history, the evidence) and loses its marker, and the caller posts a fresh review.
 */
async function keepOne(
  client: GitHubClient,
  log: Log,
  pr: PullRequestRef,
  comments: readonly ReviewComment[],
): Promise<ReviewComment | undefined> {
  const [oldest, ...duplicates] = comments;
  for (const duplicate of duplicates) {
    await deleteIssueComment(client, pr.repository, duplicate.id);
    log.info(`Deleted a second review comment for the same directory: ${duplicate.url}`);
  }
  if (!oldest) return undefined;
  const editors = (await reviewHistory(client, oldest)).foreignEditors;
  if (editors.length === 0) return oldest;
  log.warning(
    `The review comment ${oldest.url} was edited by ${editors.join(', ')}, so it can't approve an apply: a new ` +
      'review is posted. Only the action may write its review.',
  );
  await updateIssueComment(client, pr.repository, oldest.id, editedCommentNotice(editors));
  return undefined;
}

/** Tries to create a comment: a GitHub error (a 502, a lost answer) gets this many tries in all. */
const CREATE_TRIES = 3;

/**
 * Creates the comment, and makes sure there is one: a create that failed may still have been made (GitHub made it,
 * the answer was lost), so before each new try the comment is looked for, and a pull request never gets two.
 */
async function createOnce(
  client: GitHubClient,
  pr: PullRequestRef,
  target: ReviewTarget,
  text: string,
): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      if (attempt > 1) {
        const [made] = await findReviewComments(client, pr, target);
        if (made) return (await updateIssueComment(client, pr.repository, made.id, text)).url;
      }
      return (await createIssueComment(client, pr.repository, pr.number, text, { once: true })).url;
    } catch (e) {
      if (isPermissionDenied(e) || attempt >= CREATE_TRIES) throw e;
    }
  }
}

async function postComment(
  client: GitHubClient,
  log: Log,
  pr: PullRequestRef,
  content: ReviewContent,
  options: PublishOptions,
): Promise<string | undefined> {
  const comments = await findReviewComments(client, pr, options.target);
  const used = comments.find((c) => isUsed(c.marker));
  if (used) {
    // Used stays used: rewriting it would make an applied review approve again.
    log.warning(
      `This pull request's review was applied already (${used.url}), so it is left as it is and no new review is ` +
        'posted: the plan above is in this job summary. Open a new pull request for further changes.',
    );
    return used.url;
  }
  // changes-only still updates an existing comment, so a stale plan is never left standing.
  const create = options.comment === 'always' || content.kind === 'failure' || content.summary.hasChanges;
  const existing = await keepOne(client, log, pr, comments);
  const text = body(content, options);
  if (existing) {
    const { url } = await updateIssueComment(client, pr.repository, existing.id, text);
    log.info(`Review updated: ${url}`);
    return url;
  }
  if (!create) return undefined;
  const url = await createOnce(client, pr, options.target, text);
  log.info(`Review posted: ${url}`);
  return url;
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
    try {
      url = await postComment(client, log, pr, content, options);
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

/** Which review's status to set, to what, and whether the apply must stop when GitHub can't be told. */
export interface StatusUpdate {
  readonly repository: Repository;
  readonly comment: ReviewComment;
  readonly status: ReviewStatus;
  readonly runUrl: string | undefined;
  /** An apply must never start from a review that does not say "applying": then a failure stops it. */
  readonly required?: boolean;
}

/** Moves the review comment's status along. A GitHub problem here is a warning, unless the update is `required`. */
export async function setReviewStatus(client: GitHubClient, log: Log, update: StatusUpdate): Promise<void> {
  const { repository, comment, status, runUrl } = update;
  try {
    await updateIssueComment(
      client,
      repository,
      comment.id,
      withStatus(comment.body, comment.marker, status, runUrl),
    );
  } catch (e) {
    if (update.required) {
      throw new ActionError(
        'github-unavailable',
        `the review comment could not be marked "${status.kind}" (${errorMessage(e)}), so nothing was applied: re-run the job once GitHub answers`,
      );
    }
    log.warning(`The review comment's status was not updated (${errorMessage(e)}).`);
  }
}
