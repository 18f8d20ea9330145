// @ts-check
// okta_policy_signon, okta_policy_password and okta_policy_rule_signon: /api/v1/policies.

import { B, N, S, attr, listOf, setOf } from '../schema.mjs';
import { PartialError, dig, enc, readFields, splitId, writeFields } from '../mapping.mjs';

/** @typedef {import('../mapping.mjs').ResourceType} ResourceType */
/** @typedef {import('../mapping.mjs').Values} Values */
/** @typedef {import('../mapping.mjs').Field} Field */
/** @typedef {import('../schema.mjs').Attr} Attr */
const ACTIVE_INACTIVE = ['ACTIVE', 'INACTIVE'];

/**
 * The provider's validatePriority: a configured priority Okta did not keep (past the end of the list, say) is an
 * error rather than a silent endless diff. The object exists all the same. On update only a changed priority is
 * checked: an unconfigured one is planned as the prior value, and a renumbering by Okta since then shows at the
 * next refresh rather than as an inconsistent apply.
 * @param {Values} wanted
 * @param {Values} got
 * @param {Values} [prior]
 */
function keptPriority(wanted, got, prior) {
  if (prior && prior.priority === wanted.priority) return { ...got, priority: undefined };
  if (typeof wanted.priority === 'number' && wanted.priority > 0 && wanted.priority !== got.priority) {
    const words = `provided priority was not valid, got: ${wanted.priority}, API responded with: ${got.priority}`;
    throw new PartialError(`${words}. See schema for attribute details`, got);
  }
  return got;
}

const policyAttrs = {
  id: attr(S, 'computed'),
  name: attr(S, 'required', { description: 'Policy Name' }),
  description: attr(S, 'optional'),
  status: attr(S, 'optional', { default: 'ACTIVE', oneOf: ACTIVE_INACTIVE }),
  // Okta puts a policy last when no priority is given, and renumbers: both are the API's to say.
  priority: attr(N, 'optional computed'),
  // Okta fills in Everyone when no group is given.
  groups_included: attr(setOf(S), 'optional computed'),
};
/** @type {Record<string, Field>} */
const policyFields = {
  name: 'name',
  description: 'description',
  status: 'status',
  priority: 'priority',
  groups_included: 'conditions.people.groups.include',
};

/**
 * A policy type: the common attributes plus `attributes`, mapped by `fields`.
 * @param {{ noun: string, type: string, attributes?: Record<string, Attr>, fields?: Record<string, Field>, prepare?: (v: Values) => Values }} spec
 * @returns {ResourceType}
 */
function policyResource({ noun, type, attributes = {}, fields = {}, prepare = (v) => v }) {
  const all = { ...policyFields, ...fields };
  const body = (/** @type {Values} */ v) => writeFields(prepare(v), all, { type });
  const values = (/** @type {unknown} */ p) => ({ id: dig(p, 'id'), ...readFields(p, all) });
  return {
    noun,
    schema: { attributes: { ...policyAttrs, ...attributes } },
    create: async (client, v) =>
      keptPriority(v, values(await client.call('POST', '/api/v1/policies', body(v)))),
    read: async (client, s) => {
      const policy = await client.find(`/api/v1/policies/${enc(s.id)}`);
      return policy ? values(policy) : null;
    },
    update: async (client, prior, v) => {
      const path = `/api/v1/policies/${enc(prior.id)}`;
      const updated = values(await client.call('PUT', path, body(v)));
      // Okta's PUT keeps the status: the provider (policyActivate) moves it through the lifecycle endpoints.
      const changed = await statusSet(client, path, dig(updated, 'status'), v.status);
      return keptPriority(v, changed ? values(await client.call('GET', path)) : updated, prior);
    },
    delete: async (client, prior) =>
      void (await client.ignoring404('DELETE', `/api/v1/policies/${enc(prior.id)}`)),
  };
}

/**
 * Activates or deactivates the policy or rule at `path` when its status is not the planned one.
 * @param {import('../mapping.mjs').OktaClient} client
 * @param {string} path
 * @param {unknown} current
 * @param {unknown} planned
 * @returns {Promise<boolean>} whether it called the lifecycle endpoint
 */
