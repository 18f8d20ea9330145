// Policies, their rules and network zones in the Okta org emulator: create, read, update, delete, lifecycle,
// and Okta's priority renumbering.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startOktaEmulator, type OktaEmulator } from '../../../testkit/okta/emulator.mjs';
import { oktaClient, oktaError, type Call, type OktaObject } from '../../../testkit/okta/okta-client.js';

let emulator: OktaEmulator;
let api: Call;

beforeAll(async () => {
  emulator = await startOktaEmulator();
  api = oktaClient(emulator);
});
afterAll(() => emulator.close());

const okta = (prefix: string) => expect.stringMatching(new RegExp(`^${prefix}[A-Za-z0-9]{17}$`));

async function names(path: string) {
  return (await api<OktaObject[]>('GET', path)).body.map((o) => `${o.priority}:${o.name}`);
}

describe('network zones', () => {
  const zone = {
    type: 'IP',
    name: 'Office',
    gateways: [
      { type: 'CIDR', value: '203.0.113.0/24' },
      { type: 'RANGE', value: '198.51.100.1-198.51.100.20' },
    ],
    proxies: null,
  };

  it('creates, reads, replaces, deactivates and deletes a zone', async () => {
    const created = await api('POST', '/api/v1/zones', zone);
    expect(created.body).toMatchObject({
      ...zone,
      id: okta('nzo'),
      status: 'ACTIVE',
      usage: 'POLICY',
      system: false,
    });
    const id = created.body.id;
    expect((await api('GET', `/api/v1/zones/${id}`)).body).toEqual(created.body);
    const blocked = {
      ...zone,
      name: 'Blocked',
      usage: 'BLOCKLIST',
      gateways: [{ type: 'CIDR', value: '192.0.2.0/24' }],
    };
    expect((await api('PUT', `/api/v1/zones/${id}`, blocked)).body).toMatchObject({
      ...blocked,
      id,
      status: 'ACTIVE',
    });
    const deactivated = await api('POST', `/api/v1/zones/${id}/lifecycle/deactivate`);
    expect(deactivated.body).toMatchObject({ id, status: 'INACTIVE' });
    expect((await api('DELETE', `/api/v1/zones/${id}`)).status).toBe(204);
    expect(await api('GET', `/api/v1/zones/${id}`)).toMatchObject(
      oktaError(404, 'E0000007', `Not found: Resource not found: ${id} (NetworkZone)`),
    );
  });

  it('refuses an IP zone without addresses or with a malformed one', async () => {
    expect((await api('POST', '/api/v1/zones', { ...zone, gateways: [] })).body).toMatchObject({
      errorCode: 'E0000001',
      errorSummary: 'Api validation failed: gateways',
    });
    const bad = { ...zone, gateways: [{ type: 'CIDR', value: 'not-an-ip' }] };
    expect((await api('POST', '/api/v1/zones', bad)).status).toBe(400);
  });
});

describe('policies', () => {
  it('creates sign-on and password policies, keeping priorities 1..n per type', async () => {
    const first = (await api('POST', '/api/v1/policies', { type: 'OKTA_SIGN_ON', name: 'First' })).body;
    expect(first).toMatchObject({
      id: okta('00p'),
      type: 'OKTA_SIGN_ON',
      status: 'ACTIVE',
      priority: 1,
      system: false,
    });
    await api('POST', '/api/v1/policies', { type: 'OKTA_SIGN_ON', name: 'Second' });
    const top = (await api('POST', '/api/v1/policies', { type: 'OKTA_SIGN_ON', name: 'Top', priority: 1 }))
      .body;
    expect(await names('/api/v1/policies?type=OKTA_SIGN_ON')).toEqual(['1:Top', '2:First', '3:Second']);

    const password = await api('POST', '/api/v1/policies?activate=false', {
      type: 'PASSWORD',
      name: 'Strict',
      conditions: { people: { groups: { include: [] } } },
      settings: { password: { complexity: { minLength: 14 }, lockout: { maxAttempts: 5 } } },
    });
    expect(password.body).toMatchObject({
      type: 'PASSWORD',
      status: 'INACTIVE',
      priority: 1,
      settings: {
        password: {
          complexity: { minLength: 14, minLowerCase: 1, minUpperCase: 1, minNumber: 1, minSymbol: 0 },
          age: { maxAgeDays: 0, historyCount: 0 },
          lockout: { maxAttempts: 5 },
        },
      },
    });

    const moved = await api('PUT', `/api/v1/policies/${top.id}`, {
      type: 'OKTA_SIGN_ON',
      name: 'Bottom',
      priority: 3,
    });
    expect(moved.body).toMatchObject({ id: top.id, name: 'Bottom', priority: 3, status: 'ACTIVE' });
    expect(await names('/api/v1/policies?type=OKTA_SIGN_ON')).toEqual(['1:First', '2:Second', '3:Bottom']);
    expect((await api('POST', `/api/v1/policies/${top.id}/lifecycle/deactivate`)).status).toBe(204);
    expect((await api('GET', `/api/v1/policies/${top.id}`)).body.status).toBe('INACTIVE');
    expect((await api('POST', `/api/v1/policies/${top.id}/lifecycle/activate`)).status).toBe(204);

    expect((await api('DELETE', `/api/v1/policies/${first.id}`)).status).toBe(204);
    expect(await names('/api/v1/policies?type=OKTA_SIGN_ON')).toEqual(['1:Second', '2:Bottom']);
    expect(await api('GET', `/api/v1/policies/${first.id}`)).toMatchObject(
      oktaError(404, 'E0000007', `Not found: Resource not found: ${first.id} (Policy)`),
    );
  });

  it('needs a type to list policies', async () => {
    expect((await api('GET', '/api/v1/policies')).body).toMatchObject({
      errorCode: 'E0000001',
      errorSummary: 'Api validation failed: type',
    });
  });
});

