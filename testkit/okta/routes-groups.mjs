// @ts-check
// Groups, their members, and group rules (which put users whose profile matches an expression into groups).

import { badFilter, blank, duplicate, invalid, OktaError } from './errors.mjs';
import { ruleCondition, scimFilter, valueAt } from './expressions.mjs';
import { now, oktaId } from './ids.mjs';
import { byCreation, page } from './paging.mjs';
import { copyOf, dig, isObject, need, noContent, ok } from './router.mjs';

/** @typedef {import('./router.mjs').Route} Route */
/** @typedef {import('./router.mjs').Ctx} Ctx */
/** @typedef {import('./store.mjs').OrgState} OrgState */
/** @typedef {import('./store.mjs').Obj} Obj */
/** @typedef {import('./store.mjs').GroupRule} GroupRule */

const EXPRESSION_TYPE = 'urn:okta:expression:1.0';

/**
 * Narrows a list by Okta's list parameters: q (prefix of any of `names`), search and filter (SCIM expressions).
 * @param {Obj[]} items
 * @param {URLSearchParams} query
 * @param {string[]} names dotted paths q looks at
 */
export function narrow(items, query, names) {
  let out = items;
  const q = query.get('q')?.toLowerCase();
  if (q) {
    out = out.filter((o) =>
      names.some((name) => {
        const value = valueAt(o, name);
        return typeof value === 'string' && value.toLowerCase().startsWith(q);
      }),
    );
  }
  const search = query.get('search');
  if (search) out = out.filter(scimFilter(search));
  const filter = query.get('filter');
  if (filter) out = out.filter(scimFilter(filter, badFilter));
  return out;
}

/** @param {unknown} body */
function groupProfile(body) {
  const given = dig(body, 'profile');
  const profile = isObject(given) ? given : {};
  const name = profile.name;
  if (typeof name !== 'string' || name.trim() === '') throw blank('name');
  return { ...profile, name, description: profile.description ?? null };
}

/**
 * @param {OrgState} org
 * @param {string} name
 * @param {string} [except]
 */
function checkGroupName(org, name, except) {
  const taken = Object.values(org.groups).some(
    (g) => g.id !== except && String(g.profile.name).toLowerCase() === name.toLowerCase(),
  );
  if (taken) throw duplicate('name');
}

/**
 * @param {OrgState} org
 * @param {string} groupId
 * @param {string} userId
 */
export function addMember(org, groupId, userId) {
  const members = (org.members[groupId] ??= []);
  if (members.includes(userId)) return;
  members.push(userId);
  const group = org.groups[groupId];
  if (group) group.lastMembershipUpdated = now();
}

/**
 * Runs the active group rules over the users (all, or those given): a rule adds every user its condition
 * matches, and that no exclusion names, to its groups. Like Okta, it never removes anyone.
 * @param {OrgState} org
 * @param {string[]} [userIds]
 */
export function applyGroupRules(org, userIds) {
  const users = (userIds ?? Object.keys(org.users)).map((id) => org.users[id]);
  for (const rule of Object.values(org.groupRules)) {
    if (rule.status !== 'ACTIVE') continue;
    const matches = ruleCondition(String(rule.conditions?.expression?.value ?? ''));
    // As sent: a list of user ids, or (a string, say) what `new Set` makes of it.
    const excluded = new Set(
      /** @type {Iterable<unknown>} */ (rule.conditions?.people?.users?.exclude ?? []),
    );
    for (const user of users) {
      if (!user || user.status === 'DEPROVISIONED' || excluded.has(user.id) || !matches(user.profile))
        continue;
      for (const groupId of rule.actions?.assignUserToGroups?.groupIds ?? []) {
        if (org.groups[String(groupId)]) addMember(org, String(groupId), user.id);
      }
    }
  }
}

/** @param {Ctx} ctx */
function createGroup({ org, body }) {
  const profile = groupProfile(body);
  checkGroupName(org, profile.name);
  const at = now();
  const group = {
    id: oktaId('00g'),
    created: at,
    lastUpdated: at,
    lastMembershipUpdated: at,
    objectClass: ['okta:user_group'],
    type: 'OKTA_GROUP',
    profile,
  };
  org.groups[group.id] = group;
  org.members[group.id] = [];
  return ok(group);
}

