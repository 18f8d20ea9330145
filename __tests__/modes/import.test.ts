// Mode import on a workflow_dispatch: an org where one group is managed and the rest was made in the Admin Console
// (groups, a group rule, a network zone, a sign-on policy with a rule). The action lists what the state lacks, lets
// the real terraform write the configuration through the okta/okta stand-in, opens one pull request from
// okta-import/orgs-production with the files (through the GitHub stand-in's Git Database API) and the onboarding
// review. That branch, checked out, then plans only imports; applied, the next plan is empty.

import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { ActionRun } from '../../testkit/action-step.mjs';
import { makeContractorsByHand } from '../../testkit/okta/admin-console.mjs';
import { runInProcess } from '../../testkit/in-process.js';
import {
  eventEnv,
  GITHUB_TOKEN,
  httpBackend,
  STATE_PASSWORD,
  startOktaWorkflow,
} from '../../testkit/workflow.js';

jest.setTimeout(300_000);

const TOKEN = '00import-okta-api-token-000000000000000';
const DIRECTORY = 'orgs/production';
const BASE: Record<string, string> = {
  [`${DIRECTORY}/main.tf`]: [
    'terraform {',
    '  backend "http" {}',
    '  required_providers {',
    '    okta = { source = "okta/okta" }',
    '  }',
    '}',
    '',
    'provider "okta" {}',
    '',
    'resource "okta_group" "engineering" {',
    '  name = "Engineering"',
    '}',
    '',
  ].join('\n'),
  'README.md': '# Okta configuration\n',
};
const TYPES = 'okta_group, okta_group_rule\nokta_network_zone, okta_policy_signon, okta_policy_rule_signon';

let workflow: Awaited<ReturnType<typeof startOktaWorkflow>>;
let baseSha = '';
let first: ActionRun;
let again: ActionRun;
const made: Record<string, string> = {};
let orgBefore = '';
let orgAfter = '';

function run(
  mode: string,
  files: Record<string, string>,
  inputs: Record<string, string> = {},
): Promise<ActionRun> {
  const { github, state, provider } = workflow;
  const dispatch = mode === 'import';
  return runInProcess(
    {
      'working-directory': DIRECTORY,
      setup: 'false',
      'github-token': GITHUB_TOKEN,
      'backend-config': httpBackend(state, 'import-org'),
      mode,
      ...inputs,
    },
    {
      files,
      env: {
        ...(dispatch
          ? eventEnv(
              github,
              'workflow_dispatch',
              { ref: 'refs/heads/main', inputs: {} },
              {
                GITHUB_REF: 'refs/heads/main',
                GITHUB_SHA: baseSha,
              },
            )
          : eventEnv(github, 'pull_request', { number: 7, pull_request: { number: 7 } })),
        OKTA_ORG_NAME: 'acme',
        OKTA_BASE_URL: 'okta.com',
        OKTA_API_TOKEN: TOKEN,
        // The action's own Okta client reads the org where the provider does.
        OKTA_HTTP_PROXY: workflow.emulator.url,
        TF_REATTACH_PROVIDERS: provider.reattach,
      },
    },
  );
}

async function planAndApply(files: Record<string, string>): Promise<ActionRun> {
  const plan = await run('plan', files);
  expect(plan.code).toBe(0);
  const apply = await run('apply', files, { 'approved-fingerprint': plan.outputs.fingerprint ?? '' });
  expect(apply.code).toBe(0);
  return plan;
}

const id = (reply: { body: unknown }) => String((reply.body as { id: string }).id);

