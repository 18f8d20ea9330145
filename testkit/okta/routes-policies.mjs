// @ts-check
// Policies (sign-on and password, and other types stored as given) and their rules. Like Okta, priorities stay
// 1..n without gaps within a policy type (or within a policy, for rules): a policy placed at priority p pushes
// the ones from p on down by one, and removing one closes the gap.

import { blank, invalid } from './errors.mjs';
import { now, oktaId } from './ids.mjs';
import { byPriority, page } from './paging.mjs';
import {
  activating,
  asObject,
  copyOf,
  dig,
  isObject,
  need,
  noContent,
  ok,
  structuredCopy,
  withDefaults,
} from './router.mjs';

/** @typedef {import('./router.mjs').Route} Route */
/** @typedef {import('./router.mjs').Ctx} Ctx */
/** @typedef {import('./store.mjs').OrgState} OrgState */
/** @typedef {import('./store.mjs').Obj} Obj */
/** @typedef {import('./store.mjs').Ranked} Ranked */

const TYPES = [
  'OKTA_SIGN_ON',
  'PASSWORD',
  'MFA_ENROLL',
  'IDP_DISCOVERY',
  'ACCESS_POLICY',
  'PROFILE_ENROLLMENT',
  'POST_AUTH_SESSION',
];

/** @type {Record<string, { conditions: Obj, settings?: Obj }>} */
const POLICY_DEFAULTS = {
  OKTA_SIGN_ON: { conditions: { people: { groups: { include: [] } } } },
  PASSWORD: {
    conditions: { people: { groups: { include: [] } }, authProvider: { provider: 'OKTA' } },
    settings: {
      password: {
        complexity: {
          minLength: 8,
          minLowerCase: 1,
          minUpperCase: 1,
          minNumber: 1,
          minSymbol: 0,
          excludeUsername: true,
          excludeAttributes: [],
          dictionary: { common: { exclude: false } },
        },
        age: { maxAgeDays: 0, expireWarnDays: 0, minAgeMinutes: 0, historyCount: 0 },
        lockout: {
          maxAttempts: 10,
          autoUnlockMinutes: 0,
          showLockoutFailures: false,
          userLockoutNotificationChannels: [],
        },
      },
      delegation: { options: { skipUnlock: false } },
    },
  },
};

/** @type {Record<string, { conditions: Obj, actions: Obj }>} */
const RULE_DEFAULTS = {
  SIGN_ON: {
    conditions: {
      people: { users: { exclude: [] } },
      network: { connection: 'ANYWHERE' },
      authContext: { authType: 'ANY' },
    },
    actions: {
      signon: {
        access: 'ALLOW',
        requireFactor: false,
        primaryFactor: 'PASSWORD',
        rememberDeviceByDefault: false,
        session: { usePersistentCookie: false, maxSessionIdleMinutes: 120, maxSessionLifetimeMinutes: 0 },
      },
    },
  },
  PASSWORD: {
    conditions: { people: { users: { exclude: [] } }, network: { connection: 'ANYWHERE' } },
    actions: {
      passwordChange: { access: 'ALLOW' },
      selfServicePasswordReset: { access: 'ALLOW' },
      selfServiceUnlock: { access: 'DENY' },
    },
  },
};

/**
 * Puts `placed` at `asked` (1-based; the end when missing or too large) and renumbers the others 1..n.
 * @param {Ranked[]} others
 * @param {Ranked} placed
 * @param {unknown} asked
 */
function place(others, placed, asked) {
  const ordered = [...others].sort((a, b) => a.priority - b.priority);
  const at = typeof asked === 'number' && Number.isInteger(asked) && asked >= 1 ? asked : Infinity;
  ordered.splice(Math.min(at, ordered.length + 1) - 1, 0, placed);
  ordered.forEach((o, i) => (o.priority = i + 1));
}

/** @param {Ranked[]} items */
function renumber(items) {
  [...items].sort((a, b) => a.priority - b.priority).forEach((o, i) => (o.priority = i + 1));
}

/**
 * @param {unknown} body
 * @param {Obj} defaults
 */
