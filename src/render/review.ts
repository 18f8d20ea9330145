// The review: what a plan does to an Okta org, in Okta's terms, as markdown for a PR comment or a job summary.
// Two parts. The plan part says what the plan changes: security findings first, then the counts by category and
// risky changes, then every changed object by category and output, then the attribute-level diff; an apply compares
// it with its own plan (review-text.ts). The context part follows (review-context.ts): what changed outside
// Terraform, the Okta API budget. It always fits its budget: full → names only → counts only.

import { planLine } from '../plan/counts.js';
import type { CategoryCounts, ChangeSummary, PlanSummary } from '../plan/types.js';
import type { Detail } from './detail.js';
import { attributeDiff } from './diff-block.js';
import { findingsSection, levelLabel } from './findings.js';
import { byteLength, code, escapeText, plural, table, truncateToBudget } from './markdown.js';
import { contextBlocks } from './review-context.js';

export type { Detail } from './detail.js';

/** GitHub refuses comments over 65,536 characters; bytes are never fewer than characters. */
export const COMMENT_BUDGET = 65_536;
/**
 * The review's share of the step's job summary (1 MiB in all, runtime.ts budgetedSummary): what is left is for an
 * apply report (APPLY_REPORT_BUDGET) and the failure line.
 */
export const STEP_SUMMARY_BUDGET = 1024 * 1024 - 96 * 1024;

export interface ReviewContext {
  readonly directory: string;
  readonly workspace: string;
  /** Where the whole review can be read when this one is shortened (e.g. "the job summary of this run"). */
  readonly moreAt: string;
  readonly budget: number;
}

const MAX_RISKY_IN_COUNTS = 25;

const VERB: Readonly<Record<string, string>> = {
  create: 'Added',
  update: 'Changed',
  replace: 'Replaced',
  delete: 'Removed',
  forget: 'Forgotten',
  'no-op': 'Unchanged',
};

const COLUMNS: readonly { key: keyof Omit<CategoryCounts, 'category'>; title: string; always: boolean }[] = [
  { key: 'create', title: 'Added', always: true },
  { key: 'update', title: 'Changed', always: true },
  { key: 'replace', title: 'Replaced', always: true },
  { key: 'delete', title: 'Removed', always: true },
  { key: 'import', title: 'Imported', always: false },
  { key: 'move', title: 'Moved', always: false },
  { key: 'forget', title: 'Forgotten', always: false },
];

function header(summary: PlanSummary, context: ReviewContext): string[] {
  const org = summary.org.host ? ` for ${escapeText(summary.org.host)}` : '';
  const where = [`directory ${code(context.directory)}`, `workspace ${code(context.workspace)}`];
  if (summary.plan.terraformVersion) where.push(`Terraform ${escapeText(summary.plan.terraformVersion)}`);
  return [`### Okta plan${org}`, where.join(' · ')];
}

function headline(summary: PlanSummary): string[] {
  const lines: string[] = [];
  if (summary.errored)
    lines.push(
      "> [!WARNING]\n> **The plan failed part-way**: what follows is incomplete and can't be applied.",
    );
  if (!summary.hasChanges) {
    lines.push('**No changes.** The Okta org matches the configuration.');
    return lines;
  }
  const extras: string[] = [];
  if (summary.objects.replace) extras.push(`${summary.objects.replace} replaced`);
  if (summary.objects.move) extras.push(`${summary.objects.move} moved`);
  if (summary.outputChanges) extras.push(plural(summary.outputChanges, 'output') + ' changed');
  if (summary.actionInvocations) extras.push(plural(summary.actionInvocations, 'action') + ' to invoke');
  lines.push(`**${planLine(summary.terraform)}**${extras.length ? ` (${extras.join(', ')})` : ''}`);
  const noise = summary.changes.filter((c) => c.noise).length;
  if (noise > 0 && noise === summary.changes.length && !summary.outputChanges && !summary.actionInvocations) {
    lines.push(
      `**Only provider noise**: Terraform plans ${plural(noise, 'change')} that okta/okta is known to plan when nothing changes in Okta (see Provider noise).`,
    );
  }
  if (summary.highRisk) {
    lines.push(
      `> [!CAUTION]\n> **${plural(summary.highRisk, 'high-risk change')}** (high or critical): ${summary.highRisk === 1 ? 'it' : 'they'} can lock people out or widen access. Review ${summary.highRisk === 1 ? 'it' : 'them'} first.`,
    );
  }
  return lines;
}

