// The job summary: the same review as the comment, with GitHub's larger limit for step summaries.

import * as core from '@actions/core';
import type { PlanSummary } from '../plan/types.js';
import { renderReview, STEP_SUMMARY_BUDGET } from './comment.js';
import { escapeLine } from './markdown.js';

export interface StepSummaryContext {
  readonly directory: string;
  readonly workspace: string;
  /** Where the whole summary is, when even the job summary has to be shortened. */
  readonly summaryJsonPath: string;
}

/** False when the runner gives no GITHUB_STEP_SUMMARY (a local run): nothing to write to. */
async function write(markdown: string): Promise<boolean> {
  if (!process.env.GITHUB_STEP_SUMMARY) return false;
  await core.summary.addRaw(markdown, true).write();
  return true;
}

export async function writeReviewSummary(
  summary: PlanSummary,
  context: StepSummaryContext,
): Promise<boolean> {
  const { markdown } = renderReview(summary, {
    directory: context.directory,
    workspace: context.workspace,
    moreAt: `the step's \`summary-json\` output (${context.summaryJsonPath})`,
    budget: STEP_SUMMARY_BUDGET,
  });
  return write(markdown);
}

/** Any other section (an apply report, why nothing was applied). */
export function writeMarkdownSummary(markdown: string): Promise<boolean> {
  return write(markdown);
}

export async function writeFailureSummary(reason: string, message: string): Promise<boolean> {
  return write(`### Okta Terraform run failed: \`${reason}\`\n\n${escapeLine(message, 2000)}\n`);
}
