// Create, read, update and delete for every kind of object the Okta org emulator keeps, over plain fetch, with
// the answers Okta gives: ids with the kind's prefix, 204/202 where Okta has no body, E0000001/E0000007 errors.

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

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const okta = (prefix: string) => expect.stringMatching(new RegExp(`^${prefix}[A-Za-z0-9]{17}$`));

async function user(login: string, profile: Record<string, string> = {}, query = '') {
  const body = { profile: { firstName: 'Ada', lastName: 'L', email: login, login, ...profile } };
  return (await api('POST', `/api/v1/users${query}`, body)).body;
}

describe('groups', () => {
  it('creates, reads, lists, replaces and deletes a group', async () => {
    const created = await api('POST', '/api/v1/groups', {
      profile: { name: 'Engineering', description: 'Eng' },
    });
    expect(created.status).toBe(200);
    expect(created.headers.get('content-type')).toBe('application/json');
    expect(created.body).toMatchObject({
      id: okta('00g'),
      type: 'OKTA_GROUP',
      objectClass: ['okta:user_group'],
      profile: { name: 'Engineering', description: 'Eng' },
      created: expect.stringMatching(ISO),
      lastUpdated: expect.stringMatching(ISO),
    });
    const id = created.body.id;
    expect((await api('GET', `/api/v1/groups/${id}`)).body).toEqual(created.body);
    expect((await api<OktaObject[]>('GET', '/api/v1/groups?q=eng')).body.map((g) => g.id)).toContain(id);
    const searched = await api<OktaObject[]>(
      'GET',
      `/api/v1/groups?search=${encodeURIComponent('profile.name eq "engineering"')}`,
    );
    expect(searched.body.map((g) => g.id)).toEqual([id]);

    const replaced = await api('PUT', `/api/v1/groups/${id}`, { profile: { name: 'Platform' } });
    expect(replaced.body).toMatchObject({ id, profile: { name: 'Platform', description: null } });
    expect(await api('POST', '/api/v1/groups', { profile: { name: 'platform' } })).toMatchObject(
      oktaError(400, 'E0000001', 'Api validation failed: name', [
        'name: An object with this field already exists in the current organization',
      ]),
    );

    expect((await api('DELETE', `/api/v1/groups/${id}`)).status).toBe(204);
    expect(await api('GET', `/api/v1/groups/${id}`)).toMatchObject(
      oktaError(404, 'E0000007', `Not found: Resource not found: ${id} (UserGroup)`),
    );
  });

  it('adds and removes members', async () => {
    const group = (await api('POST', '/api/v1/groups', { profile: { name: 'Members' } })).body;
    const member = await user('grace@example.com');
    expect((await api('PUT', `/api/v1/groups/${group.id}/users/${member.id}`)).status).toBe(204);
    const listed = await api<OktaObject[]>('GET', `/api/v1/groups/${group.id}/users`);
    expect(listed.body.map((u) => u.id)).toEqual([member.id]);
    expect((await api('DELETE', `/api/v1/groups/${group.id}/users/${member.id}`)).status).toBe(204);
    expect((await api<OktaObject[]>('GET', `/api/v1/groups/${group.id}/users`)).body).toEqual([]);
    expect((await api('PUT', `/api/v1/groups/${group.id}/users/00uNoSuchUser0000000`)).status).toBe(404);
  });
});

