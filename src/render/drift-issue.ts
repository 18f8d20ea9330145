// The drift issue's text: its title, its body (the marker, what disagrees, the review) and the comments that say
// the drift changed or ended.

import type { PlanSummary } from '../plan/types.js';
import type { ReviewTarget } from '../settings.js';
import { DRIFT_PREFIX, renderMarker } from './marker.js';
import { plural } from './markdown.js';
import { COMMENT_BUDGET, renderReview } from './review.js';

export const DRIFT_LABEL = 'okta-drift';

export function driftIssueTitle(target: ReviewTarget): string {
  const workspace = target.workspace === 'default' ? '' : ` (workspace ${target.workspace})`;
  const label = target.label ? ` [${target.label}]` : '';
  return `Okta drift: ${target.directory}${workspace}${label}`;
}

/**
 * The issue's body; the run link stays out of it, so an unchanged drift leaves the body (and the issue) alone.
 * `unmanaged`: objects made outside Terraform in the kinds it manages (render/unmanaged.ts), when they were read.
 */
export function driftIssueBody(summary: PlanSummary, target: ReviewTarget, unmanaged = ''): string {
  const intro =
    `The Okta org and the Terraform code for \`${target.directory}\` disagree: ` +
    `${plural(summary.drift.length, 'object')} changed outside Terraform (Admin Console, API), and ` +
    `${plural(summary.changes.length, 'change')} in the code not applied yet. Applying the code would revert the ` +
    'edits listed below; to keep an edit, change the code to match. This issue closes itself when they agree.\n\n';
  const marker = renderMarker(target, DRIFT_PREFIX);
  const { markdown } = renderReview(summary, {
    directory: target.directory,
    workspace: target.workspace,
    moreAt: 'the job summary of the latest drift run',
    budget: COMMENT_BUDGET - intro.length - marker.length - unmanaged.length - 3,
  });
  return `${marker}\n${intro}${markdown}${unmanaged ? `\n${unmanaged}` : ''}`;
}

function runLink(runUrl: string | undefined): string {
  return runUrl ? ` ([workflow run](${runUrl}))` : '';
}

export function driftChangedComment(summary: PlanSummary, runUrl: string | undefined): string {
  return (
    `The drift changed${runLink(runUrl)}: now ${plural(summary.drift.length, 'object')} changed outside Terraform and ` +
    `${plural(summary.changes.length, 'change')} not applied. The description above is current.`
  );
}

export function driftEndedComment(runUrl: string | undefined): string {
  return `The Okta org matches the code again${runLink(runUrl)}. Closing.`;
}
