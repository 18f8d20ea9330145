// Objects made outside Terraform: for each kind of object the configuration manages (an okta_* type in state),
// the org's objects of that kind that are not in state. Okta's own objects are never unmanaged: groups other than
// OKTA_GROUP (Everyone is BUILT_IN; APP_GROUP comes from a directory or an app), Okta's own apps, system policies,
// rules and zones. A rule made by hand inside a managed policy changes what the managed rules mean (Okta decides by
// the first rule that matches), so those come first, with their priority among the managed ones.

import type { OktaClient } from './client.js';

/** An object in Terraform's state: its type, Okta ID and, for a policy rule, its policy. */
export interface ManagedObject {
  readonly type: string;
  readonly id: string;
  readonly policyId?: string;
}

export interface UnmanagedObject {
  /** The okta/okta type that would manage it. */
  readonly type: string;
  readonly id: string;
  readonly name: string;
  /** For a rule in a managed policy: the policy, its priority and the managed rules' priorities. */
  readonly inPolicy?: { readonly id: string; readonly priority: number; readonly managed: readonly number[] };
}

interface OktaObject {
  readonly id?: unknown;
  readonly name?: unknown;
  readonly label?: unknown;
  readonly type?: unknown;
  readonly system?: unknown;
  readonly signOnMode?: unknown;
  readonly priority?: unknown;
  readonly profile?: { readonly name?: unknown };
}

interface Kind {
  /** Managed types that make this kind one the configuration manages. */
  readonly managedBy: (type: string) => boolean;
  readonly list: string;
  /** The type an unmanaged object would have, or undefined for Okta's own objects. */
  readonly typeOf: (o: OktaObject) => string | undefined;
  readonly nameOf: (o: OktaObject) => unknown;
}

/** Okta's own apps (the Admin Console, the Dashboard, the browser plugin, Workflows...): in every org. */
const OKTA_APPS = new Set(['saasure', 'okta_enduser', 'okta_browser_plugin', 'okta_flow_sso', 'flow']);

/** signOnMode → the okta/okta type of an app (resource_okta_app_*.go). */
const APP_TYPES: Readonly<Record<string, string>> = {
  OPENID_CONNECT: 'okta_app_oauth',
  SAML_2_0: 'okta_app_saml',
  SAML_1_1: 'okta_app_saml',
  BOOKMARK: 'okta_app_bookmark',
  BASIC_AUTH: 'okta_app_basic_auth',
  AUTO_LOGIN: 'okta_app_auto_login',
  BROWSER_PLUGIN: 'okta_app_swa',
  SECURE_PASSWORD_STORE: 'okta_app_secure_password_store',
  WS_FEDERATION: 'okta_app_ws_federation',
};
const APP_RESOURCES = new Set(Object.values(APP_TYPES));

/** okta/okta's policy types and the Okta policy type each manages. */
export const POLICY_TYPES: Readonly<Record<string, string>> = {
  okta_policy_signon: 'OKTA_SIGN_ON',
  okta_policy_password: 'PASSWORD',
  okta_policy_mfa: 'MFA_ENROLL',
  okta_app_signon_policy: 'ACCESS_POLICY',
  okta_policy_profile_enrollment: 'PROFILE_ENROLLMENT',
};

/** Policy rule types (one rule each) and okta_app_signon_policy_rules (several, under `rule`). */
export const RULE_TYPES = new Set([
  'okta_policy_rule_signon',
  'okta_policy_rule_password',
  'okta_policy_rule_mfa',
  'okta_app_signon_policy_rule',
  'okta_app_signon_policy_rules',
  'okta_policy_rule_profile_enrollment',
]);

const only = (type: string) => (t: string) => t === type;
const unlessSystem = (type: string) => (o: OktaObject) => (o.system === true ? undefined : type);

const KINDS: readonly Kind[] = [
  {
    managedBy: (t) => t === 'okta_group' || t === 'okta_group_memberships',
    list: '/api/v1/groups?limit=200',
    typeOf: (o) => (o.type === 'OKTA_GROUP' ? 'okta_group' : undefined),
    nameOf: (o) => o.profile?.name,
  },
  {
    managedBy: only('okta_group_rule'),
    list: '/api/v1/groups/rules?limit=200',
    typeOf: () => 'okta_group_rule',
    nameOf: (o) => o.name,
  },
  {
    managedBy: (t) => APP_RESOURCES.has(t),
    list: '/api/v1/apps?limit=200',
    typeOf: (o) =>
      OKTA_APPS.has(String(o.name)) ? undefined : (APP_TYPES[String(o.signOnMode)] ?? 'okta_app_*'),
    nameOf: (o) => o.label,
  },
  ...Object.entries(POLICY_TYPES).map(([type, oktaType]) => ({
    managedBy: only(type),
    list: `/api/v1/policies?type=${oktaType}`,
    typeOf: unlessSystem(type),
    nameOf: (o: OktaObject) => o.name,
  })),
  {
    managedBy: only('okta_network_zone'),
    list: '/api/v1/zones?limit=200',
    typeOf: unlessSystem('okta_network_zone'),
    nameOf: (o) => o.name,
  },
];