describe('policy rules', () => {
  it('creates, reorders, replaces, toggles and deletes sign-on rules', async () => {
    const policy = (await api('POST', '/api/v1/policies', { type: 'OKTA_SIGN_ON', name: 'Rules' })).body;
    const zone = (
      await api('POST', '/api/v1/zones', {
        type: 'IP',
        name: 'VPN',
        gateways: [{ type: 'CIDR', value: '10.0.0.0/8' }],
      })
    ).body;
    const rules = `/api/v1/policies/${policy.id}/rules`;
    const deny = {
      name: 'Deny outside',
      conditions: { network: { connection: 'ZONE', include: [zone.id] } },
      actions: { signon: { access: 'DENY' } },
    };
    const created = await api('POST', rules, deny);
    expect(created.body).toMatchObject({
      id: okta('0pr'),
      type: 'SIGN_ON',
      status: 'ACTIVE',
      priority: 1,
      conditions: { network: { connection: 'ZONE', include: [zone.id] }, authContext: { authType: 'ANY' } },
      actions: { signon: { access: 'DENY', requireFactor: false, session: { maxSessionIdleMinutes: 120 } } },
    });
    const mfa = {
      name: 'MFA',
      priority: 1,
      actions: {
        signon: {
          access: 'ALLOW',
          requireFactor: true,
          factorPromptMode: 'SESSION',
          factorLifetime: 15,
          session: { maxSessionIdleMinutes: 60, maxSessionLifetimeMinutes: 720, usePersistentCookie: false },
        },
      },
    };
    const second = (await api('POST', rules, mfa)).body;
    expect(await names(rules)).toEqual(['1:MFA', '2:Deny outside']);
    const id = created.body.id;
    expect((await api('GET', `${rules}/${id}`)).body).toMatchObject({ id, priority: 2 });

    const replaced = await api('PUT', `${rules}/${id}`, { ...deny, name: 'Deny', priority: 1 });
    expect(replaced.body).toMatchObject({ id, name: 'Deny', priority: 1 });
    expect(await names(rules)).toEqual(['1:Deny', '2:MFA']);
    expect((await api('POST', `${rules}/${id}/lifecycle/deactivate`)).status).toBe(204);
    expect((await api('GET', `${rules}/${id}`)).body.status).toBe('INACTIVE');
    expect((await api('POST', `${rules}/${id}/lifecycle/activate`)).status).toBe(204);

    expect((await api('DELETE', `${rules}/${id}`)).status).toBe(204);
    expect(await names(rules)).toEqual(['1:MFA']);
    expect((await api('GET', `${rules}/${id}`)).status).toBe(404);
    expect((await api('GET', `${rules}/${second.id}`)).body.priority).toBe(1);
  });

  it('refuses a rule of the wrong type or with an unknown zone', async () => {
    const policy = (await api('POST', '/api/v1/policies', { type: 'PASSWORD', name: 'Pw' })).body;
    const rules = `/api/v1/policies/${policy.id}/rules`;
    expect((await api('POST', rules, { name: 'Pw rule' })).body).toMatchObject({
      type: 'PASSWORD',
      actions: { passwordChange: { access: 'ALLOW' }, selfServiceUnlock: { access: 'DENY' } },
    });
    expect((await api('POST', rules, { name: 'Wrong', type: 'SIGN_ON' })).status).toBe(400);
    const nowhere = {
      name: 'Nowhere',
      conditions: { network: { connection: 'ZONE', include: ['nzoNoSuchZone0000000'] } },
    };
    expect((await api('POST', rules, nowhere)).body).toMatchObject({
      errorSummary: 'Api validation failed: conditions.network',
    });
  });
});
