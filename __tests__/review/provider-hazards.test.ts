// The "warn" rows of reference/okta/known-noise.tsv as findings (provider-hazard), on the corpus's updates of Okta's
// own examples: the other object is an unchanged entry beside the change (a no-op, as Terraform lists every object).
// Each has a twin one value apart that must give no finding.

import { describe, expect, it } from '@jest/globals';
import { addObject, corpusUpdate, type Values } from '../../testkit/corpus-change.js';
import { summarizeObject } from '../../testkit/plans.js';

/** The corpus's update of `type`, with a `neighbour` of another type beside it: unchanged, or created. */
function withNeighbour(
  type: string,
  neighbour: { type: string; values: Values; created?: boolean } | null,
  edit: Values = {},
) {
  const change = corpusUpdate(type, { before: edit });
  if (neighbour) addObject(change, { ...neighbour, address: `${neighbour.type}.other` });
  return change;
}

async function hazards(plan: unknown) {
  return (await summarizeObject(plan)).findings.filter((f) => f.rule === 'provider-hazard');
}

describe('provider hazards', () => {
  it('okta_group_memberships on a group a group rule assigns people to', async () => {
    const group = '00g1wSDz3RqN93geZPPa';
    const rule = (target: string) => ({
      type: 'okta_group_rule',
      values: { name: 'Engineers by department', group_assignments: [target], status: 'ACTIVE' },
    });
    const { plan, entry } = withNeighbour('okta_group_memberships', rule(group));
    const [finding, ...more] = await hazards(plan);
    expect(more).toEqual([]);
    expect([finding?.address, finding?.severity]).toEqual([entry.address, 'medium']);
    expect(finding?.message).toBe(
      'Group rule "Engineers by department" also assigns people to this group: okta_group_memberships removes the users the rule adds, and the rule adds them back.',
    );
    expect(await hazards(withNeighbour('okta_group_memberships', rule('00gOtherGroup0000000')).plan)).toEqual(
      [],
    );
  });

  it('okta_app_group_assignments beside another assignment of the same app, added in the same plan', async () => {
    const app = '0oaGxY4ZGFcOkYGizHHd';
    const single = (appId: string) => ({
      type: 'okta_app_group_assignment',
      values: { app_id: appId, group_id: '00gSales000000000000', priority: 1 },
      created: true,
    });
    const { plan, entry } = withNeighbour('okta_app_group_assignments', single(app));
    expect((await hazards(plan)).map((f) => [f.address, f.message])).toEqual([
      [
        entry.address,
        "okta_app_group_assignments reads every group assigned to the app, also those of okta_app_group_assignment.other: they never converge, and each apply unassigns the other's groups.",
      ],
    ]);
    expect(
      await hazards(withNeighbour('okta_app_group_assignments', single('0oaAnotherApp0000000')).plan),
    ).toEqual([]);
  });

  it('an update of a group rule Okta holds INVALID', async () => {
    const invalid = withNeighbour('okta_group_rule', null, { status: 'INVALID' });
    expect((await hazards(invalid.plan)).map((f) => f.message)).toEqual([
      expect.stringMatching(/is INVALID .*: Okta lets it only be read or deleted, so this update fails\.$/),
    ]);
    expect(await hazards(withNeighbour('okta_group_rule', null, { status: 'ACTIVE' }).plan)).toEqual([]);
  });
});
