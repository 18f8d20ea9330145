// Priority shadowing (security-checks.md row 2) on the corpus's plans of Okta's own example configurations: the
// changed rule is the corpus's, its neighbours in the same policy are unchanged entries (no-ops, as Terraform lists
// every object in a plan). Each trigger has a twin one attribute apart that must give no finding.

import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addObject, corpusUpdate, type PlanEntry, type Values } from '../../testkit/corpus-change.js';
import { CORPUS } from '../../testkit/okta-corpus-kept.js';
import { summarizeObject } from '../../testkit/plans.js';
import { parsePolicy } from '../../src/review/policy.js';

interface Plan {
  resource_changes: PlanEntry[];
}

const RULE = 'priority-shadowing';
const SIGNON = 'okta_policy_rule_signon';
const APP = 'okta_app_signon_policy_rule';
/** The corpus's update makes its sign-on rule an inactive DENY rule: these make it one that signs people in. */
const plainSignonRule = { access: 'ALLOW', status: 'ACTIVE', users_excluded: null };
/** The Everyone group in the corpus's prior state (data.okta_group.all of the okta_policy_rule_signon example). */
const EVERYONE = '00g1everyone0000000';

function corpus(type: string, step: string): Plan {
  return JSON.parse(readFileSync(join(CORPUS, type, `${step}.show.json`), 'utf8')) as Plan;
}

/** The corpus's update of `type`, its rule edited, with unchanged rules of the same policy beside it. */
function policyPlan(
  type: string,
  moved: { before?: Values; after: Values },
  neighbours: Values[],
): { plan: Plan; address: string } {
  const base = type === SIGNON ? plainSignonRule : {};
  const change = corpusUpdate(type, {
    before: { ...base, ...moved.before },
    after: { ...base, ...moved.after },
  });
  const { before } = change.entry.change;
  neighbours.forEach((values, i) =>
    addObject(change, {
      address: `${type}.neighbour_${i}`,
      values: { ...before, ...values, id: `0pr${i}neighbour`, policy_id: before.policy_id },
    }),
  );
  return { plan: change.plan, address: change.entry.address };
}

async function shadowing(plan: Plan, options?: Parameters<typeof summarizeObject>[1]) {
  return (await summarizeObject(plan, options)).findings.filter((f) => f.rule === RULE);
}

/** The app rule example's conditions cleared: for the groups given, anywhere, no device or platform condition. */
const plainAppRule = {
  custom_expression: null,
  device_assurances_included: null,
  device_is_registered: false,
  platform_include: [],
  groups_excluded: null,
  users_excluded: null,
  user_types_excluded: null,
  user_types_included: null,
  users_included: null,
  network_connection: 'ANYWHERE',
  network_includes: null,
  status: 'ACTIVE',
};

