// The job summary's sections: the same review as the comment, with GitHub's larger limit for a step's summary, and
// the line a failed run leaves there.

import type { PlanSummary } from '../plan/types.js';
import { escapeLine } from './markdown.js';
import { renderReview, STEP_SUMMARY_BUDGET } from './review.js';

export interface JobSummaryContext {
  readonly directory: string;
  readonly workspace: string;
  /** Where the whole summary is, when even the job summary has to be shortened. */
  readonly summaryJsonPath: string;
}

export function reviewSummaryMarkdown(summary: PlanSummary, context: JobSummaryContext): string {
  return renderReview(summary, {
    directory: context.directory,
    workspace: context.workspace,
    moreAt: `the step's \`summary-json\` output (${context.summaryJsonPath})`,
    budget: STEP_SUMMARY_BUDGET,
  }).markdown;
}

export function failureSummaryMarkdown(reason: string, message: string): string {
  return `### Okta Terraform run failed: \`${reason}\`\n\n${escapeLine(message, 2000)}\n`;
}
