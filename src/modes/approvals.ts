// Approvals mode (mode: auto on pull_request_review: submitted, edited, dismissed): judge the pull request's
// approvals again, without planning, and write the verdict on its head commit (pull-approvals.ts). What the plan
// changes comes from the plan run's record, an artifact of a run GitHub says a pull_request event started on this
// very head (plan-run.ts): never from the review comment, which anyone with write access can edit. Without such a
// record (the plan has not run on this head, or the job can't read artifacts), the check waits for a plan.

import type { ChangeFacts } from '../approvals/requirements.js';
import { ActionError } from '../errors.js';
import { setCommitStatus } from '../github/approvals.js';
import type { GitHubClient } from '../github/octokit.js';
import type { Outputs } from '../outputs.js';
import type { Settings } from '../settings.js';
import type { ModeContext } from './context.js';
import { planRunRecords } from './plan-run.js';
import { approvalsCheckName, gatePull, judgePull } from './pull-approvals.js';
import { findReviewComments } from './review-comment.js';

/** The newest plan record's facts of a trusted plan run of this head, or why there are none. */
async function recordedFacts(
  github: GitHubClient,
  settings: Settings,
  pull: { readonly number: number; readonly headSha: string },
): Promise<{ readonly facts: readonly ChangeFacts[] } | { readonly why: string }> {
  const repository = settings.github.repository;
  if (!repository) return { why: 'the run names no repository' };
  const comments = await findReviewComments(github, { repository, number: pull.number }, settings.target);
  const run = comments.at(-1)?.marker.planRun;
  if (!run) return { why: 'no plan of this target on the pull request names a run that kept a record' };
  const { target, tempDir } = settings;
  const found = await planRunRecords(github, Number(run), { repository, target, tempDir, pull });
  if ('why' in found) return found;
  const facts = found.records[0]?.approvalFacts;
  return facts ? { facts } : { why: `run ${run} kept no approval facts (a plan of an earlier version)` };
}

export async function runApprovalsMode(settings: Settings, context: ModeContext): Promise<Outputs> {
  const { repository, pullRequest, pull } = settings.github;
  const { github } = context;
  if (!github || !repository || !pullRequest || !pull) {
    throw new ActionError(
      'invalid-input',
      "mode approvals judges a pull request's reviews: run it on pull_request_review events (mode: auto does) with a github-token",
    );
  }
  const recorded = await recordedFacts(github, settings, { number: pullRequest, headSha: pull.headSha });
  if ('why' in recorded) {
    const why = `Can't judge approvals until the plan runs on this commit: ${recorded.why}.`;
    await setCommitStatus(github, repository, pull.headSha, {
      state: 'pending',
      context: approvalsCheckName(settings.target),
      description: why,
      targetUrl: settings.github.runUrl,
    });
    context.runtime.warning(why);
    return {};
  }
  const judged = await judgePull(recorded.facts, settings, context);
  if (judged) await gatePull(judged, settings, context, { askReviewers: false });
  return {};
}