/** @param {Ctx} ctx */
function replaceGroup({ org, params, body }) {
  const group = need(org.groups, params.id ?? '', 'UserGroup');
  const profile = groupProfile(body);
  checkGroupName(org, profile.name, group.id);
  Object.assign(group, { profile, lastUpdated: now() });
  return ok(group);
}

/** @param {Ctx} ctx */
function deleteGroup({ org, params }) {
  const group = need(org.groups, params.id ?? '', 'UserGroup');
  delete org.groups[group.id];
  delete org.members[group.id];
  for (const assignments of Object.values(org.appGroups)) delete assignments[group.id];
  // A rule that assigns to a group that no longer exists is marked INVALID, as in Okta.
  for (const rule of Object.values(org.groupRules)) {
    if ((rule.actions?.assignUserToGroups?.groupIds ?? []).includes(group.id)) rule.status = 'INVALID';
  }
  return noContent();
}

/** @param {Ctx} ctx */
function listMembers(ctx) {
  const group = need(ctx.org.groups, ctx.params.id ?? '', 'UserGroup');
  const users = (ctx.org.members[group.id] ?? []).flatMap((id) => ctx.org.users[id] ?? []);
  return page(users, byCreation, ctx);
}

/** @param {Ctx} ctx */
function putMember({ org, params }) {
  const group = need(org.groups, params.id ?? '', 'UserGroup');
  const user = need(org.users, params.userId ?? '', 'User');
  addMember(org, group.id, user.id);
  return noContent();
}

/** @param {Ctx} ctx */
function deleteMember({ org, params }) {
  const group = need(org.groups, params.id ?? '', 'UserGroup');
  const user = need(org.users, params.userId ?? '', 'User');
  const members = org.members[group.id] ?? [];
  if (members.includes(user.id)) {
    org.members[group.id] = members.filter((id) => id !== user.id);
    group.lastMembershipUpdated = now();
  }
  return noContent();
}

/** @param {unknown} body */
function ruleFields(body) {
  const name = dig(body, 'name');
  if (typeof name !== 'string' || name.trim() === '') throw blank('name');
  if (name.length > 50) throw invalid('name', 'name: size must be between 1 and 50');
  const expression = dig(body, 'conditions', 'expression');
  const value = dig(expression, 'value');
  if (typeof value !== 'string' || value.trim() === '') {
    throw blank('conditions.expression.value');
  }
  /** @type {unknown} */
  const groupIds = dig(body, 'actions', 'assignUserToGroups', 'groupIds');
  if (!Array.isArray(groupIds) || groupIds.length === 0) throw blank('actions.assignUserToGroups.groupIds');
  const people = dig(body, 'conditions', 'people');
  const conditions = {
    ...copyOf(dig(body, 'conditions')),
    people: { ...copyOf(people), users: { exclude: dig(people, 'users', 'exclude') ?? [] } },
    expression: { value, type: dig(expression, 'type') ?? EXPRESSION_TYPE },
  };
  /** @type {unknown[]} */
  const ids = [...groupIds];
  return { name, conditions, actions: { assignUserToGroups: { groupIds: ids } } };
}

/**
 * @param {GroupRule} rule
 * @param {Ctx} ctx
 */
function refuseWhileActive(rule, ctx) {
  if (rule.status === 'ACTIVE' && !ctx.admin) {
    throw invalid('status', 'Cannot modify or delete an ACTIVE group rule: deactivate it first.');
  }
}

/**
 * @param {GroupRule} rule
 * @param {Ctx} ctx
 */
function withGroupNames(rule, ctx) {
  if (ctx.query.get('expand') !== 'groupIdToGroupNameMap') return rule;
  const ids = rule.actions?.assignUserToGroups?.groupIds ?? [];
  const map = Object.fromEntries(ids.map((id) => [id, ctx.org.groups[String(id)]?.profile.name]));
  return { ...rule, _embedded: { groupIdToGroupNameMap: map } };
}

/** @param {Ctx} ctx */
function createRule({ org, body }) {
  const at = now();
  const rule = {
    type: 'group_rule',
    id: oktaId('0pr'),
    status: 'INACTIVE',
    created: at,
    lastUpdated: at,
    ...ruleFields(body),
  };
  org.groupRules[rule.id] = rule;
  return ok(rule);
}

