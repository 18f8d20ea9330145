// The approval policy file: its published schema, the example in examples/policies/, and which changes each kind of
// match takes (category, type, action, finding rule, severity, org), on summaries of real plan shapes.

import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { builtInApprovalPolicy, parseApprovalPolicy } from '../../src/approvals/policy.js';
import { APPROVALS_SCHEMA } from '../../src/approvals/policy-schema.js';
import { changeFacts, requirementsOf } from '../../src/approvals/requirements.js';
import { ActionError } from '../../src/errors.js';
import { oktaId, oktaPlan, summarizeObject } from '../../testkit/plans.js';

const ORG = { directory: 'orgs/production', workspace: 'default', label: '' };

const policyOf = (rules: string) => parseApprovalPolicy(`version: 1\nrules:\n${rules}`, 'test');

/** A plan: an admin role to a group (admin-granted), a group renamed, a user deleted. */
async function mixedPlan() {
  return summarizeObject(
    oktaPlan({
      objects: [
        {
          type: 'okta_group_role',
          name: 'helpdesk',
          before: null,
          after: { id: oktaId('irb', 1), group_id: oktaId('00g', 2), role_type: 'HELP_DESK_ADMIN' },
        },
        {
          type: 'okta_group',
          name: 'eng',
          before: { id: oktaId('00g', 3), name: 'Eng' },
          after: { id: oktaId('00g', 3), name: 'Engineering' },
        },
        {
          type: 'okta_user',
          name: 'old',
          before: { id: oktaId('00u', 4), login: 'old@acme.example' },
          after: null,
        },
      ],
    }),
  );
}

const matched = async (rules: string, org = ORG) => {
  const facts = changeFacts(await mixedPlan());
  return requirementsOf(policyOf(rules), facts, org, { editsPolicy: false }).map((r) => [
    r.name,
    r.addresses,
  ]);
};

const rule = (name: string, match: string) =>
  `  - name: ${name}\n    match: ${match}\n    require: { count: 1 }\n`;

describe('the approval policy', () => {
  it('is published as schemas/okta-approvals.schema.json, and the example is valid', () => {
    expect(JSON.parse(readFileSync('schemas/okta-approvals.schema.json', 'utf8'))).toEqual(APPROVALS_SCHEMA);
    const example = parseApprovalPolicy(
      readFileSync('examples/policies/okta-approvals.yml', 'utf8'),
      'example',
    );
    expect(example.rules.map((r) => r.name)).toContain('identity providers');
    expect(example.policyChanges).toEqual({ anyOf: ['acme/okta-security'] });
  });

  it('matches by category, type, action, finding rule and severity', async () => {
    expect(await matched(rule('a', "{ categories: ['Admin roles & resource sets'] }"))).toEqual([
      ['a', ['okta_group_role.helpdesk']],
    ]);
    expect(await matched(rule('t', '{ types: [okta_group] }'))).toEqual([['t', ['okta_group.eng']]]);
    expect(await matched(rule('d', '{ actions: [delete] }'))).toEqual([['d', ['okta_user.old']]]);
    expect(await matched(rule('f', '{ findings: [admin-granted] }'))).toEqual([
      ['f', ['okta_group_role.helpdesk']],
    ]);
    // The one scale: the admin grant is high by its finding, the user's delete by its type; a rename is not.
    expect(await matched(rule('s', '{ severity: high }'))).toEqual([
      ['s', ['okta_group_role.helpdesk', 'okta_user.old']],
    ]);
    // Keys together: every one must match.
    expect(await matched(rule('both', '{ types: [okta_group], actions: [delete] }'))).toEqual([]);
  });

  it('matches the org by directory, workspace and label', async () => {
    const orgRule = (orgs: string) => rule('o', `{ actions: [delete], orgs: ${orgs} }`);
    expect(await matched(orgRule('{ directories: [orgs/production] }'))).toHaveLength(1);
    expect(await matched(orgRule('{ directories: [./orgs/production/] }'))).toHaveLength(1);
    expect(await matched(orgRule('{ directories: [orgs/preview] }'))).toEqual([]);
    expect(await matched(orgRule('{ workspaces: [staging] }'))).toEqual([]);
    expect(await matched(orgRule('{ labels: [prod] }'), { ...ORG, label: 'prod' })).toHaveLength(1);
  });

  it('without a file: block-on or worse needs one writer; none needs nothing', async () => {
    const facts = changeFacts(await mixedPlan());
    const needed = requirementsOf(builtInApprovalPolicy('high'), facts, ORG, { editsPolicy: false });
    expect(needed.map((r) => [r.name, r.changes, r.require])).toEqual([['high or worse', 2, { count: 1 }]]);
    expect(requirementsOf(builtInApprovalPolicy('none'), facts, ORG, { editsPolicy: false })).toEqual([]);
    expect(requirementsOf(builtInApprovalPolicy('critical'), facts, ORG, { editsPolicy: false })).toEqual([]);
  });

  it('refuses what is not valid, with the key', () => {
    const refused = (text: string): string => {
      try {
        parseApprovalPolicy(text, '.github/okta-approvals.yml');
      } catch (e) {
        return e instanceof ActionError ? e.message : `not an ActionError: ${String(e)}`;
      }
      throw new Error('accepted');
    };
    expect(refused(`version: 1\nrules:\n${rule('x', '{}')}`)).toContain(
      'rules.0.match: must NOT have fewer than 1 properties',
    );
    expect(refused(`version: 1\nrules:\n${rule('x', '{ actions: [destroy] }')}`)).toContain(
      'rules.0.match.actions.0: must be one of create, update, replace, delete, import',
    );
    expect(
      refused(
        "version: 1\nrules:\n  - name: x\n    match: { severity: high }\n    require: { any-of: ['not a team!'] }\n",
      ),
    ).toContain('not a user (alice) or a team (org/team-slug)');
    expect(refused('rules: []\n')).toContain('(top level): version is missing');
  });
});
