// How the Okta org emulator behaves beyond plain CRUD: group rules that refuse edits while active and assign
// matching users, "deactivate first" deletes, Link pagination, SSWS auth, rate limits (429 E0000047 and the
// X-Rate-Limit-* headers), Admin Console edits that make drift, and an org shared through its state file.

import { afterEach, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  startOktaEmulator,
  type EmulatorOptions,
  type OktaEmulator,
} from '../../../testkit/okta/emulator.mjs';
import {
  oktaClient,
  oktaError,
  type Answer,
  type Call,
  type OktaObject,
} from '../../../testkit/okta/okta-client.js';

const started: OktaEmulator[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((e) => e.close()));
});

async function start(options: EmulatorOptions = {}): Promise<[OktaEmulator, Call]> {
  const emulator = await startOktaEmulator(options);
  started.push(emulator);
  return [emulator, oktaClient(emulator)];
}

const stateFile = () => join(mkdtempSync(join(tmpdir(), 'okta-emulator-test-')), 'org.json');

describe('group rules at work', () => {
  async function setUp(api: Call) {
    const group = (await api('POST', '/api/v1/groups', { profile: { name: 'Engineering' } })).body;
    const rule = {
      type: 'group_rule',
      name: 'Engineers',
      conditions: {
        people: { users: { exclude: [] as string[] } },
        expression: {
          value: 'user.department=="Engineering" || user.title=="CTO"',
          type: 'urn:okta:expression:1.0',
        },
      },
      actions: { assignUserToGroups: { groupIds: [group.id] } },
    };
    return { group, rule, id: (await api('POST', '/api/v1/groups/rules', rule)).body.id };
  }
  const person = (login: string, extra: Record<string, string>) => ({
    profile: { firstName: 'A', lastName: 'B', email: login, login, ...extra },
  });

  it('refuses to replace or delete an active rule until it is deactivated', async () => {
    const [, api] = await start();
    const { rule, id } = await setUp(api);
    await api('POST', `/api/v1/groups/rules/${id}/lifecycle/activate`);
    const refused = oktaError(400, 'E0000001', 'Api validation failed: status', [
      'Cannot modify or delete an ACTIVE group rule: deactivate it first.',
    ]);
    expect(await api('PUT', `/api/v1/groups/rules/${id}`, { ...rule, name: 'Renamed' })).toMatchObject(
      refused,
    );
    expect(await api('DELETE', `/api/v1/groups/rules/${id}`)).toMatchObject(refused);
    await api('POST', `/api/v1/groups/rules/${id}/lifecycle/deactivate`);
    expect((await api('PUT', `/api/v1/groups/rules/${id}`, { ...rule, name: 'Renamed' })).body.name).toBe(
      'Renamed',
    );
  });

  it('puts matching users, present and future, into its groups once active', async () => {
    const [, api] = await start();
    const { group, id } = await setUp(api);
    const engineer = (
      await api('POST', '/api/v1/users', person('eng@example.com', { department: 'Engineering' }))
    ).body;
    const cto = (await api('POST', '/api/v1/users', person('cto@example.com', { title: 'CTO' }))).body;
    await api('POST', '/api/v1/users', person('sales@example.com', { department: 'Sales' }));
    const members = async () =>
      (await api<OktaObject[]>('GET', `/api/v1/groups/${group.id}/users`)).body.map((u) => u.id);
    expect(await members()).toEqual([]);

    await api('POST', `/api/v1/groups/rules/${id}/lifecycle/activate`);
    expect(await members()).toEqual([engineer.id, cto.id]);
    const later = (
      await api('POST', '/api/v1/users', person('new@example.com', { department: 'Engineering' }))
    ).body;
    const moved = (await api('POST', '/api/v1/users', person('mover@example.com', { department: 'Sales' })))
      .body;
    await api('POST', `/api/v1/users/${moved.id}`, { profile: { department: 'Engineering' } });
    expect(await members()).toEqual([engineer.id, cto.id, later.id, moved.id]);
  });
});