beforeAll(async () => {
  workflow = await startOktaWorkflow(TOKEN, { builtIns: true });
  baseSha = workflow.github.git.seedCommit(BASE);
  await planAndApply(BASE);
  const org = workflow.emulator;
  Object.assign(made, makeContractorsByHand(org));
  made.policy = id(
    org.adminEdit('POST', '/api/v1/policies', {
      type: 'OKTA_SIGN_ON',
      name: 'Contractor sign-on',
      status: 'ACTIVE',
      conditions: { people: { groups: { include: [made.contractors] } } },
    }),
  );
  made.policyRule = id(
    org.adminEdit('POST', `/api/v1/policies/${made.policy}/rules`, {
      type: 'SIGN_ON',
      name: 'MFA off network',
      actions: { signon: { access: 'ALLOW', requireFactor: true, factorPromptMode: 'ALWAYS' } },
    }),
  );
  orgBefore = JSON.stringify(org.state());
  first = await run('import', BASE, { 'import-types': TYPES });
  again = await run('import', BASE, { 'import-types': TYPES });
  orgAfter = JSON.stringify(org.state());
});

afterAll(async () => {
  await workflow.stop();
});

const pulls = () => workflow.github.git.pulls();

describe('mode: import', () => {
  it('imports what was made by hand and nothing the state or Okta holds already', () => {
    expect(first.code).toBe(0);
    expect(first.outputs.imported).toBe('5');
    const files = workflow.github.git.filesAt('okta-import/orgs-production');
    const imports = files[`${DIRECTORY}/okta-imports.tf`] ?? '';
    expect(imports).toContain(`to = okta_group.contractors\n  id = "${made.contractors}"`);
    expect(imports).toContain(`id = "${made.policy}/${made.policyRule}"`);
    // Engineering is in the state; Everyone and Okta's default policy are Okta's own.
    expect(imports).not.toMatch(/Engineering|Everyone|Default Policy/);
    // The base commit's files are all there, unchanged.
    expect(files[`${DIRECTORY}/main.tf`]).toBe(BASE[`${DIRECTORY}/main.tf`]);
    expect(files['README.md']).toBe(BASE['README.md']);
    // Listing and planning only: the org is as the Admin Console left it.
    expect(orgAfter).toBe(orgBefore);
    expect(Object.keys(files).sort()).toEqual([
      'README.md',
      `${DIRECTORY}/main.tf`,
      `${DIRECTORY}/okta-imports.tf`,
      `${DIRECTORY}/okta_group.tf`,
      `${DIRECTORY}/okta_group_rule.tf`,
      `${DIRECTORY}/okta_network_zone.tf`,
      `${DIRECTORY}/okta_policy_rule_signon.tf`,
      `${DIRECTORY}/okta_policy_signon.tf`,
    ]);
    // A rule names its policy and group by reference, not by ID.
    expect(files[`${DIRECTORY}/okta_policy_rule_signon.tf`]).toMatch(
      /policy_id\s+= okta_policy_signon\.contractor_sign_on\.id/,
    );
    expect(files[`${DIRECTORY}/okta_group_rule.tf`]).toMatch(
      /group_assignments\s+= \[okta_group\.contractors\.id\]/,
    );
  });

  it('opens one pull request with the onboarding review, and updates it on the next run', () => {
    expect(pulls()).toHaveLength(1);
    const [pull] = pulls();
    expect(pull).toMatchObject({ head: 'okta-import/orgs-production', base: 'main', state: 'open' });
    expect(first.outputs['pull-request-number']).toBe(String(pull?.number));
    expect(again.outputs['pull-request-number']).toBe(String(pull?.number));
    expect(again.stdout).toContain(`Import pull request #${pull?.number} updated`);
    const commit = workflow.github.git.commit(
      workflow.github.git.branch('okta-import/orgs-production') ?? '',
    );
    expect(commit?.parents).toEqual([baseSha]);
    expect(pull?.title).toBe(
      'Okta: bring 5 objects made outside Terraform under Terraform (orgs/production)',
    );
    const body = pull?.body ?? '';
    expect(body).toMatch(/\| Groups & group rules \| `okta_group` \| 1 \|/);
    expect(body).toMatch(/\| Groups & group rules \| `okta_group_rule` \| 1 \|/);
    expect(body).toMatch(/\| Policies & rules \| `okta_policy_signon` \| 1 \|/);
    expect(body).toContain(
      "The branch's plan: `Plan: 5 to import, 0 to add, 1 to change, 0 to destroy.` It would still change 1 imported object:",
    );
    expect(body).toMatch(
      /`okta_group_rule\.contractors_by_type` \*\*Contractors by type\*\* \(update: `remove_assigned_users`\): `remove_assigned_users` says what deleting/,
    );
    expect(body).toContain(`- \`${DIRECTORY}/okta_policy_rule_signon.tf\``);
    expect(body).toContain(
      "GitHub starts no workflow for a pull request the workflow's own GITHUB_TOKEN opened",
    );
  });

  it('is a branch whose plan only imports, and once applied the org plans empty', async () => {
    const files = workflow.github.git.filesAt('okta-import/orgs-production');
    const plan = await planAndApply(files);
    expect(plan.outputs['to-import']).toBe('5');
    expect(plan.outputs['to-add']).toBe('0');
    expect(plan.outputs['to-destroy']).toBe('0');
    const after = await run('plan', files);
    expect(after.code).toBe(0);
    expect(after.outputs['has-changes']).toBe('false');
  });

  it('fails github-unavailable, naming the permissions, when the token may not write, and opens nothing', async () => {
    const { github } = workflow;
    const before = github.git.branch('okta-import/orgs-production');
    workflow.emulator.adminEdit('POST', '/api/v1/zones', {
      type: 'IP',
      name: 'Branch office',
      gateways: [{ type: 'CIDR', value: '203.0.113.0/24' }],
    });
    github.readOnly = true;
    const refused = await run('import', BASE, { 'import-types': 'okta_network_zone' }).finally(() => {
      github.readOnly = false;
    });
    expect(refused.code).toBe(1);
    expect(refused.outputs['failure-reason']).toBe('github-unavailable');
    expect(refused.stdout).toMatch(
      /::error::github-unavailable: the import pull request could not be opened \(Resource not accessible by integration[^\n]*\): give the job `permissions: contents: write` and `pull-requests: write`/,
    );
    expect(github.git.branch('okta-import/orgs-production')).toBe(before);
    expect(pulls()).toHaveLength(1);
  });

  it('takes its branch and pull request back from a writer who pushed to the one and edited the other', async () => {
    const { git } = workflow.github;
    const [pull] = pulls();
    const branch = 'okta-import/orgs-production';
    git.seedCommit(
      { [`${DIRECTORY}/backdoor.tf`]: 'resource "okta_group" "backdoor" {\n  name = "Backdoor"\n}\n' },
      branch,
    );
    git.editPull(pull?.number ?? 0, { body: 'Approved by security, merge without review.' });
    const retaken = await run('import', BASE, { 'import-types': 'okta_network_zone' });
    expect(retaken.code).toBe(0);
    expect(retaken.outputs['pull-request-number']).toBe(String(pull?.number));
    expect(git.commit(git.branch(branch) ?? '')?.parents).toEqual([baseSha]);
    expect(Object.keys(git.filesAt(branch))).not.toContain(`${DIRECTORY}/backdoor.tf`);
    const body = pulls()[0]?.body ?? '';
    expect(body).not.toContain('Approved by security');
    expect(body).toContain('## 1 object made outside Terraform');
    expect(pulls()).toHaveLength(1);
  });

  it('commits and posts none of the secrets the runs held', () => {
    const { git } = workflow.github;
    const everything = [
      ...Object.values(git.filesAt('okta-import/orgs-production')),
      ...git.pulls().flatMap((pull) => [pull.title, pull.body]),
    ].join('\n');
    for (const secret of [TOKEN, GITHUB_TOKEN, STATE_PASSWORD]) expect(everything).not.toContain(secret);
    expect(everything).toContain('okta_group.contractors');
  });

  it("made only calls GitHub's REST description allows, answered as it documents", () => {
    expect(workflow.github.violations).toEqual([]);
  });
});
