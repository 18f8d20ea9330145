// What apply did, for the review comment's status line and the job summary: Terraform's own counts, what differs
// from the reviewed plan, and for a failure part-way, what was applied, what failed and what was never attempted.

import type { PlanDifference } from '../plan/fingerprint.js';
import type { ChangeSummary } from '../plan/types.js';
import type { ApplyReport } from '../terraform/apply-log.js';
import { code, escapeLine, plural, truncateToBudget } from './markdown.js';

const MAX_LISTED = 25;

function listed(addresses: readonly string[]): string {
  const shown = addresses
    .slice(0, MAX_LISTED)
    .map((a) => code(a))
    .join(', ');
  return addresses.length > MAX_LISTED ? `${shown} and ${addresses.length - MAX_LISTED} more` : shown;
}

/** Terraform's own counts for what apply did. */
export function appliedCounts(report: ApplyReport): string {
  const c = report.counts;
  if (!c) return `${plural(report.applied.length, 'object')} applied`;
  const imported = c.import ? `${c.import} imported, ` : '';
  return `${imported}${c.add} added, ${c.change} changed, ${c.remove} destroyed`;
}

export function differenceText(difference: PlanDifference | undefined): string {
  if (!difference)
    return 'The reviewed plan was too large to list its objects, so only its fingerprint can be compared.';
  const parts = [
    difference.added.length ? `added to the plan: ${listed(difference.added)}` : '',
    difference.dropped ? `dropped from it: ${plural(difference.dropped, 'reviewed object')}` : '',
    difference.changed.length ? `changed in it: ${listed(difference.changed)}` : '',
  ].filter(Boolean);
  return parts.length
    ? `Since the review, ${parts.join('; ')}.`
    : 'The same objects change, but the directory, workspace, backend, -target or provider versions differ from the review.';
}

/** The apply report's share of the step's job summary, after the review's (review.ts STEP_SUMMARY_BUDGET). */
export const APPLY_REPORT_BUDGET = 64 * 1024;

/** The job summary's account of an apply that failed part-way, within its share of the summary. */
export function applyReportMarkdown(
  report: ApplyReport,
  changes: readonly ChangeSummary[],
  approvedBy: ApprovedBy,
): string {
  return truncateToBudget(
    applyReportText(report, changes, approvedBy),
    APPLY_REPORT_BUDGET,
    `_The report was cut to fit the job summary. ${rerunText(approvedBy)}_`,
  );
}

function applyReportText(
  report: ApplyReport,
  changes: readonly ChangeSummary[],
  approvedBy: ApprovedBy,
): string {
  const names = new Map(changes.map((c) => [c.address, c.name]));
  const section = (title: string, items: ReadonlyArray<{ address: string; action?: string }>): string =>
    items.length === 0
      ? ''
      : `\n**${title}** (${items.length})\n\n${items
          .slice(0, 200)
          .map(
            (o) =>
              `- ${escapeLine(names.get(o.address) ?? o.address)} ${code(o.address)}${o.action ? ` (${o.action})` : ''}`,
          )
          .join('\n')}${items.length > 200 ? `\n- ...and ${items.length - 200} more` : ''}\n`;
  return (
    `### Apply report\n` +
    section('Applied', report.applied) +
    section('Changed in Okta, not in the saved state', report.unconfirmed) +
    section('Failed', report.failed) +
    section('Started, not finished', report.unfinished) +
    section('Not attempted', notAttempted(report, changes)) +
    `\n${report.unconfirmed.length ? `${UNSAVED_TEXT} ` : ''}${rerunText(approvedBy)}\n`
  );
}

/** What approved the apply: a merged pull request's review, a dispatch's approved-fingerprint, or auto-approve. */
export type ApprovedBy = 'review' | 'fingerprint' | 'auto';

/** What re-running a job whose apply stopped part-way does (README, "A failure part-way"). */
export function rerunText(approvedBy: ApprovedBy): string {
  switch (approvedBy) {
    case 'review':
      return (
        'Re-running this job plans again and applies only what the review showed and is not applied yet, each ' +
        'object exactly as reviewed; if anything else would change, it applies nothing (plan-changed) and a new pull request is needed.'
      );
    case 'fingerprint':
      return (
        'The approved fingerprint was for the whole plan, so re-running this job applies nothing (plan-changed): ' +
        'run the plan job again and approve the fingerprint of what is left.'
      );
    case 'auto':
      return 'Re-running this job (auto-approve) plans again and applies whatever is left.';
  }
}

const UNSAVED_TEXT =
  'First put the saved state back (the command in the error above): until then Terraform does not know these ' +
  'objects, and a re-run would create them again.';

/** Planned changes apply never reached. */
export function notAttempted(report: ApplyReport, changes: readonly ChangeSummary[]): ChangeSummary[] {
  const done = new Set([...report.applied, ...report.failed, ...report.unfinished].map((o) => o.address));
  return changes.filter((c) => !done.has(c.address));
}
