// Security checks row 2, across objects: priority shadowing. Okta evaluates a policy's rules by priority (1 first)
// and the first rule that matches a sign-in decides it (Okta's Terraform guide terraform-manage-user-access: an
// Everyone catch-all rule at the top disables the rules below it). A rule that comes to precede a stricter rule it
// overlaps takes those sign-ins from it; a catch-all that moves up leaves the rules below it unreached.
//
// Rules are known from every entry of the plan, changed or not (Terraform lists unchanged objects as no-ops), grouped
// by policy_id; an okta_app_signon_policy_rules object holds a whole policy's rules itself. A rule whose priority is
// unknown until apply is left out: the provider leaves it to Okta, which puts a new rule last.

import type { ChangeValues } from '../plan/indexed-resources.js';
import { highestSeverity, severityRank, type Finding, type Severity } from './findings.js';
import type { ReviewPolicy } from './policy.js';
import type { Plain } from './engine.js';
import { number, plain, rulesByName, strings, text } from './rules/values.js';

export const ORDERED_RULE_TYPES = [
  'okta_app_signon_policy_rule',
  'okta_app_signon_policy_rules',
  'okta_policy_rule_signon',
  'okta_policy_rule_mfa',
] as const;

export const PRIORITY_SHADOWING = 'priority-shadowing';
/** Okta's built-in group of every user: a rule for it applies to everyone the policy covers. */
const EVERYONE = 'Everyone';
const MAX_LISTED = 5;

/** One side (before or after) of one rule. */
interface RuleSide {
  readonly priority: number;
  /** How much a sign-in it matches must prove: 1 a password alone (or no enrollment), 2 a second factor, 3 denied. */
  readonly strength: number;
  /** The same, in words: "one factor". */
  readonly what: string;
  /** Group, user and user-type conditions; empty: everyone the policy covers. */
  readonly who: readonly string[];
  /** Network zones it is limited to; null: anywhere. */
  readonly zones: readonly string[] | null;
  /** Exclusions or other conditions (risk, device, platform, expression): it does not match every sign-in of `who`. */
  readonly narrowed: boolean;
  /** Okta's own catch-all rule, last in every policy: no rule shadows it by being for everyone. */
  readonly system: boolean;
}

interface OrderedRule {
  readonly key: string;
  readonly address: string;
  readonly name: string;
  readonly changed: boolean;
  readonly before: RuleSide | null;
  readonly after: RuleSide | null;
}

/** `first` is now evaluated before `second`, and was not. */
interface Shadowing {
  readonly first: OrderedRule;
  readonly second: OrderedRule;
  readonly severity: Severity;
  /** `first` asks less than `second` (else `second` is only unreached). */
  readonly weaker: boolean;
}

/** A rule the plan gives a place among the others: new, or its priority changed. */
const moved = (rule: OrderedRule): boolean =>
  rule.changed && rule.after !== null && rule.before?.priority !== rule.after.priority;

function strengthOf(type: string, rule: Plain): { strength: number; what: string } {
  if (text(rule, 'access') === 'DENY') return { strength: 3, what: 'denied' };
  if (type === 'okta_policy_rule_mfa') {
    const enroll = text(rule, 'enroll');
    if (enroll === 'NEVER') return { strength: 1, what: 'no enrollment' };
    return enroll === 'LOGIN'
      ? { strength: 3, what: 'enrollment at sign-in' }
      : { strength: 2, what: 'enrollment when challenged' };
  }
  const second =
    type === 'okta_policy_rule_signon' ? rule.mfa_required === true : text(rule, 'factor_mode') === '2FA';
  return second ? { strength: 2, what: 'a second factor' } : { strength: 1, what: 'one factor' };
}

/** Conditions other than who and where: set, they narrow the sign-ins a rule matches. */
const CONDITIONS = [
  'users_excluded',
  'groups_excluded',
  'user_types_excluded',
  'network_excludes',
  'platform_include',
  'device_assurances_included',
  'behaviors',
  'identity_provider_ids',
  'app_include',
];
const ANY = new Set(['', 'ANY']);