function named(body, defaults) {
  const name = dig(body, 'name');
  if (typeof name !== 'string' || name.trim() === '') throw blank('name');
  const given = structuredCopy(copyOf(body));
  for (const key of ['id', 'status', 'created', 'lastUpdated', 'priority', 'system', '_links'])
    delete given[key];
  // Both objects, so the result is one too.
  return asObject(withDefaults(defaults, given));
}

/**
 * @param {OrgState} org
 * @param {unknown} type
 * @param {string} [except]
 */
const policiesOf = (org, type, except) =>
  Object.values(org.policies).filter((p) => p.type === type && p.id !== except);

/** @param {Ctx} ctx */
function createPolicy({ org, body, query }) {
  const type = dig(body, 'type');
  if (typeof type !== 'string' || !TYPES.includes(type)) {
    throw invalid('type', `type: Invalid policy type: ${type ?? ''}`);
  }
  const fields = named(body, POLICY_DEFAULTS[type] ?? {});
  const at = now();
  const status = activating(query) && dig(body, 'status') !== 'INACTIVE' ? 'ACTIVE' : 'INACTIVE';
  const policy = {
    id: oktaId('00p'),
    status,
    priority: 0,
    system: false,
    created: at,
    lastUpdated: at,
    ...fields,
  };
  // fields.type is the type checked above.
  place(policiesOf(org, type), policy, dig(body, 'priority'));
  org.policies[policy.id] = policy;
  org.policyRules[policy.id] = {};
  return ok(policy);
}

/** @param {Ctx} ctx */
function listPolicies(ctx) {
  const type = ctx.query.get('type') ?? '';
  if (!TYPES.includes(type)) throw invalid('type', `type: Invalid policy type: ${type}`);
  const status = ctx.query.get('status');
  const policies = policiesOf(ctx.org, type).filter((p) => !status || p.status === status);
  return page(policies, byPriority, ctx);
}

/** @param {Ctx} ctx */
function replacePolicy({ org, params, body }) {
  const policy = need(org.policies, params.id ?? '', 'Policy');
  const type = dig(body, 'type');
  if (type !== undefined && type !== policy.type) {
    throw invalid('type', 'type: The type of a policy cannot be changed.');
  }
  const fields = named({ ...copyOf(body), type: policy.type }, POLICY_DEFAULTS[String(policy.type)] ?? {});
  const kept = { id: policy.id, status: policy.status, priority: policy.priority, system: false };
  const replaced = { ...kept, created: policy.created, lastUpdated: now(), ...fields };
  place(policiesOf(org, policy.type, policy.id), replaced, dig(body, 'priority') ?? policy.priority);
  org.policies[policy.id] = replaced;
  return ok(replaced);
}

/** @param {Ctx} ctx */
function deletePolicy({ org, params }) {
  const policy = need(org.policies, params.id ?? '', 'Policy');
  delete org.policies[policy.id];
  delete org.policyRules[policy.id];
  renumber(policiesOf(org, policy.type));
  return noContent();
}

/**
 * @param {'ACTIVE' | 'INACTIVE'} status
 * @param {(ctx: Ctx) => Obj} find
 * @returns {(ctx: Ctx) => import('./paging.mjs').Reply}
 */
const lifecycle = (status, find) => (ctx) => {
  const object = find(ctx);
  if (object.status !== status) Object.assign(object, { status, lastUpdated: now() });
  return noContent();
};

/** @param {Ctx} ctx */
const findPolicy = (ctx) => need(ctx.org.policies, ctx.params.policyId ?? ctx.params.id ?? '', 'Policy');

/** @param {Ctx} ctx */
function rulesOf(ctx) {
  const policy = findPolicy(ctx);
  return { policy, rules: (ctx.org.policyRules[policy.id] ??= {}) };
}

/** @param {Ctx} ctx */
const findRule = (ctx) => need(rulesOf(ctx).rules, ctx.params.id ?? '', 'PolicyRule');

/**
 * @param {Ctx} ctx
 * @param {Obj} policy
 */
