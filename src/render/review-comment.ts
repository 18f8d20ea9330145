// The pull request's review comment as text: the hidden marker, the review (at the detail that fits GitHub's
// comment limit) and a footer with the plan's fingerprint and the run; a failed plan's comment; and the status line
// an apply puts above the review (applying → applied / failed / not applied because the plan changed).

import type { PlanSummary } from '../plan/types.js';
import { appliedCounts, differenceText } from './apply-report.js';
import { NOTICE_PREFIX, renderMarker, type ReviewMarker, type ReviewStatus } from './marker.js';
import type { ReviewTarget } from '../settings.js';
import { byteLength, code, escapeLine } from './markdown.js';
import { mergingSection, type MergeOutlook } from './merging.js';
import { COMMENT_BUDGET, renderReview } from './review.js';

export const STATUS_START = '<!-- okta-terraform-action:status -->';
export const STATUS_END = '<!-- /okta-terraform-action:status -->';

export interface CommentContext {
  readonly marker: ReviewMarker;
  readonly runUrl: string | undefined;
  /** What merging will do (merging.ts), after the review: a plan's comment has it when it is on a pull request. */
  readonly merging?: MergeOutlook;
}

function footer(context: CommentContext, fingerprint: string | undefined): string {
  const parts = [
    ...(fingerprint ? [`Plan fingerprint ${code(fingerprint.slice(0, 16))}`] : []),
    ...(context.runUrl ? [`[workflow run](${context.runUrl})`] : []),
  ];
  return parts.length ? `\n<sub>${parts.join(' · ')}</sub>\n` : '';
}

/** Where a shortened review sends the reader: the plan run's job summary, which has all of it. */
export function commentMoreAt(runUrl: string | undefined): string {
  return runUrl ? `the job summary of this run (${runUrl})` : 'the job summary of this run';
}

export function reviewCommentBody(summary: PlanSummary, context: CommentContext): string {
  const marker = renderMarker(context.marker);
  const end = footer(context, context.marker.fingerprint);
  const merging = context.merging ? `\n${mergingSection(context.merging)}\n` : '';
  const { markdown } = renderReview(summary, {
    directory: context.marker.directory,
    workspace: context.marker.workspace,
    moreAt: commentMoreAt(context.runUrl),
    budget: COMMENT_BUDGET - byteLength(marker) - byteLength(end) - byteLength(merging) - 2,
  });
  return `${marker}\n${markdown}${merging}${end}`;
}

export function failedPlanCommentBody(reason: string, message: string, context: CommentContext): string {
  const where = [
    `directory ${code(context.marker.directory)}`,
    `workspace ${code(context.marker.workspace)}`,
    ...(context.marker.label ? [`label ${code(context.marker.label)}`] : []),
  ].join(', ');
  return (
    `${renderMarker(context.marker)}\n### Okta plan failed: ${code(reason)}\n\n` +
    `${where}\n\n${escapeLine(message, 4000)}\n\n` +
    `Nothing can be applied from this pull request until a plan succeeds.\n${footer(context, undefined)}`
  );
}

/** What an edited review becomes: no marker, so it is never found as a review again; who edited it. */
export function editedCommentNotice(editors: readonly string[]): string {
  return (
    `### ⚠️ This Okta review was edited by ${editors.map((e) => code(e)).join(', ')}\n\n` +
    "Only the action may write its review, so this one can't approve an apply. GitHub keeps its edit history " +
    '(the "edited" menu above); the current review is the newest comment of the action.\n'
  );
}

/**
 * The notice a merge's apply leaves on the pull request when the plan changed since the review: the review itself
 * is left as it was written before the merge, so a re-run of the merge can still be approved by it. `what` is
 * markdown the action made (addresses and quoted lines in code spans).
 */
export function notAppliedNotice(target: ReviewTarget, what: string, runUrl: string | undefined): string {
  const run = runUrl ? ` ([workflow run](${runUrl}))` : '';
  return (
    `${renderMarker(target, NOTICE_PREFIX)}\n### ⚠️ Okta plan not applied: it changed since the review${run}\n\n` +
    `directory ${code(target.directory)}, workspace ${code(target.workspace)}${target.label ? `, label ${code(target.label)}` : ''}\n\n` +
    `${what}\n\nNothing was applied. A re-run of the merge's job applies the review only if the plan ` +
    'is again exactly what it shows; otherwise open a pull request for these changes.\n'
  );
}

function statusText(status: ReviewStatus, runUrl: string | undefined): string {
  const run = runUrl ? ` ([workflow run](${runUrl}))` : '';
  switch (status.kind) {
    case 'applying':
      return `> ⏳ **Applying this plan**${run}. This review can't approve another apply.`;
    case 'applied':
      return `> ✅ **Applied**${run}: ${appliedCounts(status.report)}.`;
    case 'apply-failed':
      return (
        `> ❌ **Apply failed**${run}: ${status.report.applied.length} applied, ${status.report.failed.length} failed, ` +
        `${status.notAttempted} not attempted. ${code(status.reason)}: ${escapeLine(status.message, 1000)}`
      );
    case 'plan-changed':
      return `> ⚠️ **Not applied: the plan changed since this review**${run}. ${status.why ?? differenceText(status.difference)}`;
  }
}

/**
 * The comment's body with `marker` in place of its marker and `status` as its status line: one line with no HTML
 * (a "<" there could hide the review below it), which review-text.ts checks.
 */
export function withStatus(
  body: string,
  marker: ReviewMarker,
  status: ReviewStatus,
  runUrl: string | undefined,
): string {
  const lines = body.split('\n');
  const rest = lines
    .slice(1)
    .join('\n')
    .replace(new RegExp(`^${STATUS_START}[\\s\\S]*?${STATUS_END}\\n`), '');
  const line = statusText(status, runUrl).replace(/\n/g, ' ').replace(/</g, '&lt;');
  return `${renderMarker({ ...marker, status: status.kind })}\n${STATUS_START}\n${line}\n${STATUS_END}\n${rest}`;
}
