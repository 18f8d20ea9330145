// Apply mode: plan the merged code once, check that a review shows exactly this plan (approve-review.ts) or that it
// is the approved dispatch's, that the approvals its changes need were given (apply-approvals.ts), then apply
// exactly that saved plan file. With apply-from: plan-file, the reviewed run's own plan file instead, when it is
// there and made from the merged configuration: then the org is not refreshed a second time. The review comment
// says applying → applied / failed; a review that can't be marked applying applies nothing. Before marking it, the
// run keeps its own record of what it applies (apply-records.ts): a re-run of this run goes on with what is left of
// it, object by object, and nothing else; once it applied, nothing more.

import { ActionError } from '../errors.js';
import type { Outputs } from '../outputs.js';
import { appliedCounts, applyReportMarkdown, notAttempted } from '../render/apply-report.js';
import type { ReviewStatus } from '../render/marker.js';
import type { Settings } from '../settings.js';
import { keepApplyRecord } from './apply-records.js';
import { leaveNotAppliedNotice } from './apply-notice.js';
import { findApproval, usedReview, type ApprovalGate } from './approval.js';
import { checkApprovals } from './apply-approvals.js';
import { approveReviews, type Approval } from './approve-review.js';
import type { ModeContext } from './context.js';
import { refuseDispatch } from './dispatch-refusal.js';
import { planAndReport, tellThrottling, type PlannedRun } from './plan-and-report.js';
import { checkRemainder } from './resume.js';
import { setReviewStatus } from './review-comment.js';
import { planSource } from './reviewed-plan-file.js';
import { recordObjects } from './run-records.js';
import { timed } from '../terraform/command-log.js';
import { UNFINISHED_APPLY_STATE, type UnfinishedApply } from './unfinished-apply.js';

/** The approval of what was planned, or the refusal, said on the pull request and in the job summary. */
async function approve(
  gate: ApprovalGate,
  planned: PlannedRun,
  settings: Settings,
  context: ModeContext,
): Promise<Approval> {
  switch (gate.kind) {
    case 'auto':
      return gate;
    case 'used':
      throw usedReview(gate.pull, gate.why);
    case 'fingerprint':
      if (planned.fingerprint !== gate.fingerprint)
        await refuseDispatch(gate.fingerprint, planned, settings, context);
      return gate;
    case 'resume':
      checkRemainder(gate.record, planned, gate, context.runtime);
      return { ...gate, reviewWrittenAt: gate.record.reviewWrittenAt };
    case 'reviews': {
      const result = await approveReviews(gate, planned, { settings, context });
      if (result.kind !== 'refused') return result;
      if (result.difference !== undefined) {
        const what = result.difference;
        await context.runtime.appendSummary(
          `### Not applied: the plan changed since it was reviewed\n\n${what}\n`,
        );
        if (context.github) {
          const notice = { target: settings.target, what, runUrl: settings.github.runUrl };
          await leaveNotAppliedNotice(context.github, gate.pullRequest, notice, context.runtime);
        }
      }
      throw result.error;
    }
  }
}

/** This run's record of the apply it begins, or has finished (apply-records.ts); none for dispatch or auto-approve. */
async function keepRecord(
  state: 'applying' | 'applied',
  approval: Approval,
  planned: PlannedRun,
  settings: Settings,
  context: ModeContext,
): Promise<void> {
  if (approval.kind !== 'review' && approval.kind !== 'resume') return;
  // A resumed apply keeps the first attempt's objects: what the review approved, not what is left of it.
  const applied =
    approval.kind === 'resume'
      ? approval.record
      : {
          fingerprint: planned.fingerprint,
          context: planned.contextDigest,
          objects: recordObjects(planned.digests),
        };
  await keepApplyRecord(
    settings,
    {
      state,
      pullRequest: approval.pull.number,
      commentId: approval.kind === 'resume' ? approval.record.commentId : approval.comment.id,
      reviewWrittenAt: approval.reviewWrittenAt,
      fingerprint: applied.fingerprint,
      context: applied.context,
      objects: applied.objects,
    },
    context.runtime,
  );
}

export async function runApplyMode(settings: Settings, context: ModeContext): Promise<Outputs> {
  const { runtime } = context;
  const gate = await findApproval(settings, context.github);
  const source = await planSource(settings, context, gate);
  const planned = await planAndReport(settings, context, source.kind === 'plan-file' ? source : undefined);
  const { summary, outputs, terraform } = planned;
  if (!terraform?.hasChanges) {
    runtime.info('Nothing to apply: the Okta org already matches the configuration.');
    return outputs;
  }
  const approval = await timed(runtime, 'review check', () => approve(gate, planned, settings, context));
  await timed(runtime, 'approvals check', () => checkApprovals(summary, approval, settings, context));
  const review = approval.kind === 'review' || approval.kind === 'resume' ? approval : undefined;
  const setStatus = async (status: ReviewStatus, required = false): Promise<void> => {
    const comment = review?.comment;
    if (!comment || !review || !context.github) return;
    const { repository } = review.pullRequest;
    const update = { repository, comment, status, runUrl: settings.github.runUrl, required };
    await setReviewStatus(context.github, runtime, update);
  };

  if (context.cancel.aborted)
    throw new ActionError('cancelled', 'the job was cancelled before the apply: nothing was applied');
  // Kept before the review is marked: a re-run of this run reads it to go on with what is left.
  await keepRecord('applying', approval, planned, settings, context);
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
    // A stale plan file: Terraform refused it before changing anything. This run's record lets a re-run plan again.
    const why =
      'The state changed after this plan was made, so Terraform refused its plan file; nothing was applied.';
    await setStatus({ kind: 'plan-changed', difference: undefined, why });
    runtime.saveState(UNFINISHED_APPLY_STATE, '');
    throw failure;
  }
  const approvedBy = approval.kind === 'resume' ? 'review' : approval.kind;
  if (failure) {
    await setStatus({
      kind: 'apply-failed',
      report,
      reason: failure.reason,
      message: context.secrets.scrub(failure.message),
      notAttempted: notAttempted(report, summary.changes).length,
    });
    runtime.saveState(UNFINISHED_APPLY_STATE, '');
    await runtime.appendSummary(applyReportMarkdown(report, summary.changes, approvedBy));
    throw failure;
  }
  await setStatus({ kind: 'applied', report });
  runtime.saveState(UNFINISHED_APPLY_STATE, '');
  await keepRecord('applied', approval, planned, settings, context);
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
  const reviewed = approval.kind === 'review' || approval.kind === 'resume' ? approval : undefined;
  const review = reviewed?.comment
    ? {
        review: {
          repository: reviewed.pullRequest.repository,
          commentId: reviewed.comment.id,
          ...(runUrl ? { runUrl } : {}),
        },
      }
    : {};
  return { workingDirectory, tempDir, binary: session.binary, ...review };
}