describe('priority shadowing', () => {
  it('finds a one-factor rule moved above the policy rule that asks for MFA', async () => {
    const { plan, address } = policyPlan(
      SIGNON,
      { before: { priority: 3, mfa_required: false }, after: { priority: 1, mfa_required: false } },
      [{ name: 'Require MFA', priority: 2, mfa_required: true }],
    );
    const [finding, ...more] = await shadowing(plan);
    expect(more).toEqual([]);
    expect(finding?.address).toBe(address);
    expect(finding?.severity).toBe('high');
    expect(finding?.message).toBe(
      'Rule "testAcc_2160889775" (one factor) now comes before "Require MFA" (a second factor) and takes every sign-in it decided.',
    );
    expect(finding?.evidence).toEqual([
      { path: 'priority', before: '3', after: '1' },
      { path: 'rule "Require MFA" priority', before: '2', after: '2' },
    ]);
  });

  it('finds nothing when the rule moves down, asks as much, or matches other sign-ins', async () => {
    const neighbour = [{ name: 'Require MFA', priority: 2, mfa_required: true }];
    const down = policyPlan(SIGNON, { before: { priority: 1 }, after: { priority: 3 } }, [
      { ...neighbour[0], priority: 4 },
    ]);
    const asMuch = policyPlan(
      SIGNON,
      {
        before: { priority: 3, mfa_required: true },
        after: { priority: 1, mfa_required: true, users_excluded: ['00u1'] },
      },
      neighbour,
    );
    const elsewhere = policyPlan(
      SIGNON,
      {
        before: { priority: 3 },
        after: { priority: 1, network_connection: 'ZONE', network_includes: ['nzo1'] },
      },
      [{ ...neighbour[0], network_connection: 'ZONE', network_includes: ['nzo2'] }],
    );
    for (const { plan } of [down, asMuch, elsewhere]) expect(await shadowing(plan)).toEqual([]);
  });

  it('is medium when the rules share only some sign-ins (one zone of an anywhere rule)', async () => {
    const { plan } = policyPlan(
      SIGNON,
      {
        before: { priority: 3 },
        after: { priority: 1, network_connection: 'ZONE', network_includes: ['nzo1'] },
      },
      [{ name: 'Require MFA', priority: 2, mfa_required: true }],
    );
    expect((await shadowing(plan)).map((f) => [f.severity, f.message])).toEqual([
      [
        'medium',
        'Rule "testAcc_2160889775" (one factor) now comes before "Require MFA" (a second factor) and takes the sign-ins they share.',
      ],
    ]);
  });

  it('finds the stricter rule moved below a weaker one, on the rule that moved', async () => {
    const { plan, address } = policyPlan(
      SIGNON,
      { before: { priority: 1, mfa_required: true }, after: { priority: 3, mfa_required: true } },
      [{ name: 'Password only', priority: 2, mfa_required: false }],
    );
    const found = await shadowing(plan);
    expect(found.map((f) => [f.address, f.message])).toEqual([
      [
        address,
        'Rule "testAcc_2160889775" (a second factor) now comes after "Password only" (one factor), which takes every sign-in it decided.',
      ],
    ]);
  });

  it('counts a rule for the Everyone group as a rule for everyone, by the group the plan names', async () => {
    const app = { ...plainAppRule, factor_mode: '1FA' };
    const everyone = policyPlan(
      APP,
      { before: { ...app, priority: 5 }, after: { ...app, priority: 1, groups_included: [EVERYONE] } },
      [
        {
          ...plainAppRule,
          name: 'Engineering MFA',
          priority: 2,
          factor_mode: '2FA',
          groups_included: ['00gEng'],
        },
      ],
    );
    // The app rule's corpus plan has no Everyone group of its own: the signon example's data source is added.
    const prior = corpus(SIGNON, 'update') as unknown as {
      prior_state: { values: { root_module: { resources: unknown[] } } };
    };
    const withEveryone = everyone.plan as unknown as typeof prior;
    withEveryone.prior_state.values.root_module.resources.push(
      ...prior.prior_state.values.root_module.resources.filter(
        (r) => (r as { address: string }).address === 'data.okta_group.all',
      ),
    );
    expect((await shadowing(everyone.plan)).map((f) => f.severity)).toEqual(['high']);
    const otherGroup = policyPlan(
      APP,
      { before: { ...app, priority: 5 }, after: { ...app, priority: 1, groups_included: ['00gSales'] } },
      [
        {
          ...plainAppRule,
          name: 'Engineering MFA',
          priority: 2,
          factor_mode: '2FA',
          groups_included: ['00gEng'],
        },
      ],
    );
    expect(await shadowing(otherGroup.plan)).toEqual([]);
  });

  it('finds a catch-all moved up over rules no stricter (low: they are never reached), never over Okta’s own catch-all', async () => {
    const rule = { ...plainAppRule, factor_mode: '2FA', groups_included: null };
    const above = (system: boolean) =>
      policyPlan(APP, { before: { ...rule, priority: 5 }, after: { ...rule, priority: 1 } }, [
        { ...rule, name: 'Contractors', priority: 2, groups_included: ['00gContractors'], system },
      ]).plan;
    expect((await shadowing(above(false))).map((f) => f.severity)).toEqual(['low']);
    expect((await shadowing(above(false))).map((f) => f.message)).toEqual([
      'Rule "testAcc_3378940327_updated" (a second factor) now comes before "Contractors", which is then never reached.',
    ]);
    expect(await shadowing(above(true))).toEqual([]);
  });

  it('leaves out rules whose priority or groups are known only after apply', async () => {
    const moved = { before: { priority: 3 }, after: { priority: 1, mfa_required: false } };
    const neighbour = [{ name: 'Require MFA', priority: 2, mfa_required: true }];
    expect(await shadowing(policyPlan(SIGNON, moved, neighbour).plan)).toHaveLength(1);
    const { plan, address } = policyPlan(SIGNON, moved, neighbour);
    const after = plan.resource_changes.find((c) => c.address === address)?.change.after;
    if (after) delete after.priority;
    expect(await shadowing(plan)).toEqual([]);
    // A group created by this plan: its ID is null in the plan (known after apply).
    const app = { ...plainAppRule, factor_mode: '1FA' };
    const unknownGroup = policyPlan(
      APP,
      { before: { ...app, priority: 5 }, after: { ...app, priority: 1, groups_included: [null] } },
      [
        {
          ...plainAppRule,
          name: 'Engineering MFA',
          priority: 2,
          factor_mode: '2FA',
          groups_included: ['00gEng'],
        },
      ],
    );
    expect(await shadowing(unknownGroup.plan)).toEqual([]);
  });

  it('reads the rules an okta_app_signon_policy_rules object holds: the first of Okta’s five covers the rest', async () => {
    const found = await shadowing(corpus('okta_app_signon_policy_rules', 'update'));
    expect(found.map((f) => [f.address, f.severity])).toEqual([
      ['okta_app_signon_policy_rules.policy_rules', 'low'],
    ]);
    expect(found[0]?.message).toBe(
      'Rule "Rule3-updatedTF-23/02/26" (a second factor) now comes before "Rule2-updatedTF-23/02/26", "Rule4-updatedTF-23/02/26", ' +
        '"Rule1-updatedTF-23/02/26" and "Rule5-updatedTF-23/02/26", which are then never reached.',
    );
  });

  it('follows the policy: off, or another severity', async () => {
    const { plan } = policyPlan(
      SIGNON,
      { before: { priority: 3 }, after: { priority: 1, mfa_required: false } },
      [{ name: 'Require MFA', priority: 2, mfa_required: true }],
    );
    const off = parsePolicy(`version: 1\nrules:\n  ${RULE}: off\n`, 'p.yml');
    const low = parsePolicy(`version: 1\nrules:\n  ${RULE}: low\n`, 'p.yml');
    expect(await shadowing(plan, { policy: off })).toEqual([]);
    expect((await shadowing(plan, { policy: low })).map((f) => f.severity)).toEqual(['low']);
  });
});
