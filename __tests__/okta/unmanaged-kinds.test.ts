// The kinds the emulator keeps in its generic store, as Okta lists them: authorization servers and their policies,
// authenticators, identity providers, event and inline hooks. Terraform manages some (applied through the okta/okta
// stand-in), an admin adds others "in the Admin Console" (Okta's own endpoints of the emulator). Only the hand-made
// ones are unmanaged: never Okta's "default" authorization server nor the authenticators every org starts with.
// Then okta-tf import brings them under Terraform.

import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { importObjects, type ImportResult } from '../../src/cli/import.js';
import { unmanagedReport } from '../../src/cli/unmanaged.js';
import { startOktaEmulator, type OktaEmulator } from '../../testkit/okta/emulator.mjs';
import { startOktaProvider, standInTerraformEnv } from '../../testkit/okta-provider/provider.mjs';

jest.setTimeout(180_000);

const run = promisify(execFile);
const TOKEN = '00unmanaged-kinds-token-0000000000000000';
const CONFIG = `terraform {
  required_providers {
    okta = { source = "okta/okta" }
  }
}

provider "okta" {}

resource "okta_auth_server" "api" {
  name      = "Acme API"
  audiences = ["api://acme"]
}

resource "okta_auth_server_policy" "api_default" {
  auth_server_id   = okta_auth_server.api.id
  name             = "All clients"
  description      = "All clients"
  priority         = 1
  client_whitelist = ["ALL_CLIENTS"]
}

resource "okta_authenticator" "phone" {
  key  = "phone_number"
  name = "Phone"
}

resource "okta_event_hook" "audit" {
  name    = "Audit"
  events  = ["user.lifecycle.create"]
  channel = { type = "HTTP", version = "1.0.0", uri = "https://audit.example.com/okta" }
}
`;

let org: OktaEmulator;
let provider: Awaited<ReturnType<typeof startOktaProvider>>;
let directory = '';
let env: NodeJS.ProcessEnv = {};
let stateFile = '';
let calls: string[] = [];
const made: Record<string, string> = {};

const id = (reply: { body: unknown }) => String((reply.body as { id: string }).id);

beforeAll(async () => {
  org = await startOktaEmulator({ token: TOKEN, builtIns: true });
  Object.assign(process.env, { OKTA_HTTP_PROXY: org.url, OKTA_API_TOKEN: TOKEN });
  provider = await startOktaProvider({});
  directory = mkdtempSync(join(tmpdir(), 'okta-tf-unmanaged-kinds-'));
  writeFileSync(join(directory, 'main.tf'), CONFIG);
  env = {
    ...standInTerraformEnv(directory, provider.reattach),
    OKTA_HTTP_PROXY: org.url,
    OKTA_API_TOKEN: TOKEN,
  };
  await run('terraform', ['init', '-input=false'], { cwd: directory, env });
  await run('terraform', ['apply', '-input=false', '-auto-approve'], { cwd: directory, env });
  const managedServer = Object.values(org.state().objects.okta_auth_server ?? {}).find(
    (s) => (s.attributes as { name?: string }).name === 'Acme API',
  );
  made.server = id(
    org.adminEdit('POST', '/api/v1/authorizationServers', {
      name: 'Partner API',
      audiences: ['api://partner'],
    }),
  );
  made.policy = id(
    org.adminEdit('POST', `/api/v1/authorizationServers/${managedServer?.id}/policies`, {
      type: 'OAUTH_AUTHORIZATION_POLICY',
      name: 'Hand-made policy',
      priority: 2,
      conditions: { clients: { include: ['ALL_CLIENTS'] } },
    }),
  );
  made.authenticator = id(
    org.adminEdit('POST', '/api/v1/authenticators?activate=true', {
      key: 'google_otp',
      name: 'Google Authenticator',
    }),
  );
  made.idp = id(
    org.adminEdit('POST', '/api/v1/idps', {
      type: 'OIDC',
      name: 'Partner SSO',
      protocol: {
        type: 'OIDC',
        scopes: ['openid', 'email'],
        endpoints: {
          authorization: { url: 'https://partner.example.com/authorize', binding: 'HTTP-REDIRECT' },
          token: { url: 'https://partner.example.com/token', binding: 'HTTP-POST' },
          jwks: { url: 'https://partner.example.com/keys', binding: 'HTTP-REDIRECT' },
        },
        issuer: { url: 'https://partner.example.com' },
        credentials: { client: { client_id: 'partner-client' } },
      },
    }),
  );
  made.eventHook = id(
    org.adminEdit('POST', '/api/v1/eventHooks', {
      name: 'SIEM export',
      events: { type: 'EVENT_TYPE', items: ['user.session.start'] },
      channel: { type: 'HTTP', version: '1.0.0', config: { uri: 'https://siem.example.com/okta' } },
    }),
  );
  const { stdout } = await run('terraform', ['show', '-json'], { cwd: directory, env, maxBuffer: 1 << 26 });
  stateFile = join(directory, 'state.json');
  writeFileSync(stateFile, stdout);
});

