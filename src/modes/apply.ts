// Apply mode: plan the merged code once, check it is the plan that was approved (same fingerprint, high-risk
// deletes approved), then apply exactly that saved plan file. With apply-from: plan-file, the reviewed run's own
// plan file instead, when it is there and made from the merged configuration: then the org is not refreshed a
// second time, and the merge makes only the writes' Okta API calls. The review comment says applying → applied /
// failed / not applied; a review that can't be marked applying applies nothing. A re-run after a part-way failure
// applies what the review showed and is not applied yet, object by object, and nothing else; once an apply from a
// review succeeded, that review approves no other.

import { ActionError } from '../errors.js';
import type { Outputs } from '../outputs.js';
import { comparePlans } from '../plan/fingerprint.js';
import { appliedCounts, applyReportMarkdown, differenceText, notAttempted } from '../render/apply-report.js';
import type { ReviewStatus } from '../render/marker.js';
import type { Settings } from '../settings.js';
import { findApproval, type Approval } from './approval.js';
import type { ModeContext } from './context.js';
import { checkHighRisk } from './high-risk-approval.js';
import { planAndReport, tellThrottling, type PlannedRun } from './plan-and-report.js';
import { setReviewStatus } from './review-comment.js';
import { planSource } from './reviewed-plan-file.js';
import { UNFINISHED_APPLY_STATE, type UnfinishedApply } from './unfinished-apply.js';

type ReviewApproval = Extract<Approval, { kind: 'review' }>;

export async function runApplyMode(settings: Settings, context: ModeContext): Promise<Outputs> {
  const { runtime } = context;
  const approval = await findApproval(settings, context.github);
  const source = await planSource(settings, context, approval);
  const planned = await planAndReport(settings, context, source.kind === 'plan-file' ? source : undefined);
  const { summary, fingerprint, outputs, terraform } = planned;
  if (!terraform?.hasChanges) {
    runtime.info('Nothing to apply: the Okta org already matches the configuration.');
    return outputs;
  }
  const setStatus = async (status: ReviewStatus, required = false): Promise<void> => {
    if (approval.kind !== 'review' || !context.github) return;
    const { repository } = approval.pullRequest;
    const { runUrl } = settings.github;
    await setReviewStatus(context.github, runtime, repository, approval.comment, status, runUrl, required);
  };
  if (approval.kind === 'used') {
    throw new ActionError(
      'plan-not-found',
      `the review in pull request #${approval.pullRequest.number} was already used by an earlier apply, and these changes were never reviewed${approval.why ? ` (${approval.why})` : ''}: open a pull request for them`,
    );
  }
  if (approval.kind === 'review' && approval.resume) checkRemainder(approval, planned, context);
  else if (approval.kind !== 'auto' && approval.fingerprint !== fingerprint) {
    await refuseChangedPlan(approval, planned, setStatus, context);
  }
  await checkHighRisk(summary, approval, {
    allowHighRisk: settings.allowHighRisk,
    github: context.github,
    blockOn: settings.blockOn,
  });

  if (context.cancel.aborted)
    throw new ActionError('cancelled', 'the job was cancelled before the apply: nothing was applied');
  // Marked first, or nothing is applied: an unmarked review could approve a second apply.
  await setStatus({ kind: 'applying' }, true);
  // Until the review's status is set, the post step finishes the apply if this step is killed.
  runtime.saveState(
    UNFINISHED_APPLY_STATE,
    JSON.stringify(unfinishedApply(settings, terraform.session, approval)),
  );
  const { report, failure, erroredState } = await terraform.session.apply(terraform.planFile);
  await tellThrottling(terraform.session, runtime);
  // Before any of it is cut to fit a status line or the job summary (addresses can hold a secret for_each key).
  context.secrets.scrubInPlace(report);
  if (erroredState?.kind === 'not-saved') runtime.setOutput('errored-state-path', erroredState.file);
  if (failure?.reason === 'plan-changed') {
    // A stale plan file: Terraform refused it before changing anything, so the review is not spent.
    const why =
      'The state changed after this plan was made, so Terraform refused its plan file; nothing was applied.';
    await setStatus({ kind: 'plan-changed', difference: undefined, why });
    runtime.saveState(UNFINISHED_APPLY_STATE, '');
    throw failure;
  }
  if (failure) {
    await setStatus({
      kind: 'apply-failed',
      report,
      reason: failure.reason,
      message: context.secrets.scrub(failure.message),
      notAttempted: notAttempted(report, summary.changes).length,
    });
    runtime.saveState(UNFINISHED_APPLY_STATE, '');
    await runtime.appendSummary(applyReportMarkdown(report, summary.changes, approval.kind));
    throw failure;
  }
  await setStatus({ kind: 'applied', report });
  runtime.saveState(UNFINISHED_APPLY_STATE, '');
  runtime.info(`Applied: ${appliedCounts(report)}.`);
  await runtime.appendSummary(`### Applied\n\n${appliedCounts(report)}.\n`);
  return outputs;
}

function unfinishedApply(
  settings: Settings,
  session: { readonly binary: string },
  approval: Approval,
): UnfinishedApply {
  const { workingDirectoryPath: workingDirectory, tempDir } = settings;
  const { runUrl } = settings.github;
  const review =
    approval.kind === 'review'
      ? {
          review: {
            repository: approval.pullRequest.repository,
            commentId: approval.comment.id,
            ...(runUrl ? { runUrl } : {}),
          },
        }
      : {};
  return { workingDirectory, tempDir, binary: session.binary, ...review };
}

/**
 * A re-run after a part-way failure: every change left must be one the review showed, with the digest it had then,
 * in the reviewed directory, workspace, backend, -target and providers. What the review had and the plan no longer
 * has was applied by the earlier run. Anything else: nothing is applied, and the review keeps its status.
 */
function checkRemainder(approval: ReviewApproval, planned: PlannedRun, context: ModeContext): void {
  const { objects = {}, context: reviewedContext } = approval.comment.marker;
  const difference = comparePlans(objects, planned.digests);
  const sameContext = reviewedContext === planned.contextDigest;
  if (difference.added.length === 0 && difference.changed.length === 0 && sameContext) {
    context.runtime.info(
      `Resuming the apply of pull request #${approval.pullRequest.number}'s review: ${planned.digests.size} ` +
        `reviewed change(s) left, ${difference.dropped} applied by the earlier run.`,
    );
    return;
  }
  // Reviewed objects gone from the plan are those the earlier run applied: not a difference here.
  const what = sameContext
    ? differenceText({ ...difference, dropped: 0 })
    : 'The directory, workspace, backend, -target or provider versions differ from the review.';
  throw new ActionError(
    'plan-changed',
    `an earlier apply of this review stopped part-way, and what is left is not only what was reviewed, so nothing was applied. ${what} Open a pull request for what is left`,
  );
}

async function refuseChangedPlan(
  approval: Extract<Approval, { kind: 'review' | 'fingerprint' }>,
  planned: PlannedRun,
  setStatus: (status: ReviewStatus) => Promise<void>,
  context: ModeContext,
): Promise<never> {
  const objects = approval.kind === 'review' ? approval.comment.marker.objects : undefined;
  const difference = objects ? comparePlans(objects, planned.digests) : undefined;
  await setStatus({ kind: 'plan-changed', difference });
  const what = differenceText(difference);
  await context.runtime.appendSummary(`### Not applied: the plan changed since it was approved\n\n${what}\n`);
  throw new ActionError(
    'plan-changed',
    `the plan differs from the one approved, so nothing was applied. ${what} Review the new plan, then merge or dispatch again`,
  );
}
