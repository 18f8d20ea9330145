// The import pull request's title and body: how many objects made outside Terraform it brings under Terraform, per
// category; whether the branch's plan converged (only imports), and for each object it would still change, which
// attributes and why (known provider noise, or what okta/okta does not read back); the files; then the review of
// the branch's plan itself, at the detail that fits.

import { lookupType, categoryRank } from '../okta/catalog.js';
import type { ImportTarget } from '../okta/onboarding.js';
import { planLine } from '../plan/counts.js';
import type { ChangeSummary, PlanSummary } from '../plan/types.js';
import { byteLength, code, escapeText, plural, table } from './markdown.js';
import { COMMENT_BUDGET, renderReview } from './review.js';

export interface ImportPullContext {
  readonly directory: string;
  readonly workspace: string;
  /** The files on the branch, repository-relative. */
  readonly files: readonly string[];
  /** Attributes left out of the files because they held a secret: "address: attribute". */
  readonly secretsLeftOut: readonly string[];
  /** Objects found that Terraform could not import (it wrote no configuration for them): "address (name)". */
  readonly notImported: readonly string[];
  /** Terraform's error when generating their configuration. */
  readonly generationError: string | undefined;
  readonly runUrl: string | undefined;
}

/**
 * Attributes okta/okta keeps in state but never reads from Okta: an import leaves them empty and the first plan
 * sets the configuration's value. Applying that changes nothing in Okta. From the provider's resource code (v6.12.0).
 */
const NOT_READ_BACK: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  okta_group_rule: {
    remove_assigned_users:
      'says what deleting the rule does to its members; okta/okta never reads it from Okta, and an update of it alone calls no API (hasGroupRuleChange, resource_okta_group_rule.go): it writes only the state',
  },
};

export function importPullTitle(count: number, directory: string): string {
  return `Okta: bring ${plural(count, 'object')} made outside Terraform under Terraform (${directory})`;
}

function countsTable(targets: readonly ImportTarget[]): string {
  const counts = new Map<string, number>();
  for (const { object } of targets) counts.set(object.type, (counts.get(object.type) ?? 0) + 1);
  const rows = [...counts]
    .map(([type, n]) => ({ type, n, category: lookupType(type).category }))
    .sort((a, b) => categoryRank(a.category) - categoryRank(b.category) || a.type.localeCompare(b.type))
    .map(({ type, n, category }) => [escapeText(category), code(type), String(n)]);
  return table(['Category', 'Type', 'Objects'], ['left', 'left', 'right'], rows);
}

/** Why the branch's plan still changes this object besides importing it. */
function why(change: ChangeSummary): string {
  if (change.noise)
    return `known provider noise: ${escapeText(change.noise.reason, 300)} (${escapeText(change.noise.evidence)})`;
  const attributes = change.attributes.map((a) => a.path.split('.')[0] ?? a.path);
  const notes = NOT_READ_BACK[change.type] ?? {};
  if (attributes.length > 0 && attributes.every((a) => a in notes)) {
    return attributes.map((a) => `${code(a)} ${escapeText(notes[a] ?? '', 300)}`).join('; ');
  }
  return 'not known noise: compare the generated value with the object in the Admin Console before merging';
}

function changeLine(change: ChangeSummary, reason: string): string {
  const attributes = [...new Set(change.attributes.map((a) => a.path))].map((a) => code(a)).join(', ');
  return `- ${code(change.address)} **${escapeText(change.name)}** (${change.action}${attributes ? `: ${attributes}` : ''}): ${reason}`;
}

function convergence(summary: PlanSummary): string[] {
  const still = summary.changes.filter((c) => c.action !== 'no-op');
  const imported = still.filter((c) => c.importing);
  const others = still.filter((c) => !c.importing);
  const line = `The branch's plan: ${code(planLine(summary.terraform), 200)}`;
  const lines =
    imported.length === 0
      ? [`${line} Every imported object converged: the plan only imports them.`]
      : [
          `${line} It would still change ${plural(imported.length, 'imported object')}:`,
          '',
          ...imported.map((change) => changeLine(change, why(change))),
        ];
  if (others.length > 0) {
    lines.push(
      '',
      `Besides the imports it changes ${plural(others.length, 'object')} the configuration already manages (changed outside Terraform, or code not applied yet): ${others.map((c) => code(c.address)).join(', ')}.`,
    );
  }
  return lines;
}

/** What the import brings and whether it converged, for the job summary (which has the review already). */
export function importSummary(
  targets: readonly ImportTarget[],
  summary: PlanSummary,
  context: ImportPullContext,
): string {
  const lines = [
    `## ${plural(targets.length, 'object')} made outside Terraform`,
    '',
    `Found in the org by the import mode${context.runUrl ? ` ([workflow run](${context.runUrl}))` : ''}. Terraform wrote their configuration from ${code('import')} blocks (${code('terraform plan -generate-config-out')}); it is tidied into one file per kind, with references where an object names another one imported here. Merging applies the imports: they write the state and change nothing in Okta.`,
    '',
    countsTable(targets),
    '',
    '### Does it converge?',
    '',
    ...convergence(summary),
    '',
  ];
  if (context.notImported.length > 0) {
    lines.push(
      `**Not imported**, Terraform wrote no configuration for them${context.generationError ? ` (${escapeText(context.generationError, 500)})` : ''}: ${context.notImported.map((s) => code(s)).join(', ')}`,
      '',
    );
  }
  if (context.secretsLeftOut.length > 0) {
    lines.push(
      `**Left out because they hold a secret** (set each from a sensitive variable): ${context.secretsLeftOut.map((s) => code(s)).join(', ')}`,
      '',
    );
  }
  lines.push('### Files', '', ...context.files.map((f) => `- ${code(f, 300)}`), '');
  lines.push(
    "Users are not imported (Okta's guidance: they come from a directory or an HR source).",
    '',
    "No plan ran on this pull request? GitHub starts no workflow for a pull request the workflow's own GITHUB_TOKEN opened: close and reopen it, or give the import step a GitHub App token (examples/workflows/okta-import.yml).",
    '',
  );
  return `${lines.join('\n')}\n`;
}

/** The pull request's body: the import's summary, then the review of the branch's plan at the detail that fits. */
export function importPullBody(
  targets: readonly ImportTarget[],
  summary: PlanSummary,
  context: ImportPullContext,
): string {
  const head = importSummary(targets, summary, context);
  const { markdown } = renderReview(summary, {
    directory: context.directory,
    workspace: context.workspace,
    moreAt: context.runUrl
      ? `the job summary of the import run (${context.runUrl})`
      : 'the job summary of the import run',
    budget: COMMENT_BUDGET - byteLength(head) - 64,
  });
  return `${head}<details><summary>The review of the branch's plan</summary>\n\n${markdown}\n</details>\n`;
}