describe('group rules', () => {
  it('creates a rule INACTIVE, replaces it, toggles it and deletes it', async () => {
    const group = (await api('POST', '/api/v1/groups', { profile: { name: 'Sales' } })).body;
    const rule = {
      type: 'group_rule',
      name: 'Sales people',
      conditions: { expression: { value: 'user.department=="Sales"', type: 'urn:okta:expression:1.0' } },
      actions: { assignUserToGroups: { groupIds: [group.id] } },
    };
    const created = await api('POST', '/api/v1/groups/rules', rule);
    expect(created.body).toMatchObject({
      id: okta('0pr'),
      type: 'group_rule',
      status: 'INACTIVE',
      conditions: { people: { users: { exclude: [] } }, expression: rule.conditions.expression },
      actions: rule.actions,
    });
    const id = created.body.id;
    const renamed = await api('PUT', `/api/v1/groups/rules/${id}`, { ...rule, name: 'Sales team' });
    expect(renamed.body).toMatchObject({ id, name: 'Sales team', status: 'INACTIVE' });
    expect((await api('POST', `/api/v1/groups/rules/${id}/lifecycle/activate`)).status).toBe(204);
    expect((await api('GET', `/api/v1/groups/rules/${id}`)).body.status).toBe('ACTIVE');
    expect(
      (await api<OktaObject[]>('GET', '/api/v1/groups/rules?search=sales')).body.map((r) => r.id),
    ).toEqual([id]);
    expect((await api('POST', `/api/v1/groups/rules/${id}/lifecycle/deactivate`)).status).toBe(204);
    expect((await api('DELETE', `/api/v1/groups/rules/${id}`)).status).toBe(202);
    expect((await api('GET', `/api/v1/groups/rules/${id}`)).status).toBe(404);
  });
});

describe('users', () => {
  it('creates ACTIVE or STAGED users, updates them and deletes them in two steps', async () => {
    const active = await user('alan@example.com', { department: 'Engineering' });
    expect(active).toMatchObject({
      id: okta('00u'),
      status: 'ACTIVE',
      profile: { login: 'alan@example.com' },
    });
    expect((await user('staged@example.com', {}, '?activate=false')).status).toBe('STAGED');
    expect((await api('GET', '/api/v1/users/alan@example.com')).body.id).toBe(active.id);

    const partial = await api('POST', `/api/v1/users/${active.id}`, { profile: { title: 'Engineer' } });
    expect(partial.body.profile).toMatchObject({ department: 'Engineering', title: 'Engineer' });
    const whole = { firstName: 'Alan', lastName: 'T', email: 'alan@example.com', login: 'alan@example.com' };
    expect((await api('PUT', `/api/v1/users/${active.id}`, { profile: whole })).body.profile).toEqual(whole);
    const found = await api<OktaObject[]>(
      'GET',
      `/api/v1/users?search=${encodeURIComponent('profile.firstName eq "Alan"')}`,
    );
    expect(found.body.map((u) => u.id)).toEqual([active.id]);

    expect(await api('POST', '/api/v1/users', { profile: whole })).toMatchObject(
      oktaError(400, 'E0000001', 'Api validation failed: login', [
        'login: An object with this field already exists in the current organization',
      ]),
    );
    expect(
      await api('POST', '/api/v1/users', { profile: { ...whole, login: 'x@example.com', firstName: '' } }),
    ).toMatchObject(
      oktaError(400, 'E0000001', 'Api validation failed: firstName', [
        'firstName: The field cannot be left blank',
      ]),
    );

    expect((await api('POST', `/api/v1/users/${active.id}/lifecycle/deactivate`)).body).toEqual({});
    expect((await api('GET', `/api/v1/users/${active.id}`)).body.status).toBe('DEPROVISIONED');
    expect((await api('DELETE', `/api/v1/users/${active.id}`)).status).toBe(204);
    expect(await api('GET', `/api/v1/users/${active.id}`)).toMatchObject(
      oktaError(404, 'E0000007', `Not found: Resource not found: ${active.id} (User)`),
    );

    const other = await user('twice@example.com');
    expect((await api('DELETE', `/api/v1/users/${other.id}`)).status).toBe(204);
    expect((await api('GET', `/api/v1/users/${other.id}`)).body.status).toBe('DEPROVISIONED');
    expect((await api('DELETE', `/api/v1/users/${other.id}`)).status).toBe(204);
    expect((await api('GET', `/api/v1/users/${other.id}`)).status).toBe(404);
  });
});