function categoryTable(summary: PlanSummary): string | null {
  if (summary.categories.length === 0) return null;
  const columns = COLUMNS.filter((c) => c.always || summary.categories.some((row) => row[c.key] > 0));
  const rows = summary.categories.map((row) => [
    escapeText(row.category),
    ...columns.map((c) => String(row[c.key])),
  ]);
  if (summary.categories.length > 1) {
    const total = (key: (typeof COLUMNS)[number]['key']): number =>
      summary.categories.reduce((n, row) => n + row[key], 0);
    rows.push(['**Total**', ...columns.map((c) => `**${total(c.key)}**`)]);
  }
  return table(
    ['Okta category', ...columns.map((c) => c.title)],
    ['left', ...columns.map(() => 'right' as const)],
    rows,
  );
}

/** "Removed · OIDC app **Slack** · `okta_app_oauth.slack`": how a change is listed, and found again (review-text.ts). */
export function objectLine(change: ChangeSummary): string {
  const extras: string[] = [];
  if (change.replaceOrder)
    extras.push(change.replaceOrder === 'create-first' ? 'new one created first' : 'old one deleted first');
  if (change.deposed) extras.push('an older copy left by an earlier replace');
  if (change.importing) extras.push('imported');
  if (change.previousAddress) extras.push(`moved from ${code(change.previousAddress)}`);
  if (change.action === 'forget') extras.push('stays in Okta; Terraform stops managing it');
  if (change.noise) extras.push('provider noise');
  const verb = change.action === 'no-op' ? (change.importing ? 'Imported' : 'Moved') : VERB[change.action];
  const tail = extras.length ? ` (${extras.join('; ')})` : '';
  return `${verb} · ${escapeText(change.noun)} **${escapeText(change.name)}** · ${code(change.address)}${tail}`;
}

function riskySection(changes: readonly ChangeSummary[], limit: number): string[] {
  const risky = changes.filter((c) => c.highRisk);
  if (risky.length === 0) return [];
  const lines = [`#### High-risk changes (${risky.length}): high or critical`];
  for (const change of risky.slice(0, limit)) {
    lines.push(`- ${levelLabel(change.severity)} · ${objectLine(change)}`);
    for (const reason of change.riskReasons) lines.push(`  - ${escapeText(reason, 400)}`);
  }
  if (risky.length > limit) lines.push(`- …and ${risky.length - limit} more high-risk changes`);
  return lines;
}

/** A reason okta/okta is known for, and the provider issue that says so. */
function reasonLine(note: { reason: string; evidence: string }, lead = ''): string {
  return `  - ${lead}${escapeText(note.reason, 300)} (okta/okta ${escapeText(note.evidence, 120)})`;
}
const noteLine = (note: { reason: string; evidence: string }): string => reasonLine(note, 'May come back: ');

/** Updates okta/okta plans when nothing changes in Okta, with the reason and the provider issue that says so. */
function noiseSection(changes: readonly ChangeSummary[]): string[] {
  const noisy = changes.filter((c) => c.noise);
  if (noisy.length === 0) return [];
  const lines = [
    `#### Provider noise (${noisy.length})`,
    '<details><summary>Changes that change nothing in Okta</summary>',
    '',
  ];
  for (const change of noisy) {
    lines.push(`- ${objectLine(change)}`);
    if (change.noise) lines.push(reasonLine(change.noise));
  }
  lines.push('', '</details>');
  return lines;
}