function narrowed(rule: Plain): boolean {
  const set = (a: string): boolean => {
    const value = rule[a];
    return Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined;
  };
  return (
    CONDITIONS.some(set) ||
    ['risk_score', 'risc_level', 'risk_level', 'authtype'].some((a) => !ANY.has(text(rule, a) ?? '')) ||
    rule.device_is_managed === true ||
    rule.device_is_registered === true ||
    (text(rule, 'custom_expression') ?? '') !== '' ||
    !['', 'ANY', 'OKTA'].includes(text(rule, 'identity_provider') ?? '')
  );
}

/** A rule's side, or null when it does not exist there, is inactive, or its priority or scope is unknown. */
function sideOf(type: string, rule: Plain | null): RuleSide | null {
  const priority = number(rule, 'priority');
  if (!rule || priority === null || text(rule, 'status') === 'INACTIVE') return null;
  // An element known only after apply (a group created by this plan) leaves who or where unknown.
  const scope = ['groups_included', 'users_included', 'user_types_included', 'network_includes'];
  if (scope.some((a) => Array.isArray(rule[a]) && strings(rule, a).length !== (rule[a] as unknown[]).length))
    return null;
  return {
    priority,
    ...strengthOf(type, rule),
    who: ['groups_included', 'users_included', 'user_types_included'].flatMap((a) => strings(rule, a)),
    zones: text(rule, 'network_connection') === 'ZONE' ? strings(rule, 'network_includes') : null,
    narrowed: narrowed(rule),
    system: rule.system === true,
  };
}

const and = (items: readonly string[]): string =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
const subset = (a: readonly string[], b: readonly string[]): boolean => a.every((x) => b.includes(x));
const meets = (a: readonly string[], b: readonly string[]): boolean => a.some((x) => b.includes(x));

export class RuleOrder {
  /** Policy (its ID, or the okta_app_signon_policy_rules object) → its rules. */
  private readonly policies = new Map<string, OrderedRule[]>();

  /**
   * Every okta_* rule in the plan; `changed`: the plan changes it. Returns the Okta IDs whose names tell whether it
   * is for everyone (the Everyone group's ID is the org's own).
   */
  rule(type: string, address: string, values: ChangeValues, changed: boolean): string[] {
    const ids: string[] = [];
    const before = plain(values.before);
    const after = plain(values.after);
    if (type === 'okta_app_signon_policy_rules') {
      const [was, now] = [rulesByName(before), rulesByName(after)];
      for (const name of new Set([...was.keys(), ...now.keys()])) {
        const b = was.get(name) ?? null;
        const a = now.get(name) ?? null;
        this.add(
          address,
          {
            key: `${address}\u0000${name}`,
            address,
            name,
            changed: changed && JSON.stringify(b) !== JSON.stringify(a),
            before: sideOf('okta_app_signon_policy_rule', b),
            after: sideOf('okta_app_signon_policy_rule', a),
          },
          ids,
        );
      }
      return ids;
    }
    const policy = text(after, 'policy_id') ?? text(before, 'policy_id');
    if (!policy) return ids;
    this.add(
      policy,
      {
        key: address,
        address,
        name: text(after, 'name') ?? text(before, 'name') ?? address,
        changed,
        before: sideOf(type, before),
        after: sideOf(type, after),
      },
      ids,
    );
    return ids;
  }

  private add(policy: string, rule: OrderedRule, ids: string[]): void {
    for (const side of [rule.before, rule.after]) if (side) ids.push(...side.who);
    const rules = this.policies.get(policy);
    if (rules) rules.push(rule);
    else this.policies.set(policy, [rule]);
  }

