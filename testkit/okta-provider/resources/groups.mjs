// @ts-check
// okta_group, okta_group_rule, okta_group_memberships and the okta_group data source: /api/v1/groups.

import { setTimeout as sleep } from 'node:timers/promises';
import { B, S, attr, setOf } from '../schema.mjs';
import { dig, enc, jsonOrNull, parseJson, readFields, writeFields } from '../mapping.mjs';

/** @typedef {import('../mapping.mjs').ResourceType} ResourceType */
/** @typedef {import('../mapping.mjs').DataSourceType} DataSourceType */
/** @typedef {import('../mapping.mjs').Values} Values */

const id = attr(S, 'computed', { description: 'The ID of this resource.' });

/** @param {unknown} group @returns {Values} */
function groupValues(group) {
  const profile = /** @type {Values} */ (dig(group, 'profile') ?? {});
  const { name = null, description = null, ...custom } = profile;
  return { id: dig(group, 'id'), name, description, custom_profile_attributes: jsonOrNull(custom) };
}

/** @param {Values} v */
const groupBody = (v) => ({
  profile: {
    ...parseJson(v.custom_profile_attributes),
    name: v.name,
    description: v.description ?? undefined,
  },
});

/** @type {ResourceType} */
export const oktaGroup = {
  noun: 'group',
  schema: {
    attributes: {
      id,
      name: attr(S, 'required', { description: 'The name of the Okta Group.' }),
      description: attr(S, 'optional'),
      custom_profile_attributes: attr(S, 'optional json'),
      skip_users: attr(B, 'optional deprecated'),
    },
  },
  // resourceGroupCreate and resourceGroupUpdate at v6.12.0 end in resourceGroupRead: one GET after the write.
  create: async (client, v) => {
    const id = dig(await client.call('POST', '/api/v1/groups', groupBody(v)), 'id');
    return groupValues(await client.call('GET', `/api/v1/groups/${enc(String(id))}`));
  },
  read: async (client, s) => {
    const group = await client.find(`/api/v1/groups/${enc(s.id)}`);
    return group ? groupValues(group) : null;
  },
  update: async (client, prior, v) => {
    await client.call('PUT', `/api/v1/groups/${enc(prior.id)}`, groupBody(v));
    return groupValues(await client.call('GET', `/api/v1/groups/${enc(prior.id)}`));
  },
  delete: async (client, prior) =>
    void (await client.ignoring404('DELETE', `/api/v1/groups/${enc(prior.id)}`)),
};

const ruleFields = {
  name: 'name',
  status: 'status',
  expression_value: 'conditions.expression.value',
  expression_type: 'conditions.expression.type',
  users_excluded: 'conditions.people.users.exclude',
  group_assignments: 'actions.assignUserToGroups.groupIds',
};

/** @param {Values} v */
const ruleBody = (v) =>
  writeFields({ ...v, users_excluded: v.users_excluded ?? [] }, ruleFields, { type: 'group_rule' });

/**
 * A rule is created INACTIVE and can be changed or deleted only while INACTIVE.
 * @param {import('../mapping.mjs').OktaClient} client
 * @param {unknown} ruleId
 * @param {'activate' | 'deactivate'} action
 */
const ruleLifecycle = (client, ruleId, action) =>
  client.call('POST', `/api/v1/groups/rules/${enc(ruleId)}/lifecycle/${action}`);

/** @type {ResourceType} */
export const oktaGroupRule = {
  noun: 'group rule',
  schema: {
    attributes: {
      id,
      name: attr(S, 'required'),
      group_assignments: attr(setOf(S), 'required forceNew'),
      expression_type: attr(S, 'optional', { default: 'urn:okta:expression:1.0' }),
      expression_value: attr(S, 'required'),
      status: attr(S, 'optional', { default: 'ACTIVE', oneOf: ['ACTIVE', 'INACTIVE'] }),
      users_excluded: attr(setOf(S), 'optional'),
      remove_assigned_users: attr(B, 'optional', { default: false }),
    },
  },
  create: async (client, v) => {
    const ruleId = dig(await client.call('POST', '/api/v1/groups/rules', ruleBody(v)), 'id');
    if (v.status === 'ACTIVE') await ruleLifecycle(client, ruleId, 'activate');
    return oktaGroupRule.read(client, { id: ruleId }).then((r) => r ?? { id: ruleId });
  },
  read: async (client, s) => {
    const rule = await client.find(`/api/v1/groups/rules/${enc(s.id)}`);
    return rule ? { id: dig(rule, 'id'), ...readFields(rule, ruleFields) } : null;
  },
  update: async (client, prior, v) => {
    if (prior.status === 'ACTIVE') await ruleLifecycle(client, prior.id, 'deactivate');
    await client.call('PUT', `/api/v1/groups/rules/${enc(prior.id)}`, ruleBody(v));
    if (v.status === 'ACTIVE') await ruleLifecycle(client, prior.id, 'activate');
    return (await oktaGroupRule.read(client, prior)) ?? {};
  },
  delete: async (client, prior) => {
    if (prior.status === 'ACTIVE')
      await client.ignoring404('POST', `/api/v1/groups/rules/${enc(prior.id)}/lifecycle/deactivate`);
    const removeUsers = prior.remove_assigned_users === true;
    await client.ignoring404('DELETE', `/api/v1/groups/rules/${enc(prior.id)}?removeUsers=${removeUsers}`);
  },
};

