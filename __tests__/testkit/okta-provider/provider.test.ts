// The okta/okta provider served from this process, driven by the real terraform binary through
// TF_REATTACH_PROVIDERS against the Okta org emulator: plan, show -json, apply, no-change plans, replacement,
// drift, rate limits, import, destroy.

import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOktaEmulator } from '../../../testkit/okta/emulator.mjs';
import { standInTerraformEnv, startOktaProvider } from '../../../testkit/okta-provider/provider.mjs';

jest.setTimeout(60_000);

interface PlanJson {
  resource_changes?: Change[];
  resource_drift?: Change[];
}
interface Change {
  address: string;
  type: string;
  change: { actions: string[]; after_unknown?: Record<string, unknown>; replace_paths?: unknown[] };
}

const TOKEN = 'harness-api-token';
let org: Awaited<ReturnType<typeof startOktaEmulator>>;
let provider: Awaited<ReturnType<typeof startOktaProvider>>;
const dirs: string[] = [];

function workdir(main: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'okta-provider-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'main.tf'), main);
  return dir;
}

// Asynchronous on purpose: the provider and the org live in this process and must keep answering.
function terraform(dir: string, args: string[]): Promise<{ code: number | null; output: string }> {
  const env = standInTerraformEnv(dir, provider.reattach);
  return new Promise((resolve, reject) => {
    const child = spawn('terraform', [`-chdir=${dir}`, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Terraform boxes diagnostics at 78 columns: undo the box and the wrapping. */
const flatten = (output: string) => output.replace(/[│╷╵]/g, ' ').replace(/\s+/g, ' ');

async function planJson(dir: string, extra: string[] = []): Promise<PlanJson> {
  const plan = await terraform(dir, ['plan', '-input=false', '-no-color', '-out=tfplan', ...extra]);
  // The whole result, so that a failure shows terraform's words.
  expect(plan).toMatchObject({ code: 0 });
  const show = await terraform(dir, ['show', '-json', 'tfplan']);
  expect(show).toMatchObject({ code: 0 });
  return JSON.parse(show.output) as PlanJson;
}

const providerBlock = (token = TOKEN) => `
terraform {
  required_providers {
    okta = { source = "okta/okta" }
  }
}

provider "okta" {
  org_name         = "harness"
  base_url         = "okta.com"
  api_token        = "${token}"
  http_proxy       = "${org.url}"
  max_retries      = 1
  min_wait_seconds = 1
  max_wait_seconds = 1
}
`;

const configuration = ({ appType = 'web', extra = '' } = {}) => `${providerBlock()}
data "okta_group" "everyone" {
  name = "Everyone"
}

resource "okta_group" "eng" {
  name        = "Engineering"
  description = "Engineers"
}

resource "okta_group" "ops" {
  name = "Operations"
}

resource "okta_group" "temp" {
  name = "Contractors"
}

resource "okta_group_rule" "eng" {
  name              = "Engineering department"
  group_assignments = [okta_group.eng.id]
  expression_value  = "user.department==\\"Engineering\\""
}

resource "okta_app_oauth" "portal" {
  label          = "Staff portal"
  type           = "${appType}"
  grant_types    = ["authorization_code"]
  response_types = ["code"]
  redirect_uris  = ["https://portal.example.com/callback"]
}

resource "okta_app_group_assignments" "portal" {
  app_id = okta_app_oauth.portal.id
  group {
    id       = okta_group.eng.id
    priority = 0
  }
  group {
    id = okta_group.ops.id
  }
}

resource "okta_network_zone" "office" {
  name     = "Office"
  type     = "IP"
  gateways = ["203.0.113.0/24"]
  proxies  = ["198.51.100.10-198.51.100.20"]
}

resource "okta_policy_signon" "staff" {
  name            = "Staff sessions"
  description     = "Sessions for staff"
  groups_included = [okta_group.eng.id, data.okta_group.everyone.id]
}

resource "okta_policy_rule_signon" "office" {
  policy_id          = okta_policy_signon.staff.id
  name               = "Office network"
  network_connection = "ZONE"
  network_includes   = [okta_network_zone.office.id]
  mfa_required       = true
  mfa_prompt         = "SESSION"
  mfa_lifetime       = 60
  session_idle       = 60
}

resource "okta_policy_password" "staff" {
  name                   = "Staff passwords"
  groups_included        = [okta_group.eng.id, okta_group.ops.id]
  password_min_length    = 12
  password_history_count = 5
}
${extra}`;

beforeAll(async () => {
  const orgDir = mkdtempSync(join(tmpdir(), 'okta-provider-org-'));
  dirs.push(orgDir);
  org = await startOktaEmulator({ token: TOKEN, stateFile: join(orgDir, 'org.json') });
  provider = await startOktaProvider({ env: {} });
  // Every Okta org has the built-in Everyone group; an emulated one may start empty.
  const everyone = await fetch(`${org.url}/api/v1/groups?q=Everyone`, {
    headers: { Authorization: `SSWS ${TOKEN}` },
  });
  if (((await everyone.json()) as unknown[]).length === 0) {
    org.adminEdit('POST', '/api/v1/groups', {
      profile: { name: 'Everyone', description: 'All users in your organization' },
    });
  }
});

afterAll(async () => {
  await provider?.stop();
  await org?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('okta/okta over TF_REATTACH_PROVIDERS, against the org emulator', () => {
  let dir: string;
  const idOf = (
    address: string,
    state: { values?: { root_module?: { resources?: { address: string; values: { id: string } }[] } } },
  ) => state.values?.root_module?.resources?.find((r) => r.address === address)?.values.id as string;

  it('plans new objects with unknown IDs, applies them, and then has nothing to change', async () => {
    dir = workdir(configuration());
    expect((await terraform(dir, ['init', '-input=false', '-no-color'])).code).toBe(0);
    const plan = await planJson(dir);
    const changes = plan.resource_changes ?? [];
    const group = changes.find((c) => c.address === 'okta_group.eng');
    expect(group?.change.actions).toEqual(['create']);
    expect(group?.change.after_unknown?.id).toBe(true);
    expect(changes.filter((c) => c.change.actions.includes('create'))).toHaveLength(10);

    const apply = await terraform(dir, ['apply', '-input=false', '-no-color', 'tfplan']);
    expect(apply.output).toContain('Apply complete! Resources: 10 added, 0 changed, 0 destroyed.');
    const created = org.requests.filter((r) => r.method === 'POST').map((r) => r.path.split('?')[0]);
    expect(created).toEqual(
      expect.arrayContaining(['/api/v1/groups', '/api/v1/groups/rules', '/api/v1/apps']),
    );
    expect(created).toEqual(expect.arrayContaining(['/api/v1/policies', '/api/v1/zones']));

    const again = await terraform(dir, ['plan', '-input=false', '-no-color', '-detailed-exitcode']);
    expect(again.output).toContain('No changes.');
    expect(again.code).toBe(0);
    expect(provider.calls).toEqual(
      expect.arrayContaining(['ConfigureProvider', 'ApplyResourceChange', 'ReadResource']),
    );
  });

  it('replaces an object when a ForceNew attribute changes (app type)', async () => {
    writeFileSync(join(dir, 'main.tf'), configuration({ appType: 'native' }));
    const plan = await planJson(dir);
    const app = plan.resource_changes?.find((c) => c.address === 'okta_app_oauth.portal');
    expect(app?.change.actions).toEqual(['delete', 'create']);
    expect(app?.change.replace_paths).toEqual([['type']]);
    // The assignments follow: their app_id (ForceNew) is unknown until the new app exists.
    const assignments = plan.resource_changes?.find((c) => c.address === 'okta_app_group_assignments.portal');
    expect(assignments?.change.actions).toEqual(['delete', 'create']);
    const apply = await terraform(dir, ['apply', '-input=false', '-no-color', 'tfplan']);
    expect(apply.output).toContain('Apply complete! Resources: 2 added, 0 changed, 2 destroyed.');
  });

  it('shows changes made outside terraform as drift, and a deleted object as gone', async () => {
    const state = JSON.parse((await terraform(dir, ['show', '-json'])).output);
    const eng = idOf('okta_group.eng', state);
    org.adminEdit('PUT', `/api/v1/groups/${eng}`, {
      profile: { name: 'Engineering', description: 'Edited in the console' },
    });
    org.adminEdit('DELETE', `/api/v1/groups/${idOf('okta_group.temp', state)}`);
    const plan = await planJson(dir);
    const drift = Object.fromEntries((plan.resource_drift ?? []).map((c) => [c.address, c.change.actions]));
    expect(drift['okta_group.eng']).toEqual(['update']);
    expect(drift['okta_group.temp']).toEqual(['delete']);
    const changes = Object.fromEntries(
      (plan.resource_changes ?? []).map((c) => [c.address, c.change.actions]),
    );
    expect(changes['okta_group.eng']).toEqual(['update']);
    expect(changes['okta_group.temp']).toEqual(['create']);
    expect((await terraform(dir, ['apply', '-input=false', '-no-color', 'tfplan'])).code).toBe(0);
  });

  it('gives up on HTTP 429 after max_retries, in the provider words', async () => {
    // Buckets are per endpoint: the group list (data source) and the group reads (refresh).
    const buckets = ['GET /api/v1/groups', 'GET /api/v1/groups/{id}'];
    for (const bucket of buckets) org.setRateLimit(bucket, 0, 60);
    const started = Date.now();
    const plan = await terraform(dir, ['plan', '-input=false', '-no-color']);
    for (const bucket of buckets) org.setRateLimit(bucket, 1_000_000, 60);
    expect(plan.code).toBe(1);
    const text = flatten(plan.output);
    expect(text).toContain('Error: failed to get group');
    expect(text).toMatch(
      /Get "http:\/\/127\.0\.0\.1:\d+\/api\/v1\/groups[^"]*": the API returned an error: API call exceeded rate limit due to too many requests\., giving up after 2 attempt\(s\)/,
    );
    // One retry, one second apart (min_wait_seconds = max_wait_seconds = 1).
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('imports by ID: a group, a policy rule (policy_id/rule_id) and app assignments (app_id)', async () => {
    const made = org.adminEdit('POST', '/api/v1/groups', {
      profile: { name: 'Auditors', description: 'Made by hand' },
    });
    const auditors = (made.body as { id: string }).id;
    const extra =
      'resource "okta_group" "auditors" {\n  name        = "Auditors"\n  description = "Made by hand"\n}\n';
    writeFileSync(join(dir, 'main.tf'), configuration({ appType: 'native', extra }));
    const imported = await terraform(dir, [
      'import',
      '-input=false',
      '-no-color',
      'okta_group.auditors',
      auditors,
    ]);
    expect(imported.output).toContain('Import successful!');

    const state = JSON.parse((await terraform(dir, ['show', '-json'])).output);
    const policy = idOf('okta_policy_signon.staff', state);
    const rule = idOf('okta_policy_rule_signon.office', state);
    const app = idOf('okta_app_oauth.portal', state);
    for (const [address, id] of [
      ['okta_policy_rule_signon.office', `${policy}/${rule}`],
      ['okta_app_group_assignments.portal', app],
    ] as const) {
      expect((await terraform(dir, ['state', 'rm', address])).code).toBe(0);
      expect((await terraform(dir, ['import', '-input=false', '-no-color', address, id])).code).toBe(0);
    }
    const plan = await terraform(dir, ['plan', '-input=false', '-no-color', '-detailed-exitcode']);
    expect(plan.output).toContain('No changes.');
  });

  it('destroys everything it made, deactivating first where Okta requires it', async () => {
    const destroy = await terraform(dir, ['destroy', '-input=false', '-no-color', '-auto-approve']);
    expect(destroy.output).toContain('Destroy complete! Resources: 11 destroyed.');
    const lifecycle = org.requests.filter((r) => r.path.includes('/lifecycle/deactivate')).map((r) => r.path);
    expect(lifecycle.some((p) => p.startsWith('/api/v1/apps/'))).toBe(true);
    expect(lifecycle.some((p) => p.startsWith('/api/v1/groups/rules/'))).toBe(true);
    expect(lifecycle.some((p) => p.startsWith('/api/v1/zones/'))).toBe(true);
  });

  it('fails ConfigureProvider like the provider: no credentials, then a token Okta refuses', async () => {
    const none = workdir(
      providerBlock().replace(/ *api_token .*\n/, '') + 'resource "okta_group" "x" {\n  name = "x"\n}\n',
    );
    const noCredentials = await terraform(none, ['plan', '-input=false', '-no-color']);
    expect(flatten(noCredentials.output)).toContain('[ERROR] no Okta credentials provided.');

    const wrong = workdir(
      providerBlock('not-the-token') + 'data "okta_group" "everyone" {\n  name = "Everyone"\n}\n',
    );
    const refused = await terraform(wrong, ['plan', '-input=false', '-no-color']);
    expect(refused.code).toBe(1);
    expect(flatten(refused.output)).toContain('the API returned an error: Invalid token provided');
  });
});
