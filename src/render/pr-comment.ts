// The pull request comment: the hidden marker, the review (at the detail that fits GitHub's comment limit), and a
// footer with the plan's fingerprint and the run. A failed plan gets a comment too, so a stale review never stands.

import type { PlanSummary } from '../plan/types.js';
import { COMMENT_BUDGET, renderReview } from './comment.js';
import { renderMarker, type ReviewMarker } from './marker.js';
import { byteLength, code, escapeLine } from './markdown.js';

export interface CommentContext {
  readonly marker: ReviewMarker;
  readonly runUrl: string | undefined;
}

function footer(context: CommentContext, fingerprint: string | undefined): string {
  const parts = [
    ...(fingerprint ? [`Plan fingerprint ${code(fingerprint.slice(0, 16))}`] : []),
    ...(context.runUrl ? [`[workflow run](${context.runUrl})`] : []),
  ];
  return parts.length ? `\n<sub>${parts.join(' · ')}</sub>\n` : '';
}

export function reviewCommentBody(summary: PlanSummary, context: CommentContext): string {
  const marker = renderMarker(context.marker);
  const end = footer(context, context.marker.fingerprint);
  const { markdown } = renderReview(summary, {
    directory: context.marker.directory,
    workspace: context.marker.workspace,
    moreAt: context.runUrl
      ? `the job summary of this run (${context.runUrl})`
      : 'the job summary of this run',
    budget: COMMENT_BUDGET - byteLength(marker) - byteLength(end) - 2,
  });
  return `${marker}\n${markdown}${end}`;
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
