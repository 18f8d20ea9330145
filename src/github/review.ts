// Puts the review on the pull request: the sticky comment and the labels. GitHub trouble never fails the step:
// the job summary already holds the whole review, so a read-only token (a fork's PR) or an outage is a warning.

import * as core from '@actions/core';
import { errorMessage } from '../errors.js';
import type { PlanSummary } from '../plan/types.js';
import { failedPlanCommentBody, reviewCommentBody, type CommentContext } from '../render/pr-comment.js';
import type { GitHubSettings } from '../settings.js';
import { upsertReviewComment, type Repository } from './comments.js';
import { labelsFor, syncLabels } from './labels.js';
import { createGitHubClient, isPermissionDenied } from './octokit.js';

export type ReviewContent =
  | { readonly kind: 'plan'; readonly summary: PlanSummary }
  | { readonly kind: 'failure'; readonly reason: string; readonly message: string };

interface PullRequestTarget {
  readonly repository: Repository;
  readonly number: number;
}

function target(github: GitHubSettings): PullRequestTarget | undefined {
  if (!github.pullRequest || !github.repository) return undefined;
  return { repository: github.repository, number: github.pullRequest };
}

function warn(what: string, e: unknown): void {
  const hint = isPermissionDenied(e)
    ? 'the token may not write here (a pull request from a fork gets a read-only token; otherwise give the job ' +
      '`permissions: pull-requests: write, issues: write`)'
    : errorMessage(e);
  core.warning(`The review was not ${what} (${hint}). The job summary has the whole review.`);
}

/** Comments and labels; returns the comment's URL when there is one. */
export async function publishReview(
  github: GitHubSettings,
  content: ReviewContent,
  context: CommentContext,
): Promise<string | undefined> {
  const pr = target(github);
  if (!pr) return undefined;
  const client = createGitHubClient(github.token, github.apiUrl);
  let url: string | undefined;
  if (github.comment !== 'never') {
    // changes-only still updates an existing comment, so a stale plan is never left standing.
    const create = github.comment === 'always' || content.kind === 'failure' || content.summary.hasChanges;
    const body =
      content.kind === 'plan'
        ? reviewCommentBody(content.summary, context)
        : failedPlanCommentBody(content.reason, content.message, context);
    try {
      const posted = await upsertReviewComment(
        client,
        pr.repository,
        pr.number,
        context.marker,
        body,
        create,
      );
      url = posted?.url;
      if (posted) core.info(`Review ${posted.created ? 'posted' : 'updated'}: ${posted.url}`);
    } catch (e) {
      warn('commented on the pull request', e);
    }
  }
  try {
    const summary = content.kind === 'plan' ? content.summary : undefined;
    await syncLabels(client, pr.repository, pr.number, github.label, labelsFor(summary, github.label));
  } catch (e) {
    warn('labelled', e);
  }
  return url;
}
