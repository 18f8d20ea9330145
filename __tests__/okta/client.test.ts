// The action's own Okta client against the Okta emulator: the org and credentials found as okta/okta finds them,
// every page followed, a spent bucket waited out instead of called into HTTP 429, and Okta's errors in one line.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProviderBlock } from '../../src/configuration/module.js';
import { listPageBound, OktaApiError, OktaClient, oktaConnection } from '../../src/okta/client.js';
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

describe('a service app (OAuth 2.0, private-key JWT)', () => {
  const keys = () =>
    generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
  const registered = keys();
  let org: OktaEmulator;

  beforeAll(async () => {
    org = await startOktaEmulator({
      serviceApps: [
        { clientId: '0oaterraform', publicKey: registered.publicKey, scopes: ['okta.groups.read'] },
      ],
    });
    org.adminEdit('POST', '/api/v1/groups', { profile: { name: 'Engineering' } });
  });
  afterAll(async () => {
    await org.close();
  });

  const env = (privateKey: string, scopes = 'okta.groups.read') => ({
    OKTA_HTTP_PROXY: org.url,
    OKTA_API_CLIENT_ID: '0oaterraform',
    OKTA_API_PRIVATE_KEY: privateKey,
    OKTA_API_SCOPES: scopes,
  });

  it('gets an access token with a signed client assertion, and calls with it', async () => {
    // okta/okta takes the key as PEM text or as the path of a file.
    const file = join(mkdtempSync(join(tmpdir(), 'okta-tf-key-')), 'key.pem');
    writeFileSync(file, registered.privateKey);
    const connection = oktaConnection([], env(file));
    expect(connection?.serviceApp?.scopes).toEqual(['okta.groups.read']);
    const client = new OktaClient(connection ?? { orgUrl: '' });
    const before = org.requests.length;
    const groups = (await client.get<Array<{ profile: { name: string } }>>('/api/v1/groups')).body;
    expect(groups.map((g) => g.profile.name)).toContain('Engineering');
    await client.get('/api/v1/groups');
    expect(org.requests.slice(before).map((r) => r.status)).toEqual([200, 200]);
  });

  it('names the scope the token lacks', async () => {
    const client = new OktaClient(oktaConnection([], env(registered.privateKey)) ?? { orgUrl: '' });
    await expect(client.get('/api/v1/apps')).rejects.toThrow(
      'Okta answered GET /api/v1/apps with You do not have permission to perform the requested action (E0000006): the access token lacks the scope okta.apps.read: grant it to the service app and add it to OKTA_API_SCOPES',
    );
  });

  it("says what Okta refused when the key is not the app's, or a scope is not granted", async () => {
    const other = new OktaClient(oktaConnection([], env(keys().privateKey)) ?? { orgUrl: '' });
    await expect(other.get('/api/v1/groups')).rejects.toThrow(
      "Okta refused the service app's token request (invalid_client: The client_assertion signature is invalid.)",
    );
    const greedy = new OktaClient(
      oktaConnection([], env(registered.privateKey, 'okta.groups.read,okta.users.manage')) ?? { orgUrl: '' },
    );
    await expect(greedy.get('/api/v1/groups')).rejects.toThrow(
      'invalid_scope: The following scopes are not allowed: okta.users.manage): grant the service app these scopes',
    );
  });
});

describe('lists that never end (issue 28 d)', () => {
  /** A server whose every page of /api/v1/groups holds one group and links to a next page: `cursor` names it. */
  async function endlessLists(cursor: (page: number) => string) {
    let served = 0;
    const server = createServer((req, res) => {
      served++;
      const next = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/groups?limit=200&after=${cursor(served)}`;
      res.writeHead(200, { 'content-type': 'application/json', link: `<${next}>; rel="next"` });
      res.end(JSON.stringify([{ id: `00g${served}`, profile: { name: `Group ${served}` } }]));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { url, served: () => served, close: () => new Promise((resolve) => server.close(resolve)) };
  }

  async function drain(url: string): Promise<unknown> {
    const client = new OktaClient({ orgUrl: url, authorization: 'SSWS t' });
    try {
      for await (const group of client.list('/api/v1/groups?limit=200')) void group;
    } catch (e) {
      return e;
    }
    return undefined;
  }

  it('stops at a next link to a page already read, with a one-line error', async () => {
    const org = await endlessLists((page) => String(page % 3));
    const e = await drain(org.url);
    await org.close();
    expect(e).toBeInstanceOf(OktaApiError);
    expect((e as Error).message).toBe(
      "Okta's pages of /api/v1/groups link back to one already read (after 4 pages): stopped instead of reading for ever; try again later, and tell Okta support if it stays so",
    );
    expect(org.served()).toBe(4);
  });

  it('stops past more pages than an org holds for the list, however the cursor changes', async () => {
    expect(listPageBound('/api/v1/groups?limit=200')).toBe(5000);
    expect(listPageBound('/api/v1/zones')).toBe(50_000);
    const org = await endlessLists((page) => `c${page}`);
    const e = await drain(org.url);
    await org.close();
    expect((e as Error).message).toBe(
      "Okta's list /api/v1/groups went on past 5000 pages, more than an org holds: stopped instead of reading for ever; try again later, and tell Okta support if it stays so",
    );
    expect(org.served()).toBe(5000);
  });
});