describe('deactivate before delete', () => {
  it('refuses to delete an active app or an active zone', async () => {
    const [, api] = await start();
    const app = (
      await api('POST', '/api/v1/apps', { label: 'Bookmark', name: 'bookmark', signOnMode: 'BOOKMARK' })
    ).body;
    expect(await api('DELETE', `/api/v1/apps/${app.id}`)).toMatchObject(
      oktaError(403, 'E0000056', 'Delete application forbidden.', [
        'The application must be deactivated before deletion.',
      ]),
    );
    const zone = (
      await api('POST', '/api/v1/zones', {
        type: 'IP',
        name: 'Z',
        gateways: [{ type: 'CIDR', value: '10.0.0.0/8' }],
      })
    ).body;
    expect((await api('DELETE', `/api/v1/zones/${zone.id}`)).body).toMatchObject({ errorCode: 'E0000001' });
    expect((await api('GET', `/api/v1/apps/${app.id}`)).status).toBe(200);
    expect((await api('GET', `/api/v1/zones/${zone.id}`)).status).toBe(200);
  });
});

describe('pagination', () => {
  it('pages the groups with limit and a Link rel="next" header', async () => {
    const [emulator, api] = await start();
    for (const name of ['a', 'b', 'c', 'd', 'e']) await api('POST', '/api/v1/groups', { profile: { name } });
    const seen: string[] = [];
    let path: string | null = '/api/v1/groups?limit=2';
    let pages = 0;
    while (path) {
      const answer: Answer<OktaObject[]> = await api<OktaObject[]>('GET', path);
      seen.push(...answer.body.map((g) => (g.profile as { name: string }).name));
      pages++;
      const link = answer.headers.get('link') ?? '';
      expect(link).toContain(`<${emulator.url}${path}>; rel="self"`);
      const next = /<([^>]+)>; rel="next"/.exec(link)?.[1];
      path = next ? next.slice(emulator.url.length) : null;
    }
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(pages).toBe(3);
  });
});

describe('auth', () => {
  it('answers 401 E0000011 without the SSWS token', async () => {
    const [emulator] = await start({ token: 'good-token' });
    const invalid = oktaError(401, 'E0000011', 'Invalid token provided');
    expect(await oktaClient(emulator, null)('GET', '/api/v1/groups')).toMatchObject(invalid);
    expect(await oktaClient(emulator, 'bad-token')('GET', '/api/v1/groups')).toMatchObject(invalid);
    expect((await oktaClient(emulator, 'good-token')('GET', '/api/v1/groups')).status).toBe(200);
  });
});

describe('rate limits', () => {
  it('answers 429 E0000047 past a bucket limit until the time X-Rate-Limit-Reset gives', async () => {
    const [emulator, api] = await start({
      rateLimits: { 'GET /api/v1/groups': { limit: 2, windowSeconds: 1 } },
    });
    const first = await api('GET', '/api/v1/groups');
    expect(first.headers.get('x-rate-limit-limit')).toBe('2');
    expect(first.headers.get('x-rate-limit-remaining')).toBe('1');
    expect((await api('GET', '/api/v1/groups')).headers.get('x-rate-limit-remaining')).toBe('0');
    const limited = await api('GET', '/api/v1/groups');
    expect(limited).toMatchObject(
      oktaError(429, 'E0000047', 'API call exceeded rate limit due to too many requests.'),
    );
    expect(limited.headers.get('x-rate-limit-remaining')).toBe('0');
    const reset = Number(limited.headers.get('x-rate-limit-reset'));
    expect(reset * 1000).toBeGreaterThan(Date.now());
    expect(reset * 1000).toBeLessThanOrEqual(Date.now() + 2000);
    // Another bucket is counted on its own.
    expect((await api('GET', '/api/v1/users')).headers.get('x-rate-limit-limit')).toBe('600');

    await sleep(reset * 1000 - Date.now() + 10);
    expect((await api('GET', '/api/v1/groups')).status).toBe(200);
    expect(emulator.requests.map((r) => `${r.status} ${r.bucket}`)).toEqual([
      '200 GET /api/v1/groups',
      '200 GET /api/v1/groups',
      '429 GET /api/v1/groups',
      '200 GET /api/v1/users',
      '200 GET /api/v1/groups',
    ]);
  });

  it('sets limits by bucket pattern, on the object or over HTTP', async () => {
    const [emulator, api] = await start();
    const group = (await api('POST', '/api/v1/groups', { profile: { name: 'g' } })).body;
    emulator.setRateLimit('GET /api/v1/groups/{id}', 1, 60);
    expect((await api('GET', `/api/v1/groups/${group.id}`)).status).toBe(200);
    expect((await api('GET', `/api/v1/groups/${group.id}`)).status).toBe(429);
    await fetch(`${emulator.url}/__emulator/rate-limit`, {
      method: 'POST',
      body: JSON.stringify({ bucket: '* /api/v1/apps*', limit: 0, windowSeconds: 60 }),
    });
    expect((await api('GET', '/api/v1/apps')).status).toBe(429);
    expect((await api('POST', '/api/v1/apps', {})).status).toBe(429);
  });
});

