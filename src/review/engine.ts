// The rule engine: each change's raw before → after, given to the rules written for its type, into findings with
// their evidence (redacted as the review's diffs are). Where no rule speaks, the type's own risk (catalog data) stays
// as a low finding. Rules are looked up by type: a plan of 300,000 unchanged objects costs nothing here.

import type { OktaType } from '../okta/catalog.js';
import type { ObjectAction } from '../plan/types.js';
import { REDACTED, type SecretScrubber } from '../plan/redact.js';
import type { ChangeValues } from '../plan/indexed-resources.js';
import { nameOktaIds } from '../plan/name-resolution.js';
import { bySeverity, type Evidence, type Finding, type Severity } from './findings.js';
import { BUILT_IN_POLICY, type Allowlists, type ReviewPolicy } from './policy.js';
import { AdminGroups } from './admin-groups.js';
import { ALL_RULES } from './rules/index.js';
import { plain } from './rules/values.js';

export type Plain = Readonly<Record<string, unknown>>;

/** What a rule sees of one change. */
export interface RuleChange {
  readonly address: string;
  readonly type: string;
  readonly action: ObjectAction;
  /** The object before and after (null: it does not exist on that side). */
  readonly before: Plain | null;
  readonly after: Plain | null;
  /** True when the attribute's planned value is known only after apply. */
  readonly unknown: (attribute: string) => boolean;
  /** The repository's allowlists (its review policy). */
  readonly allow: Allowlists;
}

/** What a rule says: its severity, one sentence, and the attributes that show it. */
export interface RuleHit {
  readonly severity: Severity;
  readonly message: string;
  readonly attributes: readonly string[];
}

export interface Rule {
  readonly id: string;
  readonly types: readonly string[];
  check(change: RuleChange): RuleHit | null;
}

const MAX_EVIDENCE_CHARS = 200;
const UNKNOWN = '(known after apply)';

/** Whether a sensitive mask marks a value, or any part of it (Terraform masks lists and blocks element by element). */
function marksSensitive(mask: unknown): boolean {
  if (mask === true) return true;
  if (Array.isArray(mask)) return mask.some(marksSensitive);
  return mask !== null && typeof mask === 'object' && Object.values(mask).some(marksSensitive);
}

const rulesByType = new Map<string, Rule[]>();
for (const rule of ALL_RULES) {
  for (const type of rule.types) rulesByType.set(type, [...(rulesByType.get(type) ?? []), rule]);
}

/**
 * The findings of one change. `typeRisk`: the type's own risk reasons, kept as a low finding when no rule speaks
 * (the catalog's per-type judgement, from before rules existed).
 */
export function findingsOf(
  change: { address: string; action: ObjectAction; values: ChangeValues },
  info: OktaType,
  typeRisk: { highRisk: boolean; reasons: readonly string[] },
  scrubber: SecretScrubber,
  policy: ReviewPolicy,
): Finding[] {
  const { values } = change;
  const afterUnknown = plain(values.afterUnknown);
  const input: RuleChange = {
    address: change.address,
    type: info.type,
    action: change.action,
    before: plain(values.before),
    after: plain(values.after),
    unknown: (attribute) => afterUnknown?.[attribute] === true,
    allow: policy.allow,
  };
  const secret = (attribute: string, side: 'before' | 'after'): boolean => {
    const mask = plain(side === 'before' ? values.beforeSensitive : values.afterSensitive);
    return info.secretAttrs.includes(attribute) || marksSensitive(mask?.[attribute]);
  };

  const show = (attribute: string, side: 'before' | 'after'): string | null => {
    if (side === 'after' && input.unknown(attribute)) return UNKNOWN;
    const value = (side === 'before' ? input.before : input.after)?.[attribute];
    if (value === null || value === undefined) return null;
    if (secret(attribute, side)) return REDACTED;
    // JSON, as the review's diffs show values: a quoted Okta ID is then named like theirs ("00g1…" (Engineering)).
    const text = scrubber.scrub(JSON.stringify(value));
    return text.length > MAX_EVIDENCE_CHARS ? `${text.slice(0, MAX_EVIDENCE_CHARS - 1)}…` : text;
  };
  const evidence = (attributes: readonly string[]): Evidence[] =>
    attributes.map((path) => ({ path, before: show(path, 'before'), after: show(path, 'after') }));
  const findings: Finding[] = [];
  for (const rule of rulesByType.get(info.type) ?? []) {
    if (policy.off.has(rule.id)) continue;
    const hit = rule.check(input);
    if (!hit) continue;
    findings.push({
      rule: rule.id,
      severity: policy.severity.get(rule.id) ?? hit.severity,
      address: change.address,
      message: scrubber.scrub(hit.message),
      evidence: evidence(hit.attributes),
    });
  }
  if (findings.length === 0 && typeRisk.highRisk && !policy.off.has('type-risk')) {
    findings.push({
      rule: 'type-risk',
      severity: policy.severity.get('type-risk') ?? 'low',
      address: change.address,
      message: typeRisk.reasons.join(' '),
      evidence: [],
    });
  }
  return findings;
}

/** The findings of a plan's changes, collected as they are read; most severe first at the end. */
export class FindingsCollector {
  private readonly found: Finding[] = [];
  /**
   * The same changes judged by the built-in rules alone, when the repository's policy tunes them: block-on judges
   * these, since a pull request can edit the policy file in the checkout (turn a rule off, allow a host).
   */
  private readonly builtIn: Finding[] | null;
  private readonly adminGroups = new AdminGroups();

  constructor(
    private readonly scrubber: SecretScrubber,
    private readonly policy: ReviewPolicy,
  ) {
    this.builtIn = policy === BUILT_IN_POLICY ? null : [];
  }

  /** An unchanged okta_group_role: its group holds an admin role, which the changes that add members are judged by. */
  unchangedGroupRole(values: ChangeValues): void {
    this.adminGroups.role(values);
  }

  /** One change: only types with rules, or with a risk of their own, are looked at. */
  add(
    change: { address: string; action: ObjectAction; values: ChangeValues },
    info: OktaType,
    typeRisk: { highRisk: boolean; reasons: readonly string[] },
  ): void {
    this.adminGroups.change(info.type, change.address, change.values);
    if (!typeRisk.highRisk && !rulesByType.has(info.type)) return;
    this.found.push(...findingsOf(change, info, typeRisk, this.scrubber, this.policy));
    this.builtIn?.push(...findingsOf(change, info, typeRisk, this.scrubber, BUILT_IN_POLICY));
  }

  /**
   * Most severe first, with the Okta IDs in their evidence named as the review's diffs name them: the policy's, and
   * the built-in rules' (null when there is no policy to differ from).
   */
  finish(byId: (id: string) => string | null): { findings: Finding[]; builtIn: Finding[] | null } {
    const done = (list: Finding[], policy: ReviewPolicy): Finding[] => {
      list.push(...this.adminGroups.findings(policy));
      for (const finding of list) nameOktaIds([...finding.evidence], byId);
      return bySeverity(list);
    };
    return {
      findings: done(this.found, this.policy),
      builtIn: this.builtIn ? done(this.builtIn, BUILT_IN_POLICY) : null,
    };
  }
}
