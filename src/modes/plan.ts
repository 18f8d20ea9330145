// Plan mode: plan (or review a given plan-json) and report it; on a pull request, put the review in the sticky
// comment and the labels. A failed plan is commented too, so a stale review never stands; then the step fails.

import { asActionError } from '../errors.js';
import { planRunOutputs, type Outputs } from '../outputs.js';
import { FORK_NOTICE, forkSummaryMarkdown } from '../render/fork.js';
import type { GitHubSettings, Settings } from '../settings.js';
import type { ModeContext } from './context.js';
import { scrubAroundMarkers } from '../render/marker.js';
import { reviewCommentBody } from '../render/review-comment.js';
import { readReviewComment, reviewDigest } from '../render/review-text.js';
import { keepPlanRecord, uploadPlanFile } from './plan-artifact.js';
import { planAndReport, type PlannedRun } from './plan-and-report.js';
import { now, publishReview, type PullRequestRef, type ReviewContent } from './review-comment.js';
import { artifactsUnavailable } from './run-records.js';
import { changeFacts } from '../approvals/requirements.js';
import { gatePull, judgePull, outlookOf } from './pull-approvals.js';

function pullRequestOf(github: GitHubSettings): PullRequestRef | undefined {
  const { repository, pullRequest } = github;
  return repository && pullRequest ? { repository, number: pullRequest } : undefined;
}

export async function runPlanMode(settings: Settings, context: ModeContext): Promise<Outputs> {
  const pr = pullRequestOf(settings.github);
  const publish = (content: ReviewContent): Promise<string | undefined> =>
    pr && context.github
      ? publishReview(context.github, context.runtime, pr, content, {
          target: settings.target,
          comment: settings.github.comment,
          runUrl: settings.github.runUrl,
        })
      : Promise.resolve(undefined);
  let planned: PlannedRun;
  try {
    planned = await planAndReport(settings, context);
  } catch (e) {
    const failure = asActionError(e);
    if (failure.reason === 'credentials-missing' && settings.github.fromFork) {
      // Not a failure of the change: a fork's run has no secrets. Nothing is reviewed, so nothing can be applied.
      context.runtime.warning(FORK_NOTICE);
      await context.runtime.appendSummary(forkSummaryMarkdown(settings.target.directory));
      return {};
    }
    // Any failure replaces the review, so the last plan's fingerprint approves nothing any more. Scrubbed before
    // the comment cuts it to fit: a cut secret would no longer be recognised.
    await publish({
      kind: 'failure',
      reason: failure.reason,
      message: context.secrets.scrub(failure.message),
    });
    throw failure;
  }
  const { summary, fingerprint, outputs } = planned;
  await uploadPlanFile(settings, planned, context);
  // The review names this run, where its record (and plan file) are, whenever the run can keep artifacts.
  const planRun = artifactsUnavailable(settings) ? undefined : settings.github.runId;
  const plannedAt = now();
  const marker = { ...settings.target, plannedAt, fingerprint, ...(planRun ? { planRun } : {}) };
  const facts = changeFacts(summary);
  const judged = pr ? await judgePull(facts, settings, context) : undefined;
  const merging = judged ? { merging: outlookOf(judged, settings) } : {};
  // As GitHub will hold it: the client scrubs what it sends (main.ts), and the record must be of that very text.
  const scrub = (text: string): string => scrubAroundMarkers(text, (part) => context.secrets.scrub(part));
  const body = pr
    ? scrub(reviewCommentBody(summary, { marker, runUrl: settings.github.runUrl, ...merging }))
    : undefined;
  const shown = body === undefined ? undefined : readReviewComment(body);
  // Before the review is posted: the record vouches for exactly the text it shows.
  const digest = shown && 'review' in shown ? reviewDigest(shown.review) : undefined;
  await keepPlanRecord(settings, planned, { plannedAt, digest, facts }, context);
  const commentUrl = body === undefined ? undefined : await publish({ kind: 'plan', summary, body });
  // After the review is up: the check links to the run, whose review says what is needed.
  if (judged) await gatePull(judged, settings, context, { askReviewers: true });
  return { ...outputs, ...(commentUrl ? planRunOutputs({ fingerprint, commentUrl }) : {}) };
}