/**
 * @param {import('../mapping.mjs').OktaClient} client
 * @param {unknown} groupId
 * @returns {Promise<string[]>}
 */
const memberIds = async (client, groupId) =>
  (await client.list(`/api/v1/groups/${enc(groupId)}/users?limit=200`)).map(
    (u) => /** @type {string} */ (dig(u, 'id')),
  );

/**
 * A set-of-strings attribute: an array, or null when unset.
 * @param {unknown} value
 */
const strings = (value) => /** @type {string[] | null | undefined} */ (value);

/** @type {ResourceType} */
export const oktaGroupMemberships = {
  noun: 'group memberships',
  schema: {
    attributes: {
      id,
      group_id: attr(S, 'required forceNew', { description: 'ID of a Okta group.' }),
      users: attr(setOf(S), 'required'),
      track_all_users: attr(B, 'optional', { default: false }),
    },
  },
  importState: (importId) => {
    const [groupId, all] = importId.split('/');
    return { id: groupId, group_id: groupId, users: [], track_all_users: all === 'true' };
  },
  create: async (client, v) => {
    for (const user of /** @type {string[]} */ (v.users))
      await client.call('PUT', `/api/v1/groups/${enc(v.group_id)}/users/${enc(user)}`);
    return (await oktaGroupMemberships.read(client, { ...v, id: v.group_id })) ?? {};
  },
  read: async (client, s) => {
    // The group itself gone: the memberships are gone with it.
    if (!(await client.find(`/api/v1/groups/${enc(s.group_id)}`))) return null;
    const members = await memberIds(client, s.group_id);
    // By default only the users this resource added are tracked; track_all_users makes it authoritative.
    const users = s.track_all_users ? members : (strings(s.users) ?? []).filter((u) => members.includes(u));
    return { id: s.group_id, group_id: s.group_id, users };
  },
  update: async (client, prior, v) => {
    const before = new Set(strings(prior.users) ?? []);
    const after = new Set(strings(v.users) ?? []);
    const path = (/** @type {string} */ user) => `/api/v1/groups/${enc(v.group_id)}/users/${enc(user)}`;
    for (const user of before) if (!after.has(user)) await client.ignoring404('DELETE', path(user));
    for (const user of after) if (!before.has(user)) await client.call('PUT', path(user));
    return (await oktaGroupMemberships.read(client, v)) ?? {};
  },
  delete: async (client, prior) => {
    for (const user of strings(prior.users) ?? []) {
      await client.ignoring404('DELETE', `/api/v1/groups/${enc(prior.group_id)}/users/${enc(user)}`);
    }
  },
};

/** @type {DataSourceType} */
export const oktaGroupData = {
  noun: 'group',
  schema: {
    attributes: {
      id: attr(S, 'optional computed'),
      name: attr(S, 'optional'),
      type: attr(S, 'optional', { oneOf: ['OKTA_GROUP', 'APP_GROUP', 'BUILT_IN'] }),
      include_users: attr(B, 'optional'),
      delay_read_seconds: attr(S, 'optional'),
      description: attr(S, 'computed'),
      users: attr(setOf(S), 'computed'),
    },
  },
  read: async (client, c) => {
    if (c.delay_read_seconds) await sleep(Number(c.delay_read_seconds) * 1000);
    /** @type {unknown} */
    let group;
    if (c.id) group = await client.call('GET', `/api/v1/groups/${enc(c.id)}`);
    else {
      const filter = c.type ? `&filter=${enc(`type eq "${c.type}"`)}` : '';
      const found = await client.list(`/api/v1/groups?q=${enc(c.name ?? '')}${filter}`);
      // q= is a prefix search: keep the exact name (and type) only.
      group = found.find(
        (g) => dig(g, 'profile', 'name') === c.name && (!c.type || dig(g, 'type') === c.type),
      );
      if (!group)
        throw new Error(`group with name "${c.name}"${c.type ? ` and type "${c.type}"` : ''} does not exist`);
    }
    const users = c.include_users ? await memberIds(client, dig(group, 'id')) : null;
    return {
      id: dig(group, 'id'),
      name: dig(group, 'profile', 'name') ?? null,
      type: dig(group, 'type') ?? null,
      description: dig(group, 'profile', 'description') ?? null,
      users,
    };
  },
};
