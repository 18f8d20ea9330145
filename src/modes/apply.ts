// Apply mode: plan the merged code once, check it is the plan that was approved (same fingerprint, high-risk
// deletes approved), then apply exactly that saved plan file: no second refresh, which matters under Okta's rate
// limits. The review comment says applying → applied / failed / not applied; once an apply starts from a review,
// that review can't approve another.

import * as core from '@actions/core';
import { ActionError, errorMessage } from '../errors.js';
import { updateComment } from '../github/comments.js';
import type { Outputs } from '../outputs.js';
import { comparePlans } from '../plan/fingerprint.js';
import {
  appliedCounts,
  applyReportMarkdown,
  differenceText,
  notAttempted,
  withStatus,
  type ApplyStatus,
} from '../render/apply-report.js';
import { isUsed, renderMarker, type ReviewStatus } from '../render/marker.js';
import { writeMarkdownSummary } from '../render/step-summary.js';
import type { Settings } from '../settings.js';
import type { PlanResult } from '../terraform/session.js';
import { checkHighRisk, findApproval, type Approval } from './approval.js';
import { planAndReport, refusePlanJson } from './report.js';

/** Moves the review comment's status along; a GitHub problem here is a warning, never a reason to stop. */
async function setStatus(approval: Approval, settings: Settings, status: ApplyStatus): Promise<void> {
  if (approval.kind !== 'review') return;
  const marker = renderMarker({ ...approval.comment.marker, status: status.kind as ReviewStatus });
  const body = withStatus(approval.comment.body, marker, status, settings.github.runUrl);
  try {
    await updateComment(approval.client, approval.repository, approval.comment.id, body);
  } catch (e) {
    core.warning(`The review comment's status was not updated (${errorMessage(e)}).`);
  }
}

async function refuseChangedPlan(approval: Approval, settings: Settings, result: PlanResult): Promise<never> {
  const objects = approval.kind === 'review' ? approval.comment.marker.objects : undefined;
  const difference = objects ? comparePlans(objects, result.digests) : undefined;
  const status: ApplyStatus = { kind: 'plan-changed', difference };
  await setStatus(approval, settings, status);
  const what = differenceText(difference);
  await writeMarkdownSummary(`### Not applied: the plan changed since it was approved\n\n${what}\n`);
  throw new ActionError(
    'plan-changed',
    `the plan differs from the one approved, so nothing was applied. ${what} Review the new plan, then merge or dispatch again`,
  );
}

export async function runApplyMode(settings: Settings): Promise<Outputs> {
  refusePlanJson(settings);
  const approval = await findApproval(settings);
  const { session, result, fingerprint, outputs } = await planAndReport(settings);
  const { summary } = result;
  if (!result.hasChanges) {
    core.info('Nothing to apply: the Okta org already matches the configuration.');
    return outputs;
  }
  if (approval.kind === 'review' && isUsed(approval.comment.marker)) {
    throw new ActionError(
      'plan-not-found',
      `the review in pull request #${approval.pullRequest} was already used by an earlier apply, and these changes were never reviewed: open a pull request for them`,
    );
  }
  if (approval.kind !== 'auto' && approval.fingerprint !== fingerprint)
    await refuseChangedPlan(approval, settings, result);
  checkHighRisk(approval, settings, summary);

  await setStatus(approval, settings, { kind: 'applying' });
  const { report, failure } = await session.runner.apply(result.planFile, settings.terraform.parallelism);
  if (failure) {
    const skipped = notAttempted(report, summary.changes).length;
    await setStatus(approval, settings, {
      kind: 'apply-failed',
      report,
      reason: failure.reason,
      message: failure.message,
      notAttempted: skipped,
    });
    await writeMarkdownSummary(applyReportMarkdown(report, summary.changes));
    throw failure;
  }
  await setStatus(approval, settings, { kind: 'applied', report });
  core.info(`Applied: ${appliedCounts(report)}.`);
  await writeMarkdownSummary(`### Applied\n\n${appliedCounts(report)}.\n`);
  return outputs;
}
