// The review's context part, after what the plan changes: the objects changed outside Terraform and the Okta API
// budget. Facts of the refresh, as of this plan: the merge's plan may see other ones without changing what it
// applies, so nothing here approves anything (README, Threat model), and the apply does not compare this part with
// its own plan. It holds no HTML but its one <details> block and no heading but its own (review-text.ts checks).

import { objectAction } from '../plan/counts.js';
import type { DriftSummary, PlanSummary } from '../plan/types.js';
import { apiBudgetSection } from './api-budget.js';
import { driftDiff } from './diff-block.js';
import { code, escapeText } from './markdown.js';
import type { Detail } from './detail.js';

function driftLine(drift: DriftSummary): string {
  const deleted = objectAction(drift.actions) === 'delete';
  const what = deleted
    ? 'deleted outside Terraform'
    : drift.attributes.length
      ? `${drift.attributes
          .slice(0, 5)
          .map((a) => code(a.path))
          .join(', ')}${drift.attributes.length + drift.attributesOmitted > 5 ? ', …' : ''} changed`
      : 'changed';
  return `- ${escapeText(drift.noun)} **${escapeText(drift.name)}**: ${what} · ${code(drift.address)}`;
}

function driftSection(summary: PlanSummary, detail: Detail): string[] {
  if (summary.drift.length === 0) return [];
  const lines = [
    `#### Changed outside Terraform (${summary.drift.length})`,
    `Edited in the Admin Console or by another tool since the last apply. ${
      summary.hasChanges
        ? 'The plan was made with these edits in view: where the configuration says otherwise, applying it reverts them.'
        : 'The configuration matches these edits (or ignores them): applying changes nothing.'
    }`,
  ];
  if (detail === 'counts') return lines;
  lines.push(...summary.drift.map(driftLine));
  return lines;
}

/** The context part's blocks, at `detail`. */
export function contextBlocks(summary: PlanSummary, detail: Detail): string[] {
  const blocks: string[] = [];
  const drift = driftSection(summary, detail);
  if (drift.length) blocks.push(drift.join('\n'));
  const diff = detail === 'full' ? driftDiff(summary) : null;
  if (diff) blocks.push(diff);
  const budget = apiBudgetSection(summary.apiForecast);
  if (budget.length) blocks.push(budget.join('\n'));
  return blocks;
}
