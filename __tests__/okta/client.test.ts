// The action's own Okta client against the Okta emulator: the org and credentials found as okta/okta finds them,
// every page followed, a spent bucket waited out instead of called into HTTP 429, and Okta's errors in one line.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ProviderBlock } from '../../src/configuration/module.js';
import { OktaApiError, OktaClient, oktaConnection } from '../../src/okta/client.js';
import { startOktaEmulator, type OktaEmulator } from '../../testkit/okta/emulator.mjs';

const TOKEN = '00client-test-token-000000000000000000000';
let emulator: OktaEmulator;

beforeAll(async () => {
  emulator = await startOktaEmulator({ token: TOKEN });
  for (let i = 0; i < 45; i++) {
    emulator.adminEdit('POST', '/api/v1/groups', { profile: { name: `Group ${i}` } });
  }
});

afterAll(async () => {
  await emulator.close();
});

const block = (attributes: Record<string, string | undefined>): ProviderBlock => ({
  name: 'okta',
  attributes: new Map(Object.entries(attributes)),
});

describe('finding the org and the credentials', () => {
  it("reads the provider block's literals first, then the OKTA_* variables", () => {
    const env = { OKTA_ORG_NAME: 'env-org', OKTA_BASE_URL: 'okta.com', OKTA_API_TOKEN: 'env-token' };
    expect(oktaConnection([], env)).toEqual({
      orgUrl: 'https://env-org.okta.com',
      authorization: 'SSWS env-token',
    });
    expect(oktaConnection([block({ org_name: 'acme', base_url: 'oktapreview.com' })], env)).toEqual({
      orgUrl: 'https://acme.oktapreview.com',
      authorization: 'SSWS env-token',
    });
  });

  it('lets http_proxy replace the org URL, and an access token come before an API token', () => {
    const env = { OKTA_HTTP_PROXY: 'http://127.0.0.1:9/', OKTA_API_TOKEN: 't', OKTA_ACCESS_TOKEN: 'a' };
    expect(oktaConnection([], env)).toEqual({ orgUrl: 'http://127.0.0.1:9', authorization: 'Bearer a' });
  });

  it('has none when a setting is an expression only Terraform knows, or a credential is missing', () => {
    const env = { OKTA_ORG_NAME: 'acme', OKTA_BASE_URL: 'okta.com', OKTA_API_TOKEN: 'env-token' };
    expect(oktaConnection([block({ api_token: undefined })], env)).toBeUndefined();
    expect(oktaConnection([], { OKTA_ORG_NAME: 'acme', OKTA_BASE_URL: 'okta.com' })).toBeUndefined();
    // A service app's private key is okta/okta's to use; this client does not sign JWTs.
    expect(
      oktaConnection([], {
        OKTA_HTTP_PROXY: emulator.url,
        OKTA_API_CLIENT_ID: 'c',
        OKTA_API_PRIVATE_KEY: 'k',
      }),
    ).toBeUndefined();
  });
});

describe('calling Okta', () => {
  const client = () => new OktaClient({ orgUrl: emulator.url, authorization: `SSWS ${TOKEN}` });

  it('follows every page by its Link rel="next"', async () => {
    const before = emulator.requests.length;
    const names: string[] = [];
    for await (const group of client().list<{ profile: { name: string } }>('/api/v1/groups?limit=10'))
      names.push(group.profile.name);
    expect(names.filter((n) => n.startsWith('Group '))).toHaveLength(45);
    expect(emulator.requests.length - before).toBe(Math.ceil(names.length / 10));
  });

  it('waits for a spent bucket to reset instead of calling into HTTP 429', async () => {
    emulator.setRateLimit('GET /api/v1/zones', 2, 2);
    const waits: number[] = [];
    const patient = new OktaClient(
      { orgUrl: emulator.url, authorization: `SSWS ${TOKEN}` },
      { sleep: (ms) => (waits.push(ms), new Promise((resolve) => setTimeout(resolve, ms))) },
    );
    const before = emulator.requests.length;
    for (let i = 0; i < 4; i++) await patient.get('/api/v1/zones');
    const statuses = emulator.requests.slice(before).map((r) => r.status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(0);
    // X-Rate-Limit-Reset is in whole seconds, rounded up.
    expect(waits[0]).toBeLessThanOrEqual(3_000);
  });

  it('turns an error answer into one line with its Okta code and what to do', async () => {
    const wrong = new OktaClient({ orgUrl: emulator.url, authorization: 'SSWS 00not-the-token' });
    const error = await wrong.get('/api/v1/groups').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OktaApiError);
    expect((error as OktaApiError).message).toBe(
      'Okta answered GET /api/v1/groups with Invalid token provided (E0000011): check that the token is current and belongs to this org',
    );
    expect((error as OktaApiError).message).not.toContain('00not-the-token');
  });

  it('never follows a link out of the org', async () => {
    await expect(client().get('https://evil.example/api/v1/groups')).rejects.toThrow(
      'Okta answered with a link outside the org (evil.example)',
    );
  });
});
