// What apply did, in the review comment's status line and in the job summary: applying → applied / failed / not
// applied because the plan changed since review; and for a failure part-way, what was applied, what failed and
// what was never attempted.

import type { PlanDifference } from '../plan/fingerprint.js';
import type { ChangeSummary } from '../plan/types.js';
import type { ApplyReport } from '../terraform/apply-log.js';
import { code, escapeLine, plural } from './markdown.js';

const STATUS_START = '<!-- okta-terraform-action:status -->';
const STATUS_END = '<!-- /okta-terraform-action:status -->';
const MAX_LISTED = 25;

export type ApplyStatus =
  | { readonly kind: 'applying' }
  | { readonly kind: 'applied'; readonly report: ApplyReport }
  | {
      readonly kind: 'apply-failed';
      readonly report: ApplyReport;
      readonly reason: string;
      readonly message: string;
      readonly notAttempted: number;
    }
  | { readonly kind: 'plan-changed'; readonly difference: PlanDifference | undefined };

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
    difference.dropped.length ? `dropped from it: ${listed(difference.dropped)}` : '',
    difference.changed.length ? `changed in it: ${listed(difference.changed)}` : '',
  ].filter(Boolean);
  return parts.length
    ? `Since the review, ${parts.join('; ')}.`
    : 'The same objects change, but the directory, workspace or backend differs from the review.';
}

function statusText(status: ApplyStatus, runUrl: string | undefined): string {
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
      return `> ⚠️ **Not applied: the plan changed since this review**${run}. ${differenceText(status.difference)}`;
  }
}

/** The comment's body with `marker` in place of its marker and `status` as its status line. */
export function withStatus(
  body: string,
  marker: string,
  status: ApplyStatus,
  runUrl: string | undefined,
): string {
  const lines = body.split('\n');
  const rest = lines
    .slice(1)
    .join('\n')
    .replace(new RegExp(`^${STATUS_START}[\\s\\S]*?${STATUS_END}\\n`), '');
  return `${marker}\n${STATUS_START}\n${statusText(status, runUrl)}\n${STATUS_END}\n${rest}`;
}

/** The job summary's account of an apply that failed part-way. */
export function applyReportMarkdown(report: ApplyReport, changes: readonly ChangeSummary[]): string {
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
    section('Failed', report.failed) +
    section('Started, not finished', report.unfinished) +
    section('Not attempted', notAttempted(report, changes)) +
    '\nThe state already written to the backend is kept: fix the cause and run again, and Terraform applies the rest.\n'
  );
}

/** Planned changes apply never reached. */
export function notAttempted(report: ApplyReport, changes: readonly ChangeSummary[]): ChangeSummary[] {
  const done = new Set([...report.applied, ...report.failed, ...report.unfinished].map((o) => o.address));
  return changes.filter((c) => !done.has(c.address));
}
