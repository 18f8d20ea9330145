// Apply mode: plan the merged code once, check it is the plan that was approved (same fingerprint, high-risk
// deletes approved), then apply exactly that saved plan file: no second refresh, which matters under Okta's rate
// limits. The review comment says applying → applied / failed / not applied; once an apply starts from a review,
// that review can't approve another.

import { ActionError } from '../errors.js';
import type { Outputs } from '../outputs.js';
import { comparePlans } from '../plan/fingerprint.js';
import { appliedCounts, applyReportMarkdown, differenceText, notAttempted } from '../render/apply-report.js';
import type { ReviewStatus } from '../render/marker.js';
import type { Settings } from '../settings.js';
import { findApproval, type Approval } from './approval.js';
import type { ModeContext } from './context.js';
import { checkHighRisk } from './high-risk-approval.js';
import { planAndReport, type PlannedRun } from './plan-and-report.js';
import { setReviewStatus } from './review-comment.js';

export async function runApplyMode(settings: Settings, context: ModeContext): Promise<Outputs> {
  const { runtime } = context;
  const approval = await findApproval(settings, context.github);
  const planned = await planAndReport(settings, context);
  const { summary, fingerprint, outputs, terraform } = planned;
  if (!terraform?.hasChanges) {
    runtime.info('Nothing to apply: the Okta org already matches the configuration.');
    return outputs;
  }
  const setStatus = async (status: ReviewStatus): Promise<void> => {
    if (approval.kind !== 'review' || !context.github) return;
    const { repository } = approval.pullRequest;
    await setReviewStatus(
      context.github,
      runtime,
      repository,
      approval.comment,
      status,
      settings.github.runUrl,
    );
  };
  if (approval.kind === 'used') {
    throw new ActionError(
      'plan-not-found',
      `the review in pull request #${approval.pullRequest.number} was already used by an earlier apply, and these changes were never reviewed: open a pull request for them`,
    );
  }
  if (approval.kind !== 'auto' && approval.fingerprint !== fingerprint) {
    await refuseChangedPlan(approval, planned, setStatus, context);
  }
  await checkHighRisk(summary, approval, { allowHighRisk: settings.allowHighRisk, github: context.github });

  await setStatus({ kind: 'applying' });
  const { report, failure } = await terraform.session.apply(terraform.planFile);
  // Before any of it is cut to fit a status line or the job summary (addresses can hold a secret for_each key).
  context.secrets.scrubInPlace(report);
  if (failure) {
    await setStatus({
      kind: 'apply-failed',
      report,
      reason: failure.reason,
      message: context.secrets.scrub(failure.message),
      notAttempted: notAttempted(report, summary.changes).length,
    });
    await runtime.appendSummary(applyReportMarkdown(report, summary.changes));
    throw failure;
  }
  await setStatus({ kind: 'applied', report });
  runtime.info(`Applied: ${appliedCounts(report)}.`);
  await runtime.appendSummary(`### Applied\n\n${appliedCounts(report)}.\n`);
  return outputs;
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