  /** A finding for each rule that moves so that a rule shadows another it did not before, on the rule that moved. */
  findings(policy: ReviewPolicy, byId: (id: string) => string | null): Finding[] {
    if (policy.off.has(PRIORITY_SHADOWING)) return [];
    const forEveryone = (side: RuleSide): boolean =>
      side.who.length === 0 || side.who.some((id) => byId(id) === EVERYONE);
    /** Every sign-in `b` matches, `a` matches too. */
    const covers = (a: RuleSide, b: RuleSide): boolean =>
      !a.narrowed &&
      (forEveryone(a) || (!forEveryone(b) && subset(b.who, a.who))) &&
      (a.zones === null || (b.zones !== null && subset(b.zones, a.zones)));
    const overlaps = (a: RuleSide, b: RuleSide): boolean =>
      (forEveryone(a) || forEveryone(b) || meets(a.who, b.who)) &&
      (a.zones === null || b.zones === null || meets(a.zones, b.zones));

    // Each shadowed rule once, by the rule that matters most: one that asks less, else the first that covers it.
    const bySecond = new Map<OrderedRule, Shadowing>();
    const rank = (s: Shadowing): number =>
      severityRank(s.severity) + (s.first.after as RuleSide).priority / 1e9;
    for (const rules of this.policies.values()) {
      for (const first of rules) {
        for (const second of rules) {
          const [a, b] = [first.after, second.after];
          if (first === second || !a || !b || !(moved(first) || moved(second))) continue;
          // Evaluated first; on a tie, the rule the plan moves goes first (Okta shifts the other down).
          if (!(a.priority < b.priority || (a.priority === b.priority && moved(first) && !moved(second))))
            continue;
          if (first.before && second.before && first.before.priority < second.before.priority) continue;
          let severity: Severity | null = null;
          if (a.strength < b.strength && overlaps(a, b)) severity = covers(a, b) ? 'high' : 'medium';
          // A rule no stricter left unreached changes what its sign-ins get (sessions, devices), not how much they
          // prove: worth a line, not a block.
          else if (!b.system && covers(a, b)) severity = 'low';
          if (!severity) continue;
          const shadowing = { first, second, severity, weaker: a.strength < b.strength };
          const known = bySecond.get(second);
          if (!known || rank(shadowing) < rank(known)) bySecond.set(second, shadowing);
        }
      }
    }
    const found = new Map<OrderedRule, Shadowing[]>();
    const order = (s: Shadowing): number => (s.second.after as RuleSide).priority;
    for (const shadowing of [...bySecond.values()].sort((x, y) => order(x) - order(y))) {
      const on = moved(shadowing.first) ? shadowing.first : shadowing.second;
      found.set(on, [...(found.get(on) ?? []), shadowing]);
    }
    return [...found].map(([rule, shadowings]) => this.finding(rule, shadowings, policy));
  }

  private finding(rule: OrderedRule, shadowings: readonly Shadowing[], policy: ReviewPolicy): Finding {
    const severity = highestSeverity(shadowings) as Severity;
    const what = (r: OrderedRule): string => (r.after as RuleSide).what;
    const listed = shadowings.slice(0, MAX_LISTED);
    const clauses: string[] = [];
    for (const s of listed.filter((s) => s.second === rule)) {
      clauses.push(
        s.weaker
          ? `comes after "${s.first.name}" (${what(s.first)}), which takes ${s.severity === 'medium' ? 'the sign-ins they share' : 'every sign-in it decided'}`
          : `comes after "${s.first.name}", which takes every sign-in it decided: it is never reached`,
      );
    }
    // The rules it comes before, in groups by what becomes of them.
    const ahead = listed.filter((s) => s.first === rule);
    for (const [weaker, severity] of [
      [true, 'high'],
      [true, 'medium'],
      [false, 'low'],
    ] as const) {
      const group = ahead.filter((s) => s.weaker === weaker && s.severity === severity);
      if (group.length === 0) continue;
      const one = group.length === 1;
      const names = and(
        group.map((s) => (weaker ? `"${s.second.name}" (${what(s.second)})` : `"${s.second.name}"`)),
      );
      clauses.push(
        !weaker
          ? `comes before ${names}, which ${one ? 'is' : 'are'} then never reached`
          : `comes before ${names} and takes ${severity === 'medium' ? 'the sign-ins they share' : `every sign-in ${one ? 'it' : 'they'} decided`}`,
      );
    }
    const more = shadowings.length > MAX_LISTED ? `; and ${shadowings.length - MAX_LISTED} more` : '';
    const others = shadowings.slice(0, MAX_LISTED).map((s) => (s.first === rule ? s.second : s.first));
    return {
      rule: PRIORITY_SHADOWING,
      severity: policy.severity.get(PRIORITY_SHADOWING) ?? severity,
      address: rule.address,
      message: `Rule "${rule.name}" (${what(rule)}) now ${clauses.join('; ')}${more}.`,
      evidence: [rule, ...others].map((r) => ({
        path: r === rule && r.address === r.key ? 'priority' : `rule "${r.name}" priority`,
        before: r.before ? String(r.before.priority) : null,
        after: r.after ? String(r.after.priority) : null,
      })),
    };
  }
}