async function statusSet(client, path, current, planned) {
  if (planned == null || planned === current) return false;
  await client.call('POST', `${path}/lifecycle/${planned === 'ACTIVE' ? 'activate' : 'deactivate'}`);
  return true;
}

export const oktaPolicySignon = policyResource({ noun: 'sign-on policy', type: 'OKTA_SIGN_ON' });

/** An integer setting with its default (the SDK's Default). */
const int = (/** @type {number} */ d) => attr(N, 'optional', { default: d });
const bool = (/** @type {boolean} */ d) => attr(B, 'optional', { default: d });
const status = (/** @type {string} */ d) => attr(S, 'optional', { default: d, oneOf: ACTIVE_INACTIVE });
const P = 'settings.password';
const R = 'settings.recovery.factors';

/**
 * excludeAttributes holds firstName/lastName; each is one boolean attribute.
 * @param {string} name
 * @returns {Field}
 */
const excludes = (name) => ({
  path: `${P}.complexity.excludeAttributes`,
  // Not excluded reads as "what terraform had", so false and null in the configuration both stay stable.
  read: (list) => (/** @type {string[]} */ (list).includes(name) ? true : undefined),
});

export const oktaPolicyPassword = policyResource({
  noun: 'password policy',
  type: 'PASSWORD',
  prepare: withExcludes,
  attributes: {
    auth_provider: attr(S, 'optional', { default: 'OKTA', oneOf: ['OKTA', 'ACTIVE_DIRECTORY', 'LDAP'] }),
    password_min_length: int(8),
    password_min_lowercase: int(1),
    password_min_uppercase: int(1),
    password_min_number: int(1),
    password_min_symbol: int(0),
    password_exclude_username: bool(true),
    password_exclude_first_name: attr(B, 'optional'),
    password_exclude_last_name: attr(B, 'optional'),
    password_dictionary_lookup: bool(false),
    password_max_age_days: int(0),
    password_expire_warn_days: int(0),
    password_min_age_minutes: int(0),
    password_history_count: int(0),
    password_max_lockout_attempts: int(10),
    password_auto_unlock_minutes: int(0),
    password_show_lockout_failures: bool(false),
    question_min_length: int(4),
    recovery_email_token: int(60),
    sms_recovery: status('INACTIVE'),
    email_recovery: status('ACTIVE'),
    question_recovery: status('ACTIVE'),
    call_recovery: status('INACTIVE'),
    skip_unlock: bool(false),
  },
  fields: {
    auth_provider: 'conditions.authProvider.provider',
    password_min_length: `${P}.complexity.minLength`,
    password_min_lowercase: `${P}.complexity.minLowerCase`,
    password_min_uppercase: `${P}.complexity.minUpperCase`,
    password_min_number: `${P}.complexity.minNumber`,
    password_min_symbol: `${P}.complexity.minSymbol`,
    password_exclude_username: `${P}.complexity.excludeUsername`,
    password_exclude_first_name: excludes('firstName'),
    password_exclude_last_name: excludes('lastName'),
    password_dictionary_lookup: `${P}.complexity.dictionary.common.exclude`,
    password_max_age_days: `${P}.age.maxAgeDays`,
    password_expire_warn_days: `${P}.age.expireWarnDays`,
    password_min_age_minutes: `${P}.age.minAgeMinutes`,
    password_history_count: `${P}.age.historyCount`,
    password_max_lockout_attempts: `${P}.lockout.maxAttempts`,
    password_auto_unlock_minutes: `${P}.lockout.autoUnlockMinutes`,
    password_show_lockout_failures: `${P}.lockout.showLockoutFailures`,
    question_min_length: `${R}.recovery_question.properties.complexity.minLength`,
    recovery_email_token: `${R}.okta_email.properties.recoveryToken.tokenLifetimeMinutes`,
    sms_recovery: `${R}.okta_sms.status`,
    email_recovery: `${R}.okta_email.status`,
    question_recovery: `${R}.recovery_question.status`,
    call_recovery: `${R}.okta_call.status`,
    skip_unlock: 'settings.delegation.options.skipUnlock',
  },
});

/**
 * Both exclusions share one list in the API: it is written whole from the two attributes.
 * @param {Values} v
 */
function withExcludes(v) {
  const list = [v.password_exclude_first_name && 'firstName', v.password_exclude_last_name && 'lastName'];
  const present = list.filter(Boolean);
  return {
    ...v,
    password_exclude_first_name: present.length ? present : null,
    password_exclude_last_name: null,
  };
}

