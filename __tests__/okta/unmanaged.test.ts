// Objects made outside Terraform: the example org applied by the action (in process) to an Okta emulator that starts
// with Okta's own objects, then edited "in the Admin Console"; `okta-tf unmanaged`'s core reads the state from the
// next plan and asks the emulator. Only the hand-made objects come back, the rule inside a managed policy first.

import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unmanagedReport } from '../../src/cli/unmanaged.js';
import { runInProcess } from '../../testkit/in-process.js';
import {
  eventEnv,
  exampleRepository,
  GITHUB_TOKEN,
  httpBackend,
  startOktaWorkflow,
} from '../../testkit/workflow.js';

jest.setTimeout(240_000);

const TOKEN = '00unmanaged-test-token-0000000000000000';
let workflow: Awaited<ReturnType<typeof startOktaWorkflow>>;
let planJson = '';
const made: Record<string, string> = {};

function run(mode: string, inputs: Record<string, string> = {}) {
  return runInProcess(
    {
      'working-directory': 'orgs/production',
      setup: 'false',
      'github-token': GITHUB_TOKEN,
      'backend-config': httpBackend(workflow.state, 'unmanaged'),
      'okta-rate-limits': 'enterprise',
      mode,
      ...inputs,
    },
    {
      files: exampleRepository(),
      env: {
        ...eventEnv(workflow.github, 'workflow_dispatch', { ref: 'refs/heads/main' }),
        OKTA_ORG_NAME: 'acme',
        OKTA_BASE_URL: 'okta.com',
        OKTA_API_TOKEN: TOKEN,
        OKTA_HTTP_PROXY: workflow.emulator.url,
        TF_REATTACH_PROVIDERS: workflow.provider.reattach,
      },
    },
  );
}

/** The run, when it succeeded (the setup's runs are not what the tests check, but they must work). */
function succeeded<T extends { code: number | null; stdout: string }>(result: T): T {
  if (result.code !== 0) throw new Error(`a setup run failed:\n${result.stdout}`);
  return result;
}

beforeAll(async () => {
  workflow = await startOktaWorkflow(TOKEN, { builtIns: true });
  const plan = succeeded(await run('plan'));
  succeeded(await run('apply', { 'approved-fingerprint': plan.outputs.fingerprint ?? '' }));
  // In the Admin Console: a group, an app, a zone, and a rule above the managed ones in the managed policy.
  const { emulator } = workflow;
  const id = (reply: { body: unknown }) => String((reply.body as { id: string }).id);
  made.group = id(emulator.adminEdit('POST', '/api/v1/groups', { profile: { name: 'Contractors' } }));
  made.zone = id(
    emulator.adminEdit('POST', '/api/v1/zones', {
      type: 'IP',
      name: 'Home office',
      gateways: [{ type: 'CIDR', value: '198.51.100.0/24' }],
    }),
  );
  const policies = emulator.state().policies;
  const staff = Object.values(policies).find((p) => p.name === 'Staff sign-on');
  if (!staff) throw new Error('the example has no Staff sign-on policy');
  made.policy = staff.id;
  made.rule = id(
    emulator.adminEdit('POST', `/api/v1/policies/${staff.id}/rules`, {
      type: 'SIGN_ON',
      name: 'Skip MFA for everyone',
      priority: 1,
      conditions: { network: { connection: 'ANYWHERE' } },
      actions: { signon: { access: 'ALLOW', requireFactor: false } },
    }),
  );
  planJson = succeeded(await run('plan')).outputs['json-plan-path'] ?? '';
});

afterAll(async () => {
  await workflow.stop();
});

describe('okta-tf unmanaged', () => {
  it("lists only what was made by hand, never Okta's own objects, the rule in a managed policy first", async () => {
    process.env.OKTA_API_TOKEN = TOKEN;
    const before = workflow.emulator.requests.length;
    const report = JSON.parse(await unmanagedReport(planJson, { format: 'json', directory: '.' })) as {
      unmanaged: Array<{ type: string; id: string; name: string }>;
    };
    expect(report.unmanaged).toEqual([
      { type: 'okta_policy_rule_signon', id: made.rule, name: 'Skip MFA for everyone' },
      { type: 'okta_group', id: made.group, name: 'Contractors' },
      { type: 'okta_network_zone', id: made.zone, name: 'Home office' },
    ]);
    // One list per kind (groups, group rules, apps, sign-on and password policies, zones: a page each), then each
    // managed policy and its rules (2 policies).
    const calls = workflow.emulator.requests
      .slice(before)
      .map((r) => r.path.replace(/\/[\w]{20}(?=\/|$)/g, '/{id}'));
    expect(calls).toEqual([
      '/api/v1/groups?limit=200',
      '/api/v1/groups/rules?limit=200',
      '/api/v1/apps?limit=200',
      '/api/v1/policies?type=OKTA_SIGN_ON',
      '/api/v1/policies?type=PASSWORD',
      '/api/v1/zones?limit=200',
      '/api/v1/policies/{id}',
      '/api/v1/policies/{id}/rules',
      '/api/v1/policies/{id}',
      '/api/v1/policies/{id}/rules',
    ]);
  });

  it('says where the hand-made rule sits among the managed ones, with Admin Console links', async () => {
    const markdown = await unmanagedReport(planJson, { format: 'markdown', directory: '.' });
    expect(markdown).toContain('### Made outside Terraform (3)');
    expect(markdown).toContain(
      `- \`okta_policy_rule_signon\` **Skip MFA for everyone** in policy \`${made.policy}\`: priority 1, before every managed rule (their priorities: 2, 3)`,
    );
    expect(markdown).toContain(`([Admin Console](${workflow.emulator.url}/admin/group/${made.group}))`);
  });

  it('adds them to the drift issue and the job summary', async () => {
    const drift = succeeded(await run('drift'));
    expect(drift.stdout).toContain('3 object(s) made outside Terraform in the kinds it manages.');
    const [issue] = workflow.github.issues();
    expect(issue?.title).toBe('Okta drift: orgs/production');
    expect(issue?.body).toContain('### Made outside Terraform (3)');
    expect(issue?.body).toContain('**Contractors**');
    expect(drift.stepSummary).toContain('**Skip MFA for everyone**');
  });

  it('reads a state as well as a plan, and refuses what is neither', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'okta-tf-unmanaged-'));
    writeFileSync(
      join(dir, 'state.json'),
      JSON.stringify({ format_version: '1.0', values: { root_module: {} } }),
    );
    const empty = JSON.parse(
      await unmanagedReport(join(dir, 'state.json'), { format: 'json', directory: '.' }),
    );
    expect(empty).toEqual({ unmanaged: [] });
    writeFileSync(join(dir, 'other.json'), '{"resources": []}');
    await expect(
      unmanagedReport(join(dir, 'other.json'), { format: 'json', directory: '.' }),
    ).rejects.toThrow('the input is not a Terraform state or plan (it has no format_version)');
  });
});
