// The rule engine: each change's raw before → after, given to the rules written for its type, into findings with
// their evidence (redacted as the review's diffs are). Where no rule speaks, the type's own risk (catalog data) stays
// as a low finding. Rules are looked up by type: a plan of 300,000 unchanged objects costs nothing here.

import type { OktaType } from '../okta/catalog.js';
import type { ObjectAction } from '../plan/types.js';
import { REDACTED, type SecretScrubber } from '../plan/redact.js';
import { TypeSet, type ChangeValues, type ResourceChangeEvent } from '../plan/indexed-resources.js';
import { readValues } from '../plan/value-limits.js';
import { nameOktaIds } from '../plan/name-resolution.js';
import { bySeverity, type Evidence, type Finding, type Severity } from './findings.js';
import { BUILT_IN_POLICY, type Allowlists, type ReviewPolicy } from './policy.js';
import { AdminGroups } from './admin-groups.js';
import { ORDERED_RULE_TYPES, RuleOrder } from './rule-order.js';
import { ZoneUse } from './zone-use.js';
import { isHighOrWorse, type TypeRisk } from './scale.js';
import { HAZARD_TYPES, ProviderHazards } from './provider-hazards.js';
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
 * The findings of one change. `typeRisk`: the type's own risk, kept as a type-risk finding of its level when it is
 * high or worse and no rule speaks (the catalog's per-type judgement: deleting a user, replacing an app).
 */
export function findingsOf(
  change: { address: string; action: ObjectAction; values: ChangeValues },
  info: OktaType,
  typeRisk: TypeRisk,
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
  if (findings.length === 0 && isHighOrWorse(typeRisk.level) && !policy.off.has('type-risk')) {
    findings.push({
      rule: 'type-risk',
      severity: policy.severity.get('type-risk') ?? (typeRisk.level === 'critical' ? 'critical' : 'high'),
      address: change.address,
      message: typeRisk.reasons.join(' '),
      evidence: [],
    });
  }
  return findings;
}

const ORDERED_TYPES: ReadonlySet<string> = new Set(ORDERED_RULE_TYPES);
const HAZARDOUS: ReadonlySet<string> = new Set(HAZARD_TYPES);
/**
 * Types whose unchanged objects the findings of other changes depend on (FindingsCollector.unchanged), with the
 * attributes read of them (all, for the policy rules: few, and read whole). A plan of 100,000 unchanged group rules
 * then parses two attributes of each, not each object twice.
 */
export const CONTEXT_TYPES: readonly { type: string; attributes?: readonly string[] }[] = [
  { type: 'okta_group_role', attributes: ['group_id', 'role_type'] },
  { type: 'okta_network_zone', attributes: ['id', 'name', 'usage', 'gateways'] },
  { type: 'okta_group_rule', attributes: ['name', 'group_assignments'] },
  ...ORDERED_RULE_TYPES.map((type) => ({ type })),
];

const CONTEXT_TYPE_SET = new TypeSet(CONTEXT_TYPES.map((c) => c.type));

/** The findings of a plan's changes, collected as they are read; most severe first at the end. */
export class FindingsCollector {
  private readonly found: Finding[] = [];
  /**
   * The same changes judged by the built-in rules alone, when the repository's policy tunes them: block-on judges
   * these, since a pull request can edit the policy file in the checkout (turn a rule off, allow a host).
   */
  private readonly builtIn: Finding[] | null;
  private readonly adminGroups = new AdminGroups();
  private readonly ruleOrder = new RuleOrder();
  private readonly zoneUse = new ZoneUse();
  private readonly hazards = new ProviderHazards();

  constructor(
    private readonly scrubber: SecretScrubber,
    private readonly policy: ReviewPolicy,
  ) {
    this.builtIn = policy === BUILT_IN_POLICY ? null : [];
  }

  /**
   * An object the plan leaves as it is, of a type in CONTEXT_TYPES: an okta_group_role's group holds an admin role,
   * which the changes that add members are judged by; a policy rule holds its place, which rules that move are judged
   * by; a network zone covers what it covers, which rules that use it are judged by; a group rule fills groups that
   * okta_group_memberships fights over (provider hazards). `address` is decoded only when a finding may name it.
   * Returns the Okta IDs whose names the findings need.
   */
  unchanged(type: string, values: ChangeValues, address: () => string): readonly string[] {
    if (type === 'okta_group_role') this.adminGroups.role(values);
    if (type === 'okta_network_zone') this.zoneUse.zone(values);
    if (HAZARDOUS.has(type)) this.hazards.object(type, address, values, false);
    return ORDERED_TYPES.has(type) ? this.ruleOrder.rule(type, address(), values, false) : [];
  }

  /** A no-op entry of the plan: read (see unchanged) only when of a CONTEXT_TYPES type, one length check for most. */
  unchangedEntry(event: ResourceChangeEvent): readonly string[] {
    const type = event.typeIn(CONTEXT_TYPE_SET);
    const context = type === null ? undefined : CONTEXT_TYPES.find((c) => c.type === type);
    if (!context) return [];
    // A few top-level members read as they are: nothing walks into them, so their depth is not checked.
    const values = readValues(
      () => event.address,
      () => event.unchangedValues(context.attributes),
      !context.attributes,
    );
    return this.unchanged(context.type, values, () => event.address);
  }

  /**
   * One change: only types with rules, or with a risk of their own, are looked at. Returns the Okta IDs whose names
   * the findings need.
   */
  add(
    change: { address: string; action: ObjectAction; values: ChangeValues },
    info: OktaType,
    typeRisk: TypeRisk,
  ): readonly string[] {
    this.adminGroups.change(info.type, change.address, change.values);
    if (info.type === 'okta_network_zone') this.zoneUse.zone(change.values);
    this.zoneUse.rule(info.type, change.address, change.values);
    if (HAZARDOUS.has(info.type)) this.hazards.object(info.type, () => change.address, change.values, true);
    const ids = ORDERED_TYPES.has(info.type)
      ? this.ruleOrder.rule(info.type, change.address, change.values, true)
      : [];
    if (!isHighOrWorse(typeRisk.level) && !rulesByType.has(info.type)) return ids;
    this.found.push(...findingsOf(change, info, typeRisk, this.scrubber, this.policy));
    this.builtIn?.push(...findingsOf(change, info, typeRisk, this.scrubber, BUILT_IN_POLICY));
    return ids;
  }

  /**
   * Most severe first, with the Okta IDs in their evidence named as the review's diffs name them: the policy's, and
   * the built-in rules' (null when there is no policy to differ from).
   */
  finish(byId: (id: string) => string | null): { findings: Finding[]; builtIn: Finding[] | null } {
    const done = (list: Finding[], policy: ReviewPolicy): Finding[] => {
      list.push(
        ...this.adminGroups.findings(policy),
        ...this.ruleOrder.findings(policy, byId),
        ...this.zoneUse.findings(policy),
        ...this.hazards.findings(policy),
      );
      for (const finding of list) nameOktaIds([...finding.evidence], byId);
      return bySeverity(list);
    };
    return {
      findings: done(this.found, this.policy),
      builtIn: this.builtIn ? done(this.builtIn, BUILT_IN_POLICY) : null,
    };
  }
}
