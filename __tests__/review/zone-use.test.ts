// A rule that lets people sign in from a zone covering the whole internet (security-checks.md row 5, "such zones
// used in ALLOW rules"), on the corpus's update of okta_app_signon_policy_rule (Okta's example, planned through
// terraform): the zone is an unchanged entry of the plan beside it (a no-op, as Terraform lists every object).

import { describe, expect, it } from '@jest/globals';
import { addObject, corpusUpdate, type Values } from '../../testkit/corpus-change.js';
import { summarizeObject } from '../../testkit/plans.js';
import { parsePolicy } from '../../src/review/policy.js';

const RULE = 'okta_app_signon_policy_rule';

/**
 * The corpus's rule update, its zones `before` → `after` (network_includes), beside an unchanged zone "Office"
 * (nzoOffice) with `gateways`.
 */
function plan(
  gateways: string[],
  zones: { before: string[]; after: string[] },
  edits: { rule?: Values; zone?: Values } = {},
) {
  const scope = (ids: string[]) => ({ network_connection: 'ZONE', network_includes: ids });
  const change = corpusUpdate(RULE, {
    before: scope(zones.before),
    after: { ...scope(zones.after), ...edits.rule },
  });
  const zone = change.plan.resource_changes.find((c) => c.type === 'okta_network_zone');
  if (!zone?.change.after) throw new Error('the corpus plan has no zone');
  addObject(change, {
    type: 'okta_network_zone',
    address: 'okta_network_zone.office',
    values: {
      ...zone.change.after,
      id: 'nzoOffice',
      name: 'Office',
      type: 'IP',
      usage: 'POLICY',
      gateways,
      ...edits.zone,
    },
  });
  return change.plan;
}

async function zoneFindings(document: unknown, options?: Parameters<typeof summarizeObject>[1]) {
  return (await summarizeObject(document, options)).findings.filter(
    (f) => f.rule === 'zone-whole-internet' && f.address.startsWith(`${RULE}.`),
  );
}

const added = { before: [], after: ['nzoOffice'] };

describe('a rule that allows sign-in from an internet-wide zone', () => {
  it('is high when the rule newly allows a zone whose gateways span the internet', async () => {
    const [finding, ...more] = await zoneFindings(plan(['10.0.0.0/24', '0.0.0.0/0'], added));
    expect(more).toEqual([]);
    expect(finding?.severity).toBe('high');
    expect(finding?.message).toBe(
      'Rule "testAcc_3378940327_updated" lets people sign in from zone "Office", which covers the whole internet ("0.0.0.0/0"): in this zone means anywhere.',
    );
    expect(finding?.evidence).toEqual([
      { path: 'network_includes', before: null, after: '"nzoOffice"' },
      { path: 'zone "Office" gateways', before: null, after: '["0.0.0.0/0"]' },
    ]);
  });

  it('says nothing for an office-sized zone, a zone the rule already allowed, a DENY rule or a block list', async () => {
    const twins = [
      plan(['203.0.113.0/24'], added),
      // Already allowed: what the zone covers is the zone's own change, which zone-whole-internet judges there.
      plan(['0.0.0.0/0'], { before: ['nzoOffice'], after: ['nzoOffice'] }),
      plan(['0.0.0.0/0'], added, { rule: { access: 'DENY' } }),
      plan(['0.0.0.0/0'], added, { zone: { usage: 'BLOCKLIST' } }),
    ];
    for (const twin of twins) expect(await zoneFindings(twin)).toEqual([]);
  });

  it('takes the policy’s trusted CIDRs out', async () => {
    const document = plan(['10.0.0.0/8'], added);
    expect((await zoneFindings(document)).length).toBe(1);
    const trusted = parsePolicy('version: 1\nallow:\n  trusted-cidrs: [10.0.0.0/8]\n', 'p.yml');
    expect(await zoneFindings(document, { policy: trusted })).toEqual([]);
  });
});
