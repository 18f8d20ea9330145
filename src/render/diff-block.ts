// The collapsed attribute-level diff: every changed object's attributes, before → after, secrets already masked.

import type { AttributeChange, PlanSummary } from '../plan/types.js';
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

/** The <details> block, or null when no object has attribute changes to show. */
export function attributeDiff(summary: PlanSummary): string | null {
  const lines: string[] = [];
  let objects = 0;
  for (const drift of summary.drift) {
    if (drift.attributes.length === 0) continue;
    objects++;
    lines.push(
      `# ${drift.noun} "${shortName(drift.name)}" (${shortName(drift.address)}): changed outside Terraform`,
    );
    lines.push(...attributeLines(drift.attributes, drift.attributesOmitted), '');
  }
  for (const change of summary.changes) {
    if (change.attributes.length === 0) continue;
    objects++;
    lines.push(
      `# ${change.noun} "${shortName(change.name)}" (${shortName(change.address)}): ${change.action}`,
    );
    lines.push(...attributeLines(change.attributes, change.attributesOmitted), '');
  }
  if (objects === 0) return null;
  return [
    `<details><summary>Attribute changes (${plural(objects, 'object')})</summary>`,
    '',
    codeBlock(lines.slice(0, -1), 'diff'),
    '',
    '</details>',
  ].join('\n');
}
