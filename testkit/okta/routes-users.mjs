// @ts-check
// Users: created ACTIVE (or STAGED with ?activate=false), deactivated to DEPROVISIONED, and deleted only from
// there: Okta's first DELETE of a user deactivates it, the second deletes it.

import { blank, duplicate, invalid, notFound, OktaError } from './errors.mjs';
import { now, oktaId, randomChars } from './ids.mjs';
import { byCreation, page } from './paging.mjs';
import { activating, asArray, copyOf, dig, isObject, noContent, ok } from './router.mjs';
import { addMember, applyGroupRules, narrow } from './routes-groups.mjs';

/** @typedef {import('./router.mjs').Route} Route */
/** @typedef {import('./router.mjs').Ctx} Ctx */
/** @typedef {import('./store.mjs').OrgState} OrgState */
/** @typedef {import('./store.mjs').Obj} Obj */

// The org's default user type, which every user created without one gets.
const DEFAULT_USER_TYPE = 'otyEmulatorUserType0';
const REQUIRED = ['firstName', 'lastName', 'email', 'login'];
const EMAIL = /^[^@\s]+@[^@\s]+$/;

/**
 * Okta takes a user's id or login in the path.
 * @param {OrgState} org
 * @param {string} idOrLogin
 */
function findUser(org, idOrLogin) {
  const user =
    org.users[idOrLogin] ??
    Object.values(org.users).find((u) => String(u.profile.login).toLowerCase() === idOrLogin.toLowerCase());
  if (!user) throw notFound(idOrLogin, 'User');
  return user;
}

/**
 * @param {OrgState} org
 * @param {Obj} profile
 * @param {string} [except]
 * @returns {asserts profile is Obj & { login: string }}
 */
function checkProfile(org, profile, except) {
  for (const field of REQUIRED) {
    if (typeof profile[field] !== 'string' || profile[field].trim() === '') throw blank(field);
  }
  // The loop above made these strings.
  if (!EMAIL.test(String(profile.email))) throw invalid('email', 'email: Does not match required pattern');
  if (!EMAIL.test(String(profile.login))) {
    throw invalid('login', 'login: Username must be in the form of an email address');
  }
  const login = String(profile.login).toLowerCase();
  if (Object.values(org.users).some((u) => u.id !== except && u.profile.login.toLowerCase() === login)) {
    throw duplicate('login');
  }
}

/**
 * A password is taken but never stored or shown: Okta only ever answers `password: {}`.
 * @param {Obj} user
 * @param {unknown} credentials
 */
function takeCredentials(user, credentials) {
  if (!isObject(dig(credentials, 'password'))) return;
  user.credentials = { ...copyOf(user.credentials), password: {} };
  user.passwordChanged = now();
}

/** @param {Ctx} ctx */
function createUser({ org, body, query }) {
  const given = dig(body, 'profile');
  /** @type {Obj} */
  const profile = isObject(given) ? { ...given } : {};
  checkProfile(org, profile);
  const at = now();
  const active = activating(query);
  const user = {
    id: oktaId('00u'),
    status: active ? 'ACTIVE' : 'STAGED',
    created: at,
    activated: active ? at : null,
    statusChanged: active ? at : null,
    lastLogin: null,
    lastUpdated: at,
    passwordChanged: null,
    type: { id: dig(body, 'type', 'id') ?? DEFAULT_USER_TYPE },
    profile,
    credentials: { provider: { type: 'OKTA', name: 'OKTA' } },
  };
  takeCredentials(user, dig(body, 'credentials'));
  org.users[user.id] = user;
  for (const groupId of asArray(dig(body, 'groupIds'))) {
    if (org.groups[String(groupId)]) addMember(org, String(groupId), user.id);
  }
  applyGroupRules(org, [user.id]);
  return ok(user);
}

/**
 * POST merges the profile given into the user's; PUT replaces it.
 * @param {boolean} partial
 * @returns {(ctx: Ctx) => import('./paging.mjs').Reply}
 */
const updateUser =
  (partial) =>
  ({ org, params, body }) => {
    const user = findUser(org, params.id ?? '');
    const sent = dig(body, 'profile');
    const given = isObject(sent) ? sent : {};
    /** @type {Obj} */
    const profile = partial ? { ...user.profile, ...given } : { ...given };
    checkProfile(org, profile, user.id);
    Object.assign(user, { profile, lastUpdated: now() });
    takeCredentials(user, dig(body, 'credentials'));
    applyGroupRules(org, [user.id]);
    return ok(user);
  };

/** @param {Ctx} ctx */
function listUsers({ org, query, url, path }) {
  let users = narrow(Object.values(org.users), query, [
    'profile.firstName',
    'profile.lastName',
    'profile.email',
    'profile.login',
  ]);
  // Okta leaves deprovisioned users out unless a search or filter asks for them.
  if (!query.has('search') && !query.has('filter')) users = users.filter((u) => u.status !== 'DEPROVISIONED');
  return page(users, byCreation, { query, url, path });
}

/**
 * @param {Obj} user
 */
function deactivate(user) {
  const at = now();
  Object.assign(user, { status: 'DEPROVISIONED', statusChanged: at, lastUpdated: at });
}

/** @param {Ctx} ctx */
function activateUser({ org, params, query }) {
  const user = findUser(org, params.id ?? '');
  if (user.status === 'ACTIVE') {
    throw new OktaError(403, 'E0000016', 'Activation failed because the user is already active');
  }
  const at = now();
  Object.assign(user, { status: 'ACTIVE', activated: at, statusChanged: at, lastUpdated: at });
  applyGroupRules(org, [user.id]);
  if (query.get('sendEmail') !== 'false') return ok({});
  const activationToken = randomChars(20);
  return ok({ activationUrl: `https://emulator.okta.invalid/welcome/${activationToken}`, activationToken });
}

/** @param {Ctx} ctx */
function deleteUser({ org, params, admin }) {
  const user = findUser(org, params.id ?? '');
  if (user.status !== 'DEPROVISIONED' && !admin) {
    deactivate(user);
    return noContent();
  }
  delete org.users[user.id];
  for (const [groupId, members] of Object.entries(org.members)) {
    org.members[groupId] = members.filter((id) => id !== user.id);
  }
  return noContent();
}

/** @param {Ctx} ctx */
function userGroups(ctx) {
  const user = findUser(ctx.org, ctx.params.id ?? '');
  const groups = Object.values(ctx.org.groups).filter((g) => ctx.org.members[g.id]?.includes(user.id));
  return page(groups, byCreation, ctx);
}

/** @type {Route[]} */
export const userRoutes = [
  ['POST', '/api/v1/users', createUser],
  ['GET', '/api/v1/users', listUsers],
  ['GET', '/api/v1/users/{id}', (c) => ok(findUser(c.org, c.params.id ?? ''))],
  ['POST', '/api/v1/users/{id}', updateUser(true)],
  ['PUT', '/api/v1/users/{id}', updateUser(false)],
  ['DELETE', '/api/v1/users/{id}', deleteUser],
  ['GET', '/api/v1/users/{id}/groups', userGroups],
  ['POST', '/api/v1/users/{id}/lifecycle/activate', activateUser],
  [
    'POST',
    '/api/v1/users/{id}/lifecycle/deactivate',
    (c) => {
      deactivate(findUser(c.org, c.params.id ?? ''));
      return ok({});
    },
  ],
];
