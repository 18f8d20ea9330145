// The API forecast against what a refresh really costs: the real terraform plans (refreshing every object) an org
// that it applied through the okta/okta stand-in on the Okta emulator, the emulator records every request, and the
// forecast's refresh calls per Okta bucket must be within 10% of them. The stand-in makes the reads the provider's
// Read functions make at v6.12.0 for these types (src/okta/api-calls.ts says which), so this checks the counting,
// the bucket mapping and the table against one another; the provider itself cannot run here.

import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BUCKETS, oktaBucket, type Bucket } from '../../src/okta/api-calls.js';
import { startOktaEmulator } from '../../testkit/okta/emulator.mjs';
import { standInTerraformEnv, startOktaProvider } from '../../testkit/okta-provider/provider.mjs';
import { summarizeObject } from '../../testkit/plans.js';

const run = promisify(execFile);

/** 40 groups, 10 group rules, 6 OIDC apps, 3 SAML apps with their groups, 8 network zones. */
function configuration(orgUrl: string, token: string): string {
  const blocks = [
    `terraform {\n  required_providers {\n    okta = { source = "okta/okta" }\n  }\n}\n`,
    `provider "okta" {\n  org_name = "forecast"\n  base_url = "okta.com"\n  api_token = "${token}"\n  http_proxy = "${orgUrl}"\n}\n`,
  ];
  for (let i = 0; i < 40; i++) blocks.push(`resource "okta_group" "g${i}" {\n  name = "Team ${i}"\n}\n`);
  for (let i = 0; i < 10; i++)
    blocks.push(
      `resource "okta_group_rule" "r${i}" {\n  name = "Rule ${i}"\n  status = "ACTIVE"\n  group_assignments = [okta_group.g${i}.id]\n  expression_value = "user.department==\\"D${i}\\""\n}\n`,
    );
  for (let i = 0; i < 6; i++)
    blocks.push(
      `resource "okta_app_oauth" "a${i}" {\n  label = "App ${i}"\n  type = "web"\n  grant_types = ["authorization_code"]\n  response_types = ["code"]\n  redirect_uris = ["https://app${i}.example/callback"]\n}\n`,
    );
  for (let i = 0; i < 3; i++)
    blocks.push(
      `resource "okta_app_saml" "s${i}" {\n  label = "SAML ${i}"\n  sso_url = "https://sp${i}.example/acs"\n  recipient = "https://sp${i}.example/acs"\n  destination = "https://sp${i}.example/acs"\n  audience = "https://sp${i}.example"\n  subject_name_id_template = "$\${user.userName}"\n  subject_name_id_format = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"\n  response_signed = true\n  signature_algorithm = "RSA_SHA256"\n  digest_algorithm = "SHA256"\n  honor_force_authn = false\n  authn_context_class_ref = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"\n}\n`,
    );
  for (let i = 0; i < 3; i++)
    blocks.push(
      `resource "okta_app_group_assignments" "s${i}" {\n  app_id = okta_app_saml.s${i}.id\n  group {\n    id = okta_group.g${i}.id\n  }\n  group {\n    id = okta_group.g${i + 20}.id\n  }\n}\n`,
    );
  for (let i = 0; i < 8; i++)
    blocks.push(
      `resource "okta_network_zone" "z${i}" {\n  name = "Zone ${i}"\n  type = "IP"\n  gateways = ["10.0.${i}.0/24"]\n}\n`,
    );
  return blocks.join('\n');
}

describe('the API forecast, measured', () => {
  jest.setTimeout(180_000);
  const work = mkdtempSync(join(tmpdir(), 'api-forecast-'));
  let org: Awaited<ReturnType<typeof startOktaEmulator>>;
  let provider: Awaited<ReturnType<typeof startOktaProvider>>;

  beforeAll(async () => {
    org = await startOktaEmulator({ stateFile: join(work, 'org.json') });
    provider = await startOktaProvider({ env: {} });
  });
  afterAll(async () => {
    await provider.stop();
    await org.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('forecasts each bucket of a refresh within 10% of the calls the emulator counts', async () => {
    writeFileSync(join(work, 'main.tf'), configuration(org.url, org.token));
    const env = standInTerraformEnv(work, provider.reattach);
    const terraform = (...args: string[]) => run('terraform', args, { cwd: work, env, maxBuffer: 64 << 20 });
    await terraform('init', '-input=false');
    await terraform('apply', '-auto-approve', '-input=false');
    const before = org.requests.length;
    await terraform('plan', '-input=false', '-out=plan.tfplan');
    const measured = Object.fromEntries(BUCKETS.map((b) => [b, 0])) as Record<Bucket, number>;
    for (const request of org.requests.slice(before)) measured[oktaBucket(request.method, request.path)]++;
    const { stdout } = await terraform('show', '-json', 'plan.tfplan');
    const { apiForecast } = await summarizeObject(JSON.parse(stdout));

    expect(apiForecast.apply).toBe(0);
    const forecast = Object.fromEntries(apiForecast.buckets.map((b) => [b.bucket, b.refresh]));
    const rows = BUCKETS.filter((b) => measured[b] > 0 || (forecast[b] ?? 0) > 0).map((b) => [
      b,
      forecast[b] ?? 0,
      measured[b],
    ]);
    // Every object once, a SAML app's metadata and keys, an OIDC app's groups claim, the provider's token check.
    expect(rows).toEqual([
      // Each SAML app's metadata and keys, and its group assignments (one page).
      ['/api/v1/apps', 9, 9],
      ['/api/v1/apps/{id}', 9, 9],
      ['/api/v1/groups', 10, 10],
      ['/api/v1/groups/{id}', 40, 40],
      ['GET /api/v1/users/{id}', 1, 1],
      ['other /api/v1', 14, 14],
    ]);
    for (const [, predicted, counted] of rows)
      expect(Math.abs(Number(predicted) - Number(counted))).toBeLessThanOrEqual(0.1 * Number(counted));
  });
});
