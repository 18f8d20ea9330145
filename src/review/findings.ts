// Security findings: what a change does, judged by rules (rules/*.ts), each with a stable id, a severity, one
// sentence in Okta's terms and the attributes it is about (before → after, secrets redacted). The checks and their
// evidence: ../shared/okta/security-checks.md (Okta Security's 2023 cross-tenant impersonation write-up, Okta's
// Terraform guides, the provider's docs, the live-org scanners' checks).

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** The input block-on: findings this severe or more need the high-risk approval to apply; none: never. */
export type BlockOn = Severity | 'none';

export interface Evidence {
  readonly path: string;
  /** Display text (JSON), redacted and shortened as the review's diffs are; null: absent. Okta IDs get names. */
  before: string | null;
  after: string | null;
}

export interface Finding {
  /** Stable: teams turn rules off and change their severities by this id. */
  readonly rule: string;
  readonly severity: Severity;
  readonly address: string;
  readonly message: string;
  readonly evidence: readonly Evidence[];
}

/** Lower is more severe. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** Most severe first; in plan order within a severity. */
export function bySeverity(findings: readonly Finding[]): Finding[] {
  return findings
    .map((finding, order) => ({ finding, order }))
    .sort((a, b) => severityRank(a.finding.severity) - severityRank(b.finding.severity) || a.order - b.order)
    .map(({ finding }) => finding);
}

export function highestSeverity(findings: readonly { readonly severity: Severity }[]): Severity | null {
  let best: Severity | null = null;
  for (const f of findings)
    if (best === null || severityRank(f.severity) < severityRank(best)) best = f.severity;
  return best;
}
