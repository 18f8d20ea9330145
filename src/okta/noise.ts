// Known provider noise: updates okta/okta plans when nothing meaningful changes in Okta (perpetual diffs, values
// Okta normalises), from reference/okta/known-noise.tsv (provider issues and changelog entries; a test keeps the two
// in step). A change is noise only when every attribute that differs is one of its type's noisy attributes, and
// differs only the way the row says (as text but not as JSON, in order only, unknown until apply...).

import { canonicalJson } from '../plan/fingerprint.js';

export interface NoiseRule {
  /** Types, `*` as a wildcard (okta_app_*). */
  readonly types: readonly string[];
  /** The noisy attributes; empty: any attribute, in an import plan only. */
  readonly attributes: readonly string[];
  /** How it differs when it is noise. */
  readonly kind: 'any' | 'from-empty' | 'json' | 'json-ignoring-nulls' | 'order' | 'unknown' | 'import';
  readonly reason: string;
  /** The provider issues or changelog entries that say so. */
  readonly evidence: string;
}

export const NOISE_RULES: readonly NoiseRule[] = [
  {
    types: ['okta_app_oauth'],
    attributes: ['consent_method'],
    // The API leaves it out where the org's feature flags hide it (the fix sets it "only if not empty"): a change
    // from one value to another (REQUIRED → TRUSTED) is real, and the OAuth rule judges it.
    kind: 'from-empty',
    reason: 'consent_method shows a change on every plan in orgs whose feature flags hide it',
    evidence: '#2591, PR #2634 (6.5.5)',
  },
  {
    types: ['okta_app_oauth'],
    attributes: ['consent_method', 'omit_secret', 'refresh_token_leeway', 'refresh_token_rotation'],
    kind: 'import',
    reason: 'these attributes show an update on the first plan after an import',
    evidence: '#2290',
  },
  {
    types: [
      'okta_app_saml',
      'okta_app_bookmark',
      'okta_app_basic_auth',
      'okta_app_swa',
      'okta_app_auto_login',
    ],
    attributes: ['app_settings_json', 'app_links_json'],
    kind: 'json',
    reason: 'the JSON is compared as text, and Okta returns it with other key order or spacing',
    evidence: '#1518 #1454',
  },
  {
    types: ['okta_app_saml'],
    attributes: ['features'],
    kind: 'any',
    reason: 'provisioning features cannot be set through the API: the provider suppresses them',
    evidence: 'CHANGELOG (PR #296)',
  },
  {
    types: ['okta_app_user'],
    attributes: ['profile'],
    kind: 'json-ignoring-nulls',
    reason: 'mapped profile attributes come back as nulls, a diff on every plan',
    evidence: '#1565',
  },
  {
    types: ['okta_app_signon_policy_rule'],
    attributes: ['constraints'],
    kind: 'json',
    reason: 'constraints are compared as text: an update on every plan',
    evidence: '#1631',
  },
  {
    types: ['okta_app_signon_policy_rules'],
    attributes: ['chains'],
    kind: 'json',
    reason: 'chains are compared as text: JSON key order differs',
    evidence: 'PR #2906; CHANGELOG 6.11.0 #2816',
  },
  {
    types: ['okta_app_signon_policy'],
    attributes: [],
    kind: 'import',
    reason: 'bogus changes on the first plan after an import',
    evidence: 'CHANGELOG 6.5.0 #2554',
  },
  {
    types: ['okta_auth_server_default'],
    attributes: ['credentials_rotation_mode'],
    kind: 'any',
    reason: 'the API ignores the value: a perpetual diff',
    evidence: 'docs auth_server_default.md',
  },
  {
    types: ['okta_authenticator'],
    attributes: ['settings'],
    kind: 'json',
    reason: 'settings JSON differs only in whitespace and key order',
    evidence: 'PR #936; CHANGELOG 6.3.0 #2477',
  },
  {
    types: ['okta_network_zone'],
    attributes: ['gateways', 'proxies'],
    kind: 'order',
    reason: 'Okta normalises the list of CIDRs',
    evidence: 'CHANGELOG 6.11.0 #2308',
  },
  {
    types: ['okta_threat_insight_settings'],
    attributes: ['network_excludes'],
    kind: 'order',
    reason: 'the API does not keep the order of the excluded zones',
    evidence: 'docs threat_insight_settings.md',
  },
  {
    types: ['okta_user_group_memberships'],
    attributes: ['groups', 'id', 'user_id'],
    kind: 'unknown',
    reason: 'shown as known after apply: a spurious change, the apply changes nothing',
    evidence: '#2254',
  },
];

type Values = Readonly<Record<string, unknown>>;

/** A type named by a pattern of a noise table row (`*` as a wildcard: okta_app_*). */
export const matchesType = (pattern: string, type: string): boolean =>
  pattern.endsWith('*') ? type.startsWith(pattern.slice(0, -1)) : pattern === type;

/** A JSON string's value (nulls dropped when asked), else the value itself. */
function asJson(value: unknown, dropNulls: boolean): unknown {
  if (typeof value !== 'string') return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return dropNulls
      ? JSON.parse(JSON.stringify(parsed, (_k, v: unknown) => (v === null ? undefined : v)))
      : parsed;
  } catch {
    return value;
  }
}

const sorted = (value: unknown): unknown => (Array.isArray(value) ? value.map(canonicalJson).sort() : value);

/** The same values in another order (or the same order): lists compared as sets of their elements' JSON. */
export const sameInAnyOrder = (before: unknown, after: unknown): boolean =>
  canonicalJson(sorted(before)) === canonicalJson(sorted(after));

/** Whether one attribute differs only the way `kind` says is noise. */
function onlyNoise(kind: NoiseRule['kind'], before: unknown, after: unknown, unknown: boolean): boolean {
  switch (kind) {
    case 'json':
      return canonicalJson(asJson(before, false)) === canonicalJson(asJson(after, false));
    case 'json-ignoring-nulls':
      return canonicalJson(asJson(before, true)) === canonicalJson(asJson(after, true));
    case 'order':
      return sameInAnyOrder(before, after);
    case 'unknown':
      return unknown;
    case 'from-empty':
      return before === null || before === undefined || before === '';
    default:
      return true;
  }
}

/**
 * The noise rule that explains a whole update, or null. `importing`: the change is part of an import. The
 * attributes compared are the top-level ones that differ (unknown values count as differing).
 */
export function knownNoise(
  type: string,
  change: { before: unknown; after: unknown; afterUnknown: unknown; importing: boolean },
): NoiseRule | null {
  const before = (change.before ?? {}) as Values;
  const after = (change.after ?? {}) as Values;
  const unknown = (change.afterUnknown ?? {}) as Values;
  const differing = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (a) => unknown[a] === true || canonicalJson(before[a]) !== canonicalJson(after[a]),
  );
  if (differing.length === 0) return null;
  for (const rule of NOISE_RULES) {
    if (!rule.types.some((p) => matchesType(p, type))) continue;
    if (rule.kind === 'import' && !change.importing) continue;
    const covered = rule.attributes.length === 0 || differing.every((a) => rule.attributes.includes(a));
    if (!covered) continue;
    if (differing.every((a) => onlyNoise(rule.kind, before[a], after[a], unknown[a] === true))) return rule;
  }
  return null;
}
