// The collapsed attribute-level diffs, secrets already masked: one for what the plan changes (objects and outputs),
// one for what was changed outside Terraform.

import type { AttributeChange, ChangeSummary, PlanSummary } from '../plan/types.js';
import { codeBlock, MAX_NAME_CHARS, plural } from './markdown.js';

function shortName(name: string): string {
  return name.length > MAX_NAME_CHARS ? `${name.slice(0, MAX_NAME_CHARS - 1)}…` : name;
}

function attributeLines(attributes: readonly AttributeChange[], omitted: number): string[] {
  const lines: string[] = [];
  for (const a of attributes) {
    const forces = a.forcesReplacement ? '   # forces replacement' : '';
    if (a.before !== null) lines.push(`- ${a.path} = ${a.before}${a.after === null ? forces : ''}`);
    if (a.after !== null) lines.push(`+ ${a.path} = ${a.after}${forces}`);
  }
  if (omitted) lines.push(`  # …and ${plural(omitted, 'more attribute')}`);
  return lines;
}

interface DiffEntry {
  /** The entry's first line, after "# ". */
  readonly title: string;
  readonly attributes: readonly AttributeChange[];
  readonly omitted: number;
}

function detailsBlock(title: string, entries: readonly DiffEntry[]): string | null {
  const shown = entries.filter((e) => e.attributes.length > 0);
  if (shown.length === 0) return null;
  const lines = shown.flatMap((e) => [`# ${e.title}`, ...attributeLines(e.attributes, e.omitted), '']);
  return [
    `<details><summary>${title} (${plural(shown.length, 'object')})</summary>`,
    '',
    codeBlock(lines.slice(0, -1), 'diff'),
    '',
    '</details>',
  ].join('\n');
}

/** The first line of a change's entry in the attribute diff, after "# ". */
export function changeTitle(change: Pick<ChangeSummary, 'noun' | 'name' | 'address' | 'action'>): string {
  return `${change.noun} "${shortName(change.name)}" (${shortName(change.address)}): ${change.action}`;
}

/** The diff of every changed object and output, or null when none has attribute changes to show. */
export function attributeDiff(summary: PlanSummary): string | null {
  return detailsBlock('Attribute changes', [
    ...summary.changes.map((c) => ({
      title: changeTitle(c),
      attributes: c.attributes,
      omitted: c.attributesOmitted,
    })),
    ...summary.outputs.map((o) => ({
      title: `output "${shortName(o.name)}": ${o.action}`,
      attributes: o.attributes,
      omitted: 0,
    })),
  ]);
}

/** The diff of every object changed outside Terraform, or null when none has attribute changes to show. */
export function driftDiff(summary: PlanSummary): string | null {
  return detailsBlock(
    'Attribute changes outside Terraform',
    summary.drift.map((d) => ({
      title: `${d.noun} "${shortName(d.name)}" (${shortName(d.address)}): changed outside Terraform`,
      attributes: d.attributes,
      omitted: d.attributesOmitted,
    })),
  );
}
