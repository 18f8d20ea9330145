// Security checks row 5, across objects: a rule that lets people sign in from a network zone which covers the whole
// internet. "Only from the office network" then means from anywhere: a rule that asks less in that zone asks less of
// everyone. Zones are known from the plan's managed entries, changed or not (Terraform lists unchanged ones as
// no-ops); a zone read by a data source, or known only after apply, is not judged.

import type { ChangeValues } from '../plan/indexed-resources.js';
import type { Plain } from './engine.js';
import type { Finding } from './findings.js';
import type { ReviewPolicy } from './policy.js';
import { isInternetWide } from './rules/network.js';
import { gained, list, plain, rulesByName, text } from './rules/values.js';

const RULE_ID = 'zone-whole-internet';
const RULE_TYPES = new Set(['okta_app_signon_policy_rule', 'okta_policy_rule_signon']);

interface Zone {
  readonly name: string;
  /** Its gateway entries that span the internet (before the policy's trusted CIDRs are taken out). */
  readonly wide: readonly string[];
}

interface Use {
  readonly address: string;
  readonly rule: string;
  readonly zones: readonly string[];
}

export class ZoneUse {
  private readonly zones = new Map<string, Zone>();
  private readonly uses: Use[] = [];

  /** An okta_network_zone in the plan, changed or not: what it covers after the apply (or now). */
  zone(values: ChangeValues): void {
    const zone = plain(values.after) ?? plain(values.before);
    const id = text(zone, 'id');
    if (!zone || !id || text(zone, 'usage') === 'BLOCKLIST') return;
    const gateways = Array.isArray(zone.gateways) ? zone.gateways : [];
    const wide = gateways.filter((g): g is string => typeof g === 'string' && isInternetWide(g));
    this.zones.set(id, { name: text(zone, 'name') ?? id, wide });
  }

  /** A changed sign-on rule (one, or each of an okta_app_signon_policy_rules object's): the zones it newly allows. */
  rule(type: string, address: string, values: ChangeValues): void {
    const before = plain(values.before);
    const after = plain(values.after);
    if (type === 'okta_app_signon_policy_rules') {
      const was = rulesByName(before);
      for (const [name, rule] of rulesByName(after)) this.use(address, was.get(name) ?? null, rule);
    } else if (RULE_TYPES.has(type)) this.use(address, before, after);
  }

  private use(address: string, before: Plain | null, after: Plain | null): void {
    if (!after || text(after, 'access') === 'DENY' || text(after, 'network_connection') !== 'ZONE') return;
    const zones = gained(before, after, 'network_includes');
    if (zones.length) this.uses.push({ address, rule: text(after, 'name') ?? address, zones });
  }

  findings(policy: ReviewPolicy): Finding[] {
    if (policy.off.has(RULE_ID)) return [];
    const found: Finding[] = [];
    for (const use of this.uses) {
      for (const id of use.zones) {
        const zone = this.zones.get(id);
        const wide = zone?.wide.filter((entry) => !policy.allow.trustedCidrs.includes(entry)) ?? [];
        if (!zone || wide.length === 0) continue;
        found.push({
          rule: RULE_ID,
          severity: policy.severity.get(RULE_ID) ?? 'high',
          address: use.address,
          message: `Rule "${use.rule}" lets people sign in from zone "${zone.name}", which covers the whole internet (${list(wide)}): in this zone means anywhere.`,
          evidence: [
            { path: 'network_includes', before: null, after: JSON.stringify(id) },
            { path: `zone "${zone.name}" gateways`, before: null, after: JSON.stringify(wide) },
          ],
        });
      }
    }
    return found;
  }
}
