// The "explain" rows of reference/okta/known-noise.tsv: changes that are real in the plan but that okta/okta or Okta is
// known to make come back (priorities Okta renumbers, Everyone assigned when no group is given, lists whose order is
// all that changed). The change stays in the review, judged by the rules as any other; it gets a note with the reason
// and the provider issue, so a reviewer knows why it may show again. The "collapse" rows are noise.ts; the "warn"
// rows are findings (rule provider-hazard).

import { canonicalJson } from '../plan/fingerprint.js';
import { matchesType, sameInAnyOrder } from './noise.js';
import type { ObjectAction } from '../plan/types.js';

export interface ProviderNote {
  readonly reason: string;
  /** The provider issues or docs that say so. */
  readonly evidence: string;
}

type Values = Readonly<Record<string, unknown>>;

interface NoteRule extends ProviderNote {
  /** Types, `*` as a wildcard (okta_policy_rule_*). */
  readonly types: readonly string[];
  readonly attribute: string;
  /** When the attribute's change gets the note. */
  readonly when: (before: unknown, after: unknown) => boolean;
}

const differs = (before: unknown, after: unknown): boolean => canonicalJson(before) !== canonicalJson(after);
/** A priority set to another number (not one left to Okta, or unknown until apply). */
const renumbered = (before: unknown, after: unknown): boolean =>
  typeof before === 'number' && typeof after === 'number' && before !== after;
const isEmpty = (value: unknown): boolean =>
  value === null || value === undefined || (Array.isArray(value) && value.length === 0);

export const NOTE_RULES: readonly NoteRule[] = [
  {
    types: ['okta_policy_mfa_default', 'okta_policy_password_default'],
    attribute: 'priority',
    when: renumbered,
    reason:
      'the default policy’s priority is read-only: providers before 6.11.0 send it and Okta refuses the update',
    evidence: '#2107 #2804; CHANGELOG 6.11.0 #2829',
  },
  {
    types: [
      'okta_policy_signon',
      'okta_policy_mfa',
      'okta_policy_password',
      'okta_policy_rule_*',
      'okta_app_signon_policy_rule',
      'okta_auth_server_policy',
      'okta_auth_server_policy_rule',
    ],
    attribute: 'priority',
    when: renumbered,
    reason:
      'Okta renumbers priorities on conflicts and around rules made outside Terraform: a priority change can come back on every plan, or land elsewhere at apply',
    evidence: 'docs "To avoid endless diff situation"; #2140 #1247 #2953 #832 #424',
  },
  {
    types: ['okta_policy_*'],
    attribute: 'groups_included',
    when: (before, after) => !isEmpty(before) && isEmpty(after),
    reason:
      'Okta assigns Everyone to a policy given no group, and Terraform takes it away again on the next plan: set groups_included',
    evidence: 'Okta guide terraform-design-rate-limits',
  },
  {
    types: ['okta_app_oauth'],
    attribute: 'groups_claim',
    when: differs,
    reason: 'groups_claim cannot be read with OAuth 2.0 API credentials: there it never converges',
    evidence: '#1906; CHANGELOG #1638',
  },
  {
    types: ['okta_app_oauth'],
    attribute: 'redirect_uris',
    when: (before, after) => differs(before, after) && sameInAnyOrder(before, after),
    reason:
      'only the order of the redirect URIs changes: the provider keeps the list in order, Okta accepts the same URIs',
    evidence: 'CHANGELOG 3.30.0 / PR #1171',
  },
  {
    types: ['okta_group_rule'],
    attribute: 'users_excluded',
    when: differs,
    reason: 'the IDs of deleted users stay in users_excluded and make updates of the rule fail',
    evidence: '#1674',
  },
];

export const NO_NOTES: readonly ProviderNote[] = Object.freeze([]);

/** The notes an update or replace gets (one per attribute: the first row that speaks). */
export function providerNotes(
  type: string,
  action: ObjectAction,
  values: { before: unknown; after: unknown; afterUnknown: unknown },
): readonly ProviderNote[] {
  if (action !== 'update' && action !== 'replace') return NO_NOTES;
  const before = (values.before ?? {}) as Values;
  const after = (values.after ?? {}) as Values;
  const unknown = (values.afterUnknown ?? {}) as Values;
  const notes: ProviderNote[] = [];
  const spoken = new Set<string>();
  for (const rule of NOTE_RULES) {
    if (spoken.has(rule.attribute) || !rule.types.some((p) => matchesType(p, type))) continue;
    // Known only after apply: nothing to say of it yet.
    if (unknown[rule.attribute] === true || (!(rule.attribute in before) && !(rule.attribute in after)))
      continue;
    if (!rule.when(before[rule.attribute], after[rule.attribute])) continue;
    spoken.add(rule.attribute);
    notes.push({ reason: rule.reason, evidence: rule.evidence });
  }
  return notes.length ? notes : NO_NOTES;
}