/** The rule type for a policy's rules, from the policy's Okta type. */
const RULE_TYPE_OF: Readonly<Record<string, string>> = {
  OKTA_SIGN_ON: 'okta_policy_rule_signon',
  PASSWORD: 'okta_policy_rule_password',
  MFA_ENROLL: 'okta_policy_rule_mfa',
  ACCESS_POLICY: 'okta_app_signon_policy_rule',
  PROFILE_ENROLLMENT: 'okta_policy_rule_profile_enrollment',
};

/** The types onboarding can look for (each one's own kind lists them): a rule's import ID names its policy. */
export const SCANNED_TYPES: readonly string[] = [
  'okta_group',
  'okta_group_rule',
  ...[...APP_RESOURCES].sort(),
  ...Object.keys(POLICY_TYPES),
  'okta_network_zone',
  ...Object.values(RULE_TYPE_OF),
];

/** An object's name, or its ID when it has none (a name is never an object). */
const textOr = (name: unknown, id: string): string => (typeof name === 'string' && name ? name : id);

async function all(client: OktaClient, path: string): Promise<OktaObject[]> {
  const items: OktaObject[] = [];
  for await (const item of client.list<OktaObject>(path)) items.push(item);
  return items;
}

/** The rules of these policies that are neither in state nor Okta's own; by priority. */
async function rulesOf(
  client: OktaClient,
  policies: Iterable<string>,
  ids: ReadonlySet<string>,
): Promise<UnmanagedObject[]> {
  const found: UnmanagedObject[] = [];
  for (const policyId of policies) {
    const policy = await client.get<OktaObject>(`/api/v1/policies/${policyId}`);
    const rules = await all(client, `/api/v1/policies/${policyId}/rules`);
    const priorities = rules.filter((r) => ids.has(String(r.id))).map((r) => Number(r.priority));
    const type = RULE_TYPE_OF[String(policy.body.type)] ?? 'okta_policy_rule_*';
    for (const rule of rules) {
      if (ids.has(String(rule.id)) || rule.system === true || typeof rule.id !== 'string') continue;
      found.push({
        type,
        id: rule.id,
        name: textOr(rule.name, rule.id),
        inPolicy: {
          id: policyId,
          priority: Number(rule.priority),
          managed: priorities.sort((a, b) => a - b),
        },
      });
    }
  }
  return found.sort((a, b) => (a.inPolicy?.priority ?? 0) - (b.inPolicy?.priority ?? 0));
}

/** The policies Terraform manages, or manages rules of: a rule made by hand there changes what they mean. */
function managedPolicies(managed: readonly ManagedObject[]): Set<string> {
  const policies = new Set<string>();
  for (const object of managed) {
    if (RULE_TYPES.has(object.type) && object.policyId) policies.add(object.policyId);
    if (POLICY_TYPES[object.type]) policies.add(object.id);
  }
  return policies;
}

/** For onboarding: every policy (Okta's default ones too) whose rules are of a chosen type. */
async function policiesWithRulesOf(client: OktaClient, only: ReadonlySet<string>): Promise<string[]> {
  const policies: string[] = [];
  for (const [oktaType, ruleType] of Object.entries(RULE_TYPE_OF)) {
    if (!only.has(ruleType)) continue;
    for (const policy of await all(client, `/api/v1/policies?type=${oktaType}`)) {
      if (typeof policy.id === 'string') policies.push(policy.id);
    }
  }
  return policies;
}

/**
 * The org's objects of every kind `managed` holds that are not in it: hand-made rules inside managed policies
 * first, then the rest by type and name.
 */
export async function findUnmanaged(
  client: OktaClient,
  managed: readonly ManagedObject[],
  /** The types to look for, whether the state holds any (onboarding); by default the state's. */
  only?: ReadonlySet<string>,
): Promise<UnmanagedObject[]> {
  const ids = new Set(managed.map((m) => m.id));
  const types = only ?? new Set(managed.map((m) => m.type));
  const rest: UnmanagedObject[] = [];
  for (const kind of KINDS) {
    if (![...types].some(kind.managedBy)) continue;
    for (const object of await all(client, kind.list)) {
      const type = kind.typeOf(object);
      if (!type || typeof object.id !== 'string' || ids.has(object.id)) continue;
      rest.push({ type, id: object.id, name: textOr(kind.nameOf(object), object.id) });
    }
  }
  rest.sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
  const policies = only ? await policiesWithRulesOf(client, only) : managedPolicies(managed);
  const rules = await rulesOf(client, policies, ids);
  return [...rules, ...rest.filter((o) => !only || only.has(o.type))];
}
