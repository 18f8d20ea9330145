// @ts-check
// okta_user: /api/v1/users. Profile attributes are the snake_case names of Okta's base profile properties.

import { B, S, attr, setOf } from '../schema.mjs';
import { camel, dig, enc, jsonOrNull, parseJson } from '../mapping.mjs';
import { UNKNOWN } from '../cty.mjs';

/** @typedef {import('../mapping.mjs').ResourceType} ResourceType */
/** @typedef {import('../mapping.mjs').Values} Values */

const REQUIRED_PROFILE = ['first_name', 'last_name', 'login', 'email'];
const OPTIONAL_PROFILE = [
  'city', 'cost_center', 'country_code', 'department', 'display_name', 'division', 'employee_number',
  'honorific_prefix', 'honorific_suffix', 'locale', 'manager', 'manager_id', 'middle_name', 'mobile_phone',
  'nick_name', 'organization', 'postal_address', 'preferred_language', 'primary_phone', 'profile_url',
  'second_email', 'state', 'street_address', 'timezone', 'title', 'user_type', 'zip_code',
]; // prettier-ignore
const PROFILE = [...REQUIRED_PROFILE, ...OPTIONAL_PROFILE];

/** Okta statuses the provider reports as ACTIVE (raw_status keeps the real one). @type {unknown[]} */
const ACTIVE_LIKE = ['PASSWORD_EXPIRED', 'LOCKED_OUT', 'RECOVERY', 'PROVISIONED'];

/** @param {unknown} user @returns {Values} */
function userValues(user) {
  /** @type {Record<string, unknown>} */
  const custom = { .../** @type {object} */ (dig(user, 'profile')) };
  const status = dig(user, 'status');
  /** @type {Values} */
  const out = { id: dig(user, 'id'), raw_status: status ?? null };
  out.status = ACTIVE_LIKE.includes(status) ? 'ACTIVE' : (status ?? null);
  for (const name of PROFILE) {
    out[name] = custom[camel(name)] ?? null;
    delete custom[camel(name)];
  }
  out.custom_profile_attributes = jsonOrNull(custom);
  return out;
}

/** @param {Values} v */
function profileOf(v) {
  /** @type {Record<string, unknown>} */
  const profile = parseJson(v.custom_profile_attributes);
  for (const name of PROFILE) if (v[name] != null) profile[camel(name)] = v[name];
  return profile;
}

/** @param {Values} v */
function credentialsOf(v) {
  /** @type {Record<string, unknown>} */
  const credentials = {};
  if (v.password) credentials.password = { value: v.password };
  if (v.recovery_question) {
    credentials.recovery_question = { question: v.recovery_question, answer: v.recovery_answer };
  }
  return Object.keys(credentials).length ? credentials : undefined;
}

/**
 * Moves a user between statuses with the lifecycle operations Okta has for it.
 * @param {import('../mapping.mjs').OktaClient} client
 * @param {unknown} userId
 * @param {unknown} from  raw status
 * @param {unknown} to  wanted status
 */
async function transition(client, userId, from, to) {
  const lifecycle = (/** @type {string} */ op) =>
    client.call('POST', `/api/v1/users/${enc(userId)}/lifecycle/${op}`);
  const current = ACTIVE_LIKE.includes(from) ? 'ACTIVE' : from;
  if (current === to) return;
  if (to === 'DEPROVISIONED') return void (await lifecycle('deactivate'));
  if (to === 'SUSPENDED') {
    if (current !== 'ACTIVE') await lifecycle('activate?sendEmail=false');
    return void (await lifecycle('suspend'));
  }
  if (to === 'ACTIVE') await lifecycle(current === 'SUSPENDED' ? 'unsuspend' : 'activate?sendEmail=false');
}

const profileAttrs = Object.fromEntries([
  ...REQUIRED_PROFILE.map((n) => [n, attr(S, 'required')]),
  ...OPTIONAL_PROFILE.map((n) => [n, attr(S, 'optional')]),
]);

/** @type {ResourceType} */
export const oktaUser = {
  noun: 'user',
  schema: {
    attributes: {
      id: attr(S, 'computed'),
      ...profileAttrs,
      custom_profile_attributes: attr(S, 'optional json'),
      custom_profile_attributes_to_ignore: attr(setOf(S), 'optional'),
      status: attr(S, 'optional', {
        default: 'ACTIVE',
        oneOf: ['ACTIVE', 'DEPROVISIONED', 'STAGED', 'SUSPENDED'],
      }),
      raw_status: attr(S, 'computed'),
      password: attr(S, 'optional sensitive'),
      old_password: attr(S, 'optional sensitive'),
      recovery_question: attr(S, 'optional'),
      recovery_answer: attr(S, 'optional sensitive'),
      expire_password_on_create: attr(B, 'optional', { default: false }),
      skip_roles: attr(B, 'optional deprecated'),
    },
  },
  // raw_status follows status, so a status change makes it unknown until apply.
  planHook: (planned, prior) =>
    prior && prior.status !== planned.status ? { ...planned, raw_status: UNKNOWN } : planned,
  create: async (client, v) => {
    const activate = v.status !== 'STAGED';
    const body = { profile: profileOf(v), credentials: credentialsOf(v) };
    let user = await client.call('POST', `/api/v1/users?activate=${activate}`, body);
    if (v.expire_password_on_create && v.password) {
      await client.call('POST', `/api/v1/users/${enc(dig(user, 'id'))}/lifecycle/expire_password`);
    }
    if (v.status === 'SUSPENDED' || v.status === 'DEPROVISIONED') {
      await transition(client, dig(user, 'id'), dig(user, 'status'), v.status);
      user = await client.call('GET', `/api/v1/users/${enc(dig(user, 'id'))}`);
    }
    return withoutIgnored(userValues(user), v);
  },
  read: async (client, s) => {
    const user = await client.find(`/api/v1/users/${enc(s.id)}`);
    return user ? withoutIgnored(userValues(user), s) : null;
  },
  update: async (client, prior, v) => {
    if (prior.status !== v.status)
      await transition(client, prior.id, prior.raw_status ?? prior.status, v.status);
    const body = {
      profile: profileOf(v),
      credentials: v.password !== prior.password ? credentialsOf(v) : undefined,
    };
    // The provider's client.User.UpdateUser (resource_okta_user.go) is okta-sdk-golang's strict update, a PUT:
    // the configured profile replaces Okta's, so custom attributes removed from the configuration go.
    await client.call('PUT', `/api/v1/users/${enc(prior.id)}`, body);
    return withoutIgnored(userValues(await client.call('GET', `/api/v1/users/${enc(prior.id)}`)), v);
  },
  delete: async (client, prior) => {
    // The first DELETE deactivates, the second deletes for good.
    if (prior.raw_status !== 'DEPROVISIONED')
      await client.ignoring404('DELETE', `/api/v1/users/${enc(prior.id)}`);
    await client.ignoring404('DELETE', `/api/v1/users/${enc(prior.id)}`);
  },
};

/**
 * custom_profile_attributes_to_ignore: keys left to other tools.
 * @param {Values} values
 * @param {Values} reference
 */
function withoutIgnored(values, reference) {
  const ignore = /** @type {string[] | null} */ (reference.custom_profile_attributes_to_ignore);
  if (!ignore?.length || !values.custom_profile_attributes) return values;
  const custom = JSON.parse(String(values.custom_profile_attributes));
  for (const key of ignore) delete custom[key];
  return { ...values, custom_profile_attributes: jsonOrNull(custom) };
}