/** @param {Ctx} ctx */
function listRules(ctx) {
  const keyword = ctx.query.get('search')?.toLowerCase();
  const rules = Object.values(ctx.org.groupRules).filter(
    (r) => !keyword || String(r.name).toLowerCase().includes(keyword),
  );
  const reply = page(rules, byCreation, ctx, 50);
  return { ...reply, body: /** @type {GroupRule[]} */ (reply.body).map((r) => withGroupNames(r, ctx)) };
}

/** @param {Ctx} ctx */
function replaceRule(ctx) {
  const rule = need(ctx.org.groupRules, ctx.params.id ?? '', 'GroupRule');
  refuseWhileActive(rule, ctx);
  const fields = ruleFields(ctx.body);
  const before = JSON.stringify([...rule.actions.assignUserToGroups.groupIds].sort());
  if (!ctx.admin && JSON.stringify([...fields.actions.assignUserToGroups.groupIds].sort()) !== before) {
    // Okta: "You can't currently update the action section."
    throw invalid('actions', 'actions: The actions of a group rule cannot be changed.');
  }
  Object.assign(rule, fields, { lastUpdated: now() });
  return ok(rule);
}

/** @param {Ctx} ctx */
function deleteRule(ctx) {
  const rule = need(ctx.org.groupRules, ctx.params.id ?? '', 'GroupRule');
  refuseWhileActive(rule, ctx);
  if (ctx.query.get('removeUsers') === 'true') {
    const matches = ruleCondition(String(rule.conditions?.expression?.value ?? ''));
    for (const groupId of rule.actions.assignUserToGroups.groupIds) {
      const members = ctx.org.members[String(groupId)];
      if (members) {
        ctx.org.members[String(groupId)] = members.filter((id) => !matches(ctx.org.users[id]?.profile ?? {}));
      }
    }
  }
  delete ctx.org.groupRules[rule.id];
  return { status: 202 };
}

/**
 * @param {'ACTIVE' | 'INACTIVE'} status
 * @returns {(ctx: Ctx) => import('./paging.mjs').Reply}
 */
const ruleLifecycle = (status) => (ctx) => {
  const rule = need(ctx.org.groupRules, ctx.params.id ?? '', 'GroupRule');
  if (rule.status === 'INVALID') {
    throw new OktaError(400, 'E0000001', 'Api validation failed: updateRuleStatus', [
      'Cannot activate or deactivate a Group Rule with the status INVALID.',
    ]);
  }
  if (rule.status !== status) Object.assign(rule, { status, lastUpdated: now() });
  if (status === 'ACTIVE') applyGroupRules(ctx.org);
  return noContent();
};

/** @type {Route[]} */
export const groupRoutes = [
  ['POST', '/api/v1/groups/rules', createRule],
  ['GET', '/api/v1/groups/rules', listRules],
  [
    'GET',
    '/api/v1/groups/rules/{id}',
    (c) => ok(withGroupNames(need(c.org.groupRules, c.params.id ?? '', 'GroupRule'), c)),
  ],
  ['PUT', '/api/v1/groups/rules/{id}', replaceRule],
  ['DELETE', '/api/v1/groups/rules/{id}', deleteRule],
  ['POST', '/api/v1/groups/rules/{id}/lifecycle/activate', ruleLifecycle('ACTIVE')],
  ['POST', '/api/v1/groups/rules/{id}/lifecycle/deactivate', ruleLifecycle('INACTIVE')],
  ['POST', '/api/v1/groups', createGroup],
  [
    'GET',
    '/api/v1/groups',
    (c) => page(narrow(Object.values(c.org.groups), c.query, ['profile.name']), byCreation, c),
  ],
  ['GET', '/api/v1/groups/{id}', (c) => ok(need(c.org.groups, c.params.id ?? '', 'UserGroup'))],
  ['PUT', '/api/v1/groups/{id}', replaceGroup],
  ['DELETE', '/api/v1/groups/{id}', deleteGroup],
  ['GET', '/api/v1/groups/{id}/users', listMembers],
  ['PUT', '/api/v1/groups/{id}/users/{userId}', putMember],
  ['DELETE', '/api/v1/groups/{id}/users/{userId}', deleteMember],
];
