// The "warn" rows of reference/okta/known-noise.tsv, as findings (rule provider-hazard): configurations okta/okta is
// known to fight over, where each apply takes away what another object gave.
// - okta_group_memberships on a group a group rule assigns people to: the provider removes the users the rule added
//   (3.26 and later), and the rule adds them back (#1094 #1149 #179).
// - okta_app_group_assignments next to another assignment resource of the same app: its read returns every group
//   assigned to the app, so the two never converge and each apply unassigns the other's groups (docs
//   app_group_assignments.md). Judged when both are in the plan's changes: the plan that adds the second one, and
//   every plan after, where each undoes the other. (An unchanged neighbour's groups show as groups the set removes,
//   which access-removed judges; reading every unchanged assignment of a large org costs more than it adds.)
// - an okta_group_rule that is INVALID (a group it assigns to was deleted): Okta lets it only be read or deleted, so an
//   update fails (#157, PR #250; CHANGELOG #1813).
// Group rules are known from every entry of the plan, changed or not.

import type { ChangeValues } from '../plan/indexed-resources.js';
import type { Finding } from './findings.js';
import type { ReviewPolicy } from './policy.js';
import { plain, strings, text } from './rules/values.js';

export const PROVIDER_HAZARD = 'provider-hazard';
export const HAZARD_TYPES = [
  'okta_group_rule',
  'okta_group_memberships',
  'okta_app_group_assignment',
  'okta_app_group_assignments',
] as const;

const MAX_LISTED = 3;

/** The group assignment resources of one app: how many, the first few, and the okta_app_group_assignments changed. */
interface AppAssignments {
  count: number;
  readonly some: string[];
  readonly changedSets: string[];
}

interface Hazard {
  readonly address: string;
  readonly message: string;
  readonly evidence: Finding['evidence'];
}

export class ProviderHazards {
  /** Group ID → the first group rule that assigns people to it (one string per group: plans hold 100,000 rules). */
  private readonly ruleTargets = new Map<string, string>();
  /** Group ID → how many more rules assign to it, for the few groups with more than one. */
  private readonly moreRules = new Map<string, number>();
  /** App ID → its group assignment resources. */
  private readonly appAssignments = new Map<string, AppAssignments>();
  private readonly memberships: { address: string; group: string }[] = [];
  private readonly invalidRules: Hazard[] = [];

  /** An object of a HAZARD_TYPES type; `changed`: the plan changes it. */
  object(type: string, address: () => string, values: ChangeValues, changed: boolean): void {
    const before = plain(values.before);
    const object = plain(values.after) ?? before;
    if (type === 'okta_group_rule') {
      const name = text(object, 'name') ?? address();
      for (const group of strings(object, 'group_assignments')) {
        if (!this.ruleTargets.has(group)) this.ruleTargets.set(group, name);
        else this.moreRules.set(group, (this.moreRules.get(group) ?? 0) + 1);
      }
      if (changed && values.after && text(before, 'status') === 'INVALID')
        this.invalidRules.push({
          address: address(),
          message: `Group rule "${name}" is INVALID (a group it assigns people to was deleted): Okta lets it only be read or deleted, so this update fails.`,
          evidence: [
            {
              path: 'status',
              before: '"INVALID"',
              after: JSON.stringify(text(plain(values.after), 'status')),
            },
          ],
        });
    } else if (type === 'okta_group_memberships') {
      const group = text(object, 'group_id');
      if (changed && group && values.after) this.memberships.push({ address: address(), group });
    } else {
      const app = text(object, 'app_id');
      if (!app) return;
      let assignments = this.appAssignments.get(app);
      if (!assignments) this.appAssignments.set(app, (assignments = { count: 0, some: [], changedSets: [] }));
      assignments.count++;
      if (assignments.some.length < MAX_LISTED) assignments.some.push(address());
      if (changed && type === 'okta_app_group_assignments') assignments.changedSets.push(address());
    }
  }

  findings(policy: ReviewPolicy): Finding[] {
    if (policy.off.has(PROVIDER_HAZARD)) return [];
    const hazards: Hazard[] = [...this.invalidRules];
    for (const { address, group } of this.memberships) {
      const rule = this.ruleTargets.get(group);
      const more = this.moreRules.get(group);
      if (rule)
        hazards.push({
          address,
          message: `Group rule "${rule}"${more ? ` (and ${more} more)` : ''} also assigns people to this group: okta_group_memberships removes the users the rule adds, and the rule adds them back.`,
          evidence: [{ path: 'group_id', before: null, after: JSON.stringify(group) }],
        });
    }
    for (const [app, { count, some, changedSets }] of this.appAssignments) {
      if (count < 2) continue;
      for (const address of changedSets) {
        const others = some.filter((a) => a !== address).slice(0, MAX_LISTED - 1);
        const more = count - 1 - others.length;
        hazards.push({
          address,
          message: `okta_app_group_assignments reads every group assigned to the app, also those of ${others.join(', ')}${more > 0 ? ` and ${more} more` : ''}: they never converge, and each apply unassigns the other's groups.`,
          evidence: [{ path: 'app_id', before: null, after: JSON.stringify(app) }],
        });
      }
    }
    return hazards.map((h) => ({
      rule: PROVIDER_HAZARD,
      severity: policy.severity.get(PROVIDER_HAZARD) ?? 'medium',
      ...h,
    }));
  }
}