function ruleFields({ org, body }, policy) {
  const expected = { OKTA_SIGN_ON: 'SIGN_ON', PASSWORD: 'PASSWORD' }[/** @type {string} */ (policy.type)];
  const type = dig(body, 'type') ?? expected;
  if (typeof type !== 'string') throw blank('type');
  if (expected && type !== expected) {
    throw invalid('type', `type: A ${policy.type} policy only takes ${expected} rules.`);
  }
  const fields = named({ ...copyOf(body), type }, RULE_DEFAULTS[type] ?? {});
  const sent = dig(fields, 'conditions', 'network');
  const network = isObject(sent) ? sent : null;
  if (network) {
    // Lists of zone ids as sent; spread as they are.
    const zones = [
      .../** @type {Iterable<unknown>} */ (network.include ?? []),
      .../** @type {Iterable<unknown>} */ (network.exclude ?? []),
    ];
    if (network.connection === 'ZONE' && zones.length === 0) {
      throw invalid(
        'conditions.network',
        'conditions.network: A ZONE connection needs zones to include or exclude.',
      );
    }
    const unknown = zones.find((id) => !org.zones[String(id)]);
    if (unknown)
      throw invalid('conditions.network', `conditions.network: Invalid network zone id: ${unknown}`);
  }
  return fields;
}

/** @param {Ctx} ctx */
function createRule(ctx) {
  const { policy, rules } = rulesOf(ctx);
  const fields = ruleFields(ctx, policy);
  const at = now();
  const status = activating(ctx.query) && dig(ctx.body, 'status') !== 'INACTIVE' ? 'ACTIVE' : 'INACTIVE';
  const rule = {
    id: oktaId('0pr'),
    status,
    priority: 0,
    system: false,
    created: at,
    lastUpdated: at,
    ...fields,
  };
  place(Object.values(rules), rule, dig(ctx.body, 'priority'));
  rules[rule.id] = rule;
  return ok(rule);
}

/** @param {Ctx} ctx */
function replaceRule(ctx) {
  const { policy, rules } = rulesOf(ctx);
  const rule = need(rules, ctx.params.id ?? '', 'PolicyRule');
  const fields = ruleFields(ctx, policy);
  const kept = {
    id: rule.id,
    status: rule.status,
    priority: rule.priority,
    system: false,
    created: rule.created,
  };
  const replaced = { ...kept, lastUpdated: now(), ...fields };
  place(
    Object.values(rules).filter((r) => r.id !== rule.id),
    replaced,
    dig(ctx.body, 'priority') ?? rule.priority,
  );
  rules[rule.id] = replaced;
  return ok(replaced);
}

/** @param {Ctx} ctx */
function deleteRule(ctx) {
  const { rules } = rulesOf(ctx);
  const rule = need(rules, ctx.params.id ?? '', 'PolicyRule');
  delete rules[rule.id];
  renumber(Object.values(rules));
  return noContent();
}

/** @type {Route[]} */
export const policyRoutes = [
  ['POST', '/api/v1/policies', createPolicy],
  ['GET', '/api/v1/policies', listPolicies],
  ['GET', '/api/v1/policies/{id}', (c) => ok(findPolicy(c))],
  ['PUT', '/api/v1/policies/{id}', replacePolicy],
  ['DELETE', '/api/v1/policies/{id}', deletePolicy],
  ['POST', '/api/v1/policies/{id}/lifecycle/activate', lifecycle('ACTIVE', findPolicy)],
  ['POST', '/api/v1/policies/{id}/lifecycle/deactivate', lifecycle('INACTIVE', findPolicy)],
  ['POST', '/api/v1/policies/{policyId}/rules', createRule],
  ['GET', '/api/v1/policies/{policyId}/rules', (c) => page(Object.values(rulesOf(c).rules), byPriority, c)],
  ['GET', '/api/v1/policies/{policyId}/rules/{id}', (c) => ok(findRule(c))],
  ['PUT', '/api/v1/policies/{policyId}/rules/{id}', replaceRule],
  ['DELETE', '/api/v1/policies/{policyId}/rules/{id}', deleteRule],
  ['POST', '/api/v1/policies/{policyId}/rules/{id}/lifecycle/activate', lifecycle('ACTIVE', findRule)],
  ['POST', '/api/v1/policies/{policyId}/rules/{id}/lifecycle/deactivate', lifecycle('INACTIVE', findRule)],
];