afterAll(async () => {
  await provider.stop();
  await org.close();
});

describe('objects made outside Terraform: authorization servers and their policies, authenticators, IdPs, hooks', () => {
  it("lists only the hand-made ones: not the default authorization server, not the org's first authenticators", async () => {
    const before = org.requests.length;
    const report = JSON.parse(await unmanagedReport(stateFile, { format: 'json', directory })) as {
      unmanaged: Array<{ type: string; id: string; name: string }>;
    };
    const ids = Object.values(org.state().objects).flatMap((objects) => Object.keys(objects));
    calls = org.requests
      .slice(before)
      .map((r) => ids.reduce((path, id) => path.replaceAll(id, '{id}'), r.path));
    expect(report.unmanaged).toEqual([
      { type: 'okta_auth_server', id: made.server, name: 'Partner API' },
      { type: 'okta_auth_server_policy', id: made.policy, name: 'Hand-made policy' },
      { type: 'okta_authenticator', id: made.authenticator, name: 'Google Authenticator' },
      { type: 'okta_event_hook', id: made.eventHook, name: 'SIEM export' },
    ]);
  });

  it('asks one list per kind the state holds, and the policies of the managed server', () => {
    // No identity providers or inline hooks in the state: their lists are not asked for.
    expect(calls).toEqual([
      '/api/v1/authorizationServers?limit=200',
      '/api/v1/authenticators',
      '/api/v1/eventHooks',
      '/api/v1/authorizationServers/{id}/policies',
    ]);
  });
});

describe('okta-tf import of those kinds', () => {
  let result: ImportResult;
  beforeAll(async () => {
    result = await importObjects({
      directory,
      types: [
        'okta_auth_server',
        'okta_auth_server_policy',
        'okta_authenticator',
        'okta_idp_oidc',
        'okta_event_hook',
      ],
      state: stateFile,
      env,
    });
  });

  it('imports the hand-made objects, a server policy by <auth_server_id>/<policy_id>', () => {
    expect(result.imported).toEqual({
      okta_auth_server: 1,
      okta_auth_server_policy: 1,
      okta_authenticator: 1,
      okta_event_hook: 1,
      okta_idp_oidc: 1,
    });
    expect(result.files).toContain('okta_idp_oidc.tf');
    // Each type's file exists in the configuration already (main.tf holds them, not okta_*.tf): none is overwritten.
    expect(result.files.filter((f) => f.endsWith('.imported.tf'))).toEqual([]);
  });

  it('converges: the last plan only imports', () => {
    expect(result.notImported).toEqual([]);
    expect(result.notConverged).toEqual([]);
    expect(result.plan).toEqual({ import: 5, add: 0, change: 0, remove: 0 });
  });
});