describe('apps', () => {
  const oidc = {
    label: 'Portal',
    signOnMode: 'OPENID_CONNECT',
    credentials: { oauthClient: { token_endpoint_auth_method: 'client_secret_basic' } },
    settings: {
      oauthClient: {
        redirect_uris: ['https://portal.example.com/callback'],
        post_logout_redirect_uris: ['https://portal.example.com/'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        application_type: 'web',
      },
    },
  };

  it('gives an OAuth client a client_id and, when confidential, a secret that survives updates', async () => {
    const created = await api('POST', '/api/v1/apps', oidc);
    expect(created.body).toMatchObject({
      id: okta('0oa'),
      name: 'oidc_client',
      label: 'Portal',
      status: 'ACTIVE',
      signOnMode: 'OPENID_CONNECT',
      credentials: {
        oauthClient: { client_id: created.body.id, client_secret: expect.stringMatching(/^.{40}$/) },
      },
      settings: { oauthClient: oidc.settings.oauthClient },
    });
    const secret = (created.body.credentials as { oauthClient: { client_secret: string } }).oauthClient
      .client_secret;
    const relabelled = await api('PUT', `/api/v1/apps/${created.body.id}`, { ...oidc, label: 'Portal 2' });
    expect(relabelled.body).toMatchObject({
      label: 'Portal 2',
      credentials: { oauthClient: { client_id: created.body.id, client_secret: secret } },
    });

    const spa = { ...oidc, credentials: { oauthClient: { token_endpoint_auth_method: 'none' } } };
    const publicClient = (await api('POST', '/api/v1/apps', spa)).body;
    expect(publicClient.credentials).toEqual({
      oauthClient: { token_endpoint_auth_method: 'none', autoKeyRotation: true, client_id: publicClient.id },
    });
  });

  it('keeps SAML settings, deactivates and deletes an app', async () => {
    const signOn = {
      ssoAcsUrl: 'https://sp.example.com/acs',
      audience: 'https://sp.example.com',
      subjectNameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
    };
    const created = await api('POST', '/api/v1/apps', {
      label: 'Wiki',
      signOnMode: 'SAML_2_0',
      settings: { signOn },
    });
    expect(created.body).toMatchObject({
      signOnMode: 'SAML_2_0',
      status: 'ACTIVE',
      settings: { signOn: { ...signOn, recipient: signOn.ssoAcsUrl, destination: signOn.ssoAcsUrl } },
    });
    const id = created.body.id;
    expect((await api<OktaObject[]>('GET', '/api/v1/apps?q=wik')).body.map((a) => a.id)).toEqual([id]);
    expect((await api('POST', `/api/v1/apps/${id}/lifecycle/deactivate`)).body).toEqual({});
    expect((await api('GET', `/api/v1/apps/${id}`)).body.status).toBe('INACTIVE');
    expect((await api('DELETE', `/api/v1/apps/${id}`)).status).toBe(204);
    expect(await api('GET', `/api/v1/apps/${id}`)).toMatchObject(
      oktaError(404, 'E0000007', `Not found: Resource not found: ${id} (AppInstance)`),
    );
    expect(
      await api('POST', '/api/v1/apps', {
        label: 'No ACS',
        signOnMode: 'SAML_2_0',
        settings: { signOn: {} },
      }),
    ).toMatchObject(
      oktaError(400, 'E0000001', 'Api validation failed: ssoAcsUrl', [
        'ssoAcsUrl: The field cannot be left blank',
      ]),
    );
  });

  it('assigns groups to an app', async () => {
    const app = (await api('POST', '/api/v1/apps', { ...oidc, label: 'Assigned' })).body;
    const group = (await api('POST', '/api/v1/groups', { profile: { name: 'App users' } })).body;
    const path = `/api/v1/apps/${app.id}/groups/${group.id}`;
    expect((await api('PUT', path, { priority: 3 })).body).toMatchObject({
      id: group.id,
      priority: 3,
      profile: {},
    });
    expect((await api('GET', path)).body).toMatchObject({ id: group.id, priority: 3 });
    expect((await api<OktaObject[]>('GET', `/api/v1/apps/${app.id}/groups`)).body.map((a) => a.id)).toEqual([
      group.id,
    ]);
    expect((await api('DELETE', path)).status).toBe(204);
    expect((await api('GET', path)).status).toBe(404);
  });
});