describe('Admin Console edits', () => {
  it('changes objects without auth or rate limit and without the deactivate-first guards', async () => {
    const [emulator, api] = await start({ rateLimits: { '*': { limit: 100, windowSeconds: 60 } } });
    const group = (await api('POST', '/api/v1/groups', { profile: { name: 'Before' } })).body;
    const edit = await fetch(`${emulator.url}/__emulator/admin`, {
      method: 'POST',
      body: JSON.stringify({
        method: 'PUT',
        path: `/api/v1/groups/${group.id}`,
        body: { profile: { name: 'After' } },
      }),
    });
    expect(edit.status).toBe(200);
    expect((await api('GET', `/api/v1/groups/${group.id}`)).body.profile).toEqual({
      name: 'After',
      description: null,
    });

    const app = (await api('POST', '/api/v1/apps', { label: 'B', name: 'bookmark', signOnMode: 'BOOKMARK' }))
      .body;
    expect(emulator.adminEdit('DELETE', `/api/v1/apps/${app.id}`)).toEqual({ status: 204, body: null });
    expect((await api('GET', `/api/v1/apps/${app.id}`)).status).toBe(404);

    const state = (await (await fetch(`${emulator.url}/__emulator/state`)).json()) as { groups: object };
    expect(state).toEqual(emulator.state());
    expect(Object.keys(state.groups)).toEqual([group.id]);
    // Admin calls are not API calls: they are neither recorded nor counted.
    expect(emulator.requests.map((r) => r.method)).toEqual(['POST', 'GET', 'POST', 'GET']);
  });
});

describe('the state file', () => {
  it('lets a second emulator on the same file see, and change, the same org', async () => {
    const file = stateFile();
    const [first, api1] = await start({ stateFile: file });
    const group = (await api1('POST', '/api/v1/groups', { profile: { name: 'Shared' } })).body;
    await first.close();
    started.splice(started.indexOf(first), 1);

    const [, api2] = await start({ stateFile: file });
    expect((await api2('GET', `/api/v1/groups/${group.id}`)).body.profile).toMatchObject({ name: 'Shared' });
    // Two emulators running at once on one file see each other's writes.
    const [, api3] = await start({ stateFile: file });
    await api3('PUT', `/api/v1/groups/${group.id}`, { profile: { name: 'Renamed' } });
    expect((await api2('GET', `/api/v1/groups/${group.id}`)).body.profile).toMatchObject({ name: 'Renamed' });
  });

  it('runs from the command line until SIGTERM', async () => {
    const file = stateFile();
    const cli = spawn(process.execPath, [
      join(import.meta.dirname, '..', '..', '..', 'testkit', 'okta', 'emulator-cli.mjs'),
      '--state',
      file,
      '--token',
      't',
    ]);
    const line = await new Promise<string>((resolve) =>
      createInterface({ input: cli.stdout }).once('line', resolve),
    );
    const { url, token } = JSON.parse(line) as { url: string; token: string };
    expect(token).toBe('t');
    const api = oktaClient({ url, token });
    expect((await api('POST', '/api/v1/groups', { profile: { name: 'From CLI' } })).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => cli.once('exit', resolve));
    cli.kill('SIGTERM');
    expect(await exited).toBe(0);
    const [, again] = await start({ stateFile: file });
    expect((await again<OktaObject[]>('GET', '/api/v1/groups?q=From')).body).toHaveLength(1);
  });
});