const S_ = 'actions.signon';
/** @type {Record<string, Field>} */
const ruleFields = {
  name: 'name',
  status: 'status',
  priority: 'priority',
  access: `${S_}.access`,
  mfa_required: `${S_}.requireFactor`,
  mfa_prompt: `${S_}.factorPromptMode`,
  mfa_lifetime: `${S_}.factorLifetime`,
  mfa_remember_device: `${S_}.rememberDeviceByDefault`,
  session_idle: `${S_}.session.maxSessionIdleMinutes`,
  session_lifetime: `${S_}.session.maxSessionLifetimeMinutes`,
  session_persistent: `${S_}.session.usePersistentCookie`,
  network_connection: 'conditions.network.connection',
  network_includes: 'conditions.network.include',
  network_excludes: 'conditions.network.exclude',
  users_excluded: 'conditions.people.users.exclude',
  authtype: 'conditions.authContext.authType',
};

/** @param {Values} s */
const rulePath = (s) => `/api/v1/policies/${enc(s.policy_id)}/rules/${enc(s.id)}`;
/** @param {Values} v */
const ruleBody = (v) => writeFields(v, ruleFields, { type: 'SIGN_ON' });
/** @param {unknown} rule @param {unknown} policyId */
const ruleValues = (rule, policyId) => ({
  id: dig(rule, 'id'),
  policy_id: policyId,
  ...readFields(rule, ruleFields),
});

/** @type {ResourceType} */
export const oktaPolicyRuleSignon = {
  noun: 'sign-on policy rule',
  schema: {
    attributes: {
      id: attr(S, 'computed'),
      policy_id: attr(S, 'optional forceNew', { description: 'Policy ID of the Rule' }),
      name: attr(S, 'required forceNew', { description: 'Policy Rule Name' }),
      status: attr(S, 'optional', { default: 'ACTIVE', oneOf: ACTIVE_INACTIVE }),
      priority: attr(N, 'optional computed'),
      access: attr(S, 'optional', { default: 'ALLOW', oneOf: ['ALLOW', 'DENY', 'CHALLENGE'] }),
      authtype: attr(S, 'optional', { default: 'ANY', oneOf: ['ANY', 'RADIUS', 'LDAP_INTERFACE'] }),
      mfa_required: bool(false),
      mfa_prompt: attr(S, 'optional', { oneOf: ['DEVICE', 'SESSION', 'ALWAYS'] }),
      mfa_lifetime: attr(N, 'optional'),
      mfa_remember_device: bool(false),
      session_idle: int(120),
      session_lifetime: int(120),
      session_persistent: bool(false),
      network_connection: attr(S, 'optional', {
        default: 'ANYWHERE',
        oneOf: ['ANYWHERE', 'ZONE', 'ON_NETWORK', 'OFF_NETWORK'],
      }),
      network_includes: attr(listOf(S), 'optional'),
      network_excludes: attr(listOf(S), 'optional'),
      users_excluded: attr(setOf(S), 'optional'),
    },
  },
  importState: (importId) => {
    const [policyId, ruleId] = splitId(importId, '{policyID}/{ruleID}');
    return { id: ruleId, policy_id: policyId };
  },
  check: (config) => (config.policy_id === null ? 'policy_id is required for a sign-on policy rule' : null),
  create: async (client, v) => {
    const rule = await client.call('POST', `/api/v1/policies/${enc(v.policy_id)}/rules`, ruleBody(v));
    return keptPriority(v, ruleValues(rule, v.policy_id));
  },
  read: async (client, s) => {
    const rule = await client.find(rulePath(s));
    return rule ? ruleValues(rule, s.policy_id) : null;
  },
  update: async (client, prior, v) => {
    const updated = ruleValues(await client.call('PUT', rulePath(prior), ruleBody(v)), v.policy_id);
    const changed = await statusSet(client, rulePath(prior), dig(updated, 'status'), v.status);
    const current = changed ? ruleValues(await client.call('GET', rulePath(prior)), v.policy_id) : updated;
    return keptPriority(v, current, prior);
  },
  delete: async (client, prior) => void (await client.ignoring404('DELETE', rulePath(prior))),
};
