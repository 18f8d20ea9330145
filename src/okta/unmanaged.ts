// Objects made outside Terraform: for each kind of object the configuration manages (an okta_* type in state),
// the org's objects of that kind that are not in state. Okta's own objects are never unmanaged: groups other than
// OKTA_GROUP (Everyone is BUILT_IN; APP_GROUP comes from a directory or an app), Okta's own apps, system policies,
// rules and zones. A rule made by hand inside a managed policy changes what the managed rules mean (Okta decides by
// the first rule that matches), so those come first, with their priority among the managed ones.

import type { OktaClient } from './client.js';
import { KINDS, POLICY_TYPES, RULE_TYPE_OF, RULE_TYPES, type OktaObject } from './kinds.js';

export { POLICY_TYPES, RULE_TYPES, SCANNED_TYPES } from './kinds.js';

/** An object in Terraform's state: its type, Okta ID, and the policy of a rule or the server of a policy. */
export interface ManagedObject {
  readonly type: string;
  readonly id: string;
  readonly policyId?: string;
  /** An authorization server policy's server (auth_server_id). */
  readonly serverId?: string;
}

export interface UnmanagedObject {
  /** The okta/okta type that would manage it. */
  readonly type: string;
  readonly id: string;
  readonly name: string;
  /** What `terraform import` takes when it is not the ID: <policy_id>/<rule_id>, <auth_server_id>/<policy_id>. */
  readonly importId?: string;
  /** For a rule in a managed policy: the policy, its priority and the managed rules' priorities. */
  readonly inPolicy?: { readonly id: string; readonly priority: number; readonly managed: readonly number[] };
}

const SERVER_POLICY = 'okta_auth_server_policy';

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
        importId: `${policyId}/${rule.id}`,
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
 * The authorization servers whose policies are looked at: those Terraform manages (or manages policies of), or
 * for onboarding every one, Okta's "default" too.
 */
async function authorizationServers(
  client: OktaClient,
  managed: readonly ManagedObject[],
  only: ReadonlySet<string> | undefined,
): Promise<string[]> {
  if (only) {
    if (!only.has(SERVER_POLICY)) return [];
    const servers = await all(client, '/api/v1/authorizationServers?limit=200');
    return servers.map((s) => s.id).filter((id): id is string => typeof id === 'string');
  }
  const servers = new Set<string>();
  for (const object of managed) {
    if (object.type === 'okta_auth_server' || object.type === 'okta_auth_server_default')
      servers.add(object.id);
    if (object.serverId) servers.add(object.serverId);
  }
  return [...servers];
}

/** The policies of these authorization servers that the state does not hold. */
async function serverPoliciesOf(
  client: OktaClient,
  servers: readonly string[],
  ids: ReadonlySet<string>,
): Promise<UnmanagedObject[]> {
  const found: UnmanagedObject[] = [];
  for (const server of servers) {
    for (const policy of await all(client, `/api/v1/authorizationServers/${server}/policies`)) {
      if (typeof policy.id !== 'string' || ids.has(policy.id) || policy.system === true) continue;
      const name = textOr(policy.name, policy.id);
      found.push({ type: SERVER_POLICY, id: policy.id, name, importId: `${server}/${policy.id}` });
    }
  }
  return found;
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
  rest.push(...(await serverPoliciesOf(client, await authorizationServers(client, managed, only), ids)));
  rest.sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
  const policies = only ? await policiesWithRulesOf(client, only) : managedPolicies(managed);
  const rules = await rulesOf(client, policies, ids);
  return [...rules, ...rest.filter((o) => !only || only.has(o.type))];
}
