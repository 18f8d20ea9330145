// The review's security findings: most severe first, each with its rule id, the object it is about and the
// attributes that show it (before → after, already redacted by the engine).

import type { PlanSummary } from '../plan/types.js';
import { SEVERITIES, type Finding, type Severity } from '../review/findings.js';
import type { RiskLevel } from '../review/scale.js';
import { code, escapeText } from './markdown.js';
import type { Detail } from './detail.js';

const LABEL: Readonly<Record<Severity, string>> = {
  critical: '🔴 Critical',
  high: '🟠 High',
  medium: '🟡 Medium',
  low: '⚪ Low',
  info: 'ℹ️ Info',
};

/** A change's severity on the one scale, as findings show theirs. */
export function levelLabel(level: RiskLevel): string {
  return level === 'none' ? 'None' : LABEL[level];
}

/** "1 critical, 2 high" */
export function severityCounts(findings: readonly Finding[]): string {
  return SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
}

/** What the repository's policy changed, for the reviewer to see (a pull request can change the policy too). */
function policyLine(summary: PlanSummary): string | null {
  const { reviewPolicy: policy } = summary;
  const tuned = [
    ...(policy.off.length ? [`rules off: ${policy.off.map((r) => code(r)).join(', ')}`] : []),
    ...Object.entries(policy.severity).map(([rule, severity]) => `${code(rule)} set to ${severity}`),
  ];
  return tuned.length
    ? `_Judged by the review policy ${code(policy.source)}: ${tuned.join('; ')}. The apply's block-on still judges by the built-in rules._`
    : null;
}

export function findingsSection(summary: PlanSummary, limit: number, detail: Detail): string[] {
  const { findings } = summary;
  const policy = summary.hasChanges ? policyLine(summary) : null;
  if (findings.length === 0) return policy ? ['#### Security findings (none)', policy] : [];
  const lines = [`#### Security findings (${severityCounts(findings)})`];
  const byAddress = new Map(summary.changes.map((c) => [c.address, c]));
  for (const finding of findings.slice(0, limit)) {
    const change = byAddress.get(finding.address);
    const object = change ? `${escapeText(change.noun)} **${escapeText(change.name)}** · ` : '';
    lines.push(
      `- **${LABEL[finding.severity]}** · ${escapeText(finding.message, 400)} · ${object}${code(finding.address)} · rule ${code(finding.rule)}`,
    );
    if (detail === 'counts') continue;
    for (const e of finding.evidence) {
      if (e.before === null && e.after === null) continue;
      const shown = (text: string | null): string => (text === null ? '_none_' : code(text, 200));
      lines.push(`  - ${code(e.path)}: ${shown(e.before)} → ${shown(e.after)}`);
    }
  }
  if (findings.length > limit) lines.push(`- …and ${findings.length - limit} more findings`);
  if (policy) lines.push(policy);
  return lines;
}