function changesByCategory(summary: PlanSummary): string {
  const blocks: string[] = ['#### Changes by category'];
  for (const { category } of summary.categories) {
    const items = summary.changes
      .filter((c) => c.category === category)
      .map((c) => [`- ${objectLine(c)}`, ...c.providerNotes.map(noteLine)].join('\n'));
    // A blank line on each side: a bold line right after a list would continue its last item.
    blocks.push(`**${escapeText(category)}**\n\n${items.join('\n')}`);
  }
  return blocks.join('\n\n');
}

/** The outputs that change, by name (their values are in the attribute diff). */
function outputsBlock(summary: PlanSummary): string | null {
  if (summary.outputs.length === 0) return null;
  const items = summary.outputs.map((o) => `- ${VERB[o.action] ?? o.action} · output ${code(o.name)}`);
  return `**Outputs**\n\n${items.join('\n')}`;
}

function leftOutNote(summary: PlanSummary, context: ReviewContext, detail: Detail): string | null {
  const objects = summary.changes.length + summary.outputs.length;
  if (objects === 0 || detail === 'full') return null;
  const where = escapeText(context.moreAt, 300);
  return detail === 'names'
    ? `_Attribute-level changes are left out to fit the size limit: they are in ${where}._`
    : `_The ${plural(objects, 'object')} by name and their attribute changes are left out to fit the size limit: they are in ${where}._`;
}

/** The plan part at `detail`: everything the plan changes, as the apply compares it (review-text.ts). */
export function reviewPlanPart(summary: PlanSummary, context: ReviewContext, detail: Detail): string {
  const blocks: (string | null)[] = [...header(summary, context), ...headline(summary)];
  const findings = findingsSection(summary, detail === 'counts' ? MAX_RISKY_IN_COUNTS : Infinity, detail);
  blocks.push(findings.join('\n'), categoryTable(summary));
  blocks.push(riskySection(summary.changes, detail === 'counts' ? MAX_RISKY_IN_COUNTS : Infinity).join('\n'));
  if (detail !== 'counts') {
    blocks.push(noiseSection(summary.changes).join('\n'));
    if (summary.changes.length) blocks.push(changesByCategory(summary));
    blocks.push(outputsBlock(summary));
  }
  if (detail === 'full') blocks.push(attributeDiff(summary));
  blocks.push(leftOutNote(summary, context, detail));
  return blocks.filter((b): b is string => b !== null && b.trim() !== '').join('\n\n') + '\n';
}

/** The context part at `detail`: "" or a blank line, then its blocks. */
export function reviewContextPart(summary: PlanSummary, detail: Detail): string {
  const blocks = contextBlocks(summary, detail);
  return blocks.length ? `\n${blocks.join('\n\n')}\n` : '';
}

function render(summary: PlanSummary, context: ReviewContext, detail: Detail): string {
  return reviewPlanPart(summary, context, detail) + reviewContextPart(summary, detail);
}

/** A lower bound of the bytes a level of detail needs, so that a huge plan is not rendered in vain. */
function atLeast(summary: PlanSummary, detail: Detail): number {
  if (detail === 'counts') return 0;
  let bytes = 0;
  for (const c of summary.changes) bytes += c.name.length + c.address.length + 20;
  if (detail === 'full')
    for (const c of summary.changes) for (const a of c.attributes) bytes += a.path.length;
  return bytes;
}

/** The review at the most detail that fits `context.budget` bytes. */
export function renderReview(
  summary: PlanSummary,
  context: ReviewContext,
): { markdown: string; detail: Detail } {
  for (const detail of ['full', 'names', 'counts'] as const) {
    if (atLeast(summary, detail) > context.budget) continue;
    const markdown = render(summary, context, detail);
    if (byteLength(markdown) <= context.budget) return { markdown, detail };
  }
  const note = `_Cut to fit the size limit: the rest is in ${escapeText(context.moreAt, 300)}._\n`;
  return {
    markdown: truncateToBudget(render(summary, context, 'counts'), context.budget, note),
    detail: 'counts',
  };
}
