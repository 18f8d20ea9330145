// The Okta objects Terraform manages, read from a state (`terraform show -json`) or a plan's prior state
// (`terraform show -json PLANFILE`), as the plan reader reads prior state: streamed, each resource's values
// skipped past the few attributes needed. Data sources are read, not managed, and are left out.

import { ActionError } from '../errors.js';
import { stateModuleRule } from '../plan/document-reader.js';
import type { PriorResourceEvent } from '../plan/indexed-resources.js';
import { JsonSyntaxError } from '../plan/json-scan.js';
import { capture, JsonWalker, objectOf, SKIP } from '../plan/json-walk.js';
import type { ProviderBlock } from '../configuration/module.js';
import { openPlan } from '../plan/plan-file.js';
import type { Environment } from '../runtime.js';
import { OktaClient, oktaConnection } from './client.js';
import { findUnmanaged, RULE_TYPES, type ManagedObject, type UnmanagedObject } from './unmanaged.js';

const RULE_ATTRIBUTES = ['id', 'policy_id'] as const;
const RULES_ATTRIBUTES = ['id', 'policy_id', 'rule'] as const;
const ID_ONLY = ['id'] as const;
const SERVER_POLICY_ATTRIBUTES = ['id', 'auth_server_id'] as const;

function objectsOf(resource: PriorResourceEvent): ManagedObject[] {
  const { type } = resource;
  const id = resource.value('id');
  if (typeof id !== 'string') return [];
  if (type === 'okta_auth_server_policy') {
    const server = resource.value('auth_server_id');
    return [{ type, id, ...(typeof server === 'string' ? { serverId: server } : {}) }];
  }
  if (!RULE_TYPES.has(type)) return [{ type, id }];
  const policy = resource.value('policy_id');
  const policyId = typeof policy === 'string' ? policy : undefined;
  const of = (ruleId: string): ManagedObject => ({ type, id: ruleId, ...(policyId ? { policyId } : {}) });
  if (type !== 'okta_app_signon_policy_rules') return [of(id)];
  // One resource, many rules: each with its own Okta ID.
  const rules = resource.value('rule');
  return (Array.isArray(rules) ? rules : [])
    .map((rule: unknown) => (rule as { id?: unknown } | null)?.id)
    .filter((ruleId): ruleId is string => typeof ruleId === 'string')
    .map(of);
}

/** Every okta_* object in the state (or the plan's prior state), with its Okta ID. */
export async function readManaged(chunks: AsyncIterable<Buffer>): Promise<ManagedObject[]> {
  const managed: ManagedObject[] = [];
  let recognized = false;
  const module = stateModuleRule({
    priorAttributes: new Set(['policy_id', 'rule', 'auth_server_id']),
    priorAttributesFor: (type) =>
      type === 'okta_app_signon_policy_rules'
        ? RULES_ATTRIBUTES
        : RULE_TYPES.has(type)
          ? RULE_ATTRIBUTES
          : type === 'okta_auth_server_policy'
            ? SERVER_POLICY_ATTRIBUTES
            : ID_ONLY,
    wantsPrior: () => true,
    priorResource: (resource) => {
      if (!resource.type.startsWith('okta_') || /(^|\.)data\./.test(resource.address)) return;
      managed.push(...objectsOf(resource));
    },
  });
  const seen = capture(() => {
    recognized = true;
  });
  const walker = new JsonWalker({
    kind: 'object',
    member: (key) =>
      key === 'format_version'
        ? seen
        : key === 'values'
          ? objectOf({ root_module: module })
          : key === 'prior_state'
            ? objectOf({ values: objectOf({ root_module: module }) })
            : SKIP,
  });
  try {
    for await (const chunk of chunks) walker.write(chunk);
    walker.end();
  } catch (e) {
    if (e instanceof JsonSyntaxError || e instanceof SyntaxError) {
      throw new ActionError('invalid-input', `the state is not valid JSON: ${e.message}`);
    }
    throw e;
  }
  if (!recognized) {
    throw new ActionError(
      'invalid-input',
      'the input is not a Terraform state or plan (it has no format_version): pass `terraform show -json` (a state) or `terraform show -json PLANFILE`',
    );
  }
  return managed;
}

/**
 * The objects made outside Terraform, of the kinds `file` (a state or plan JSON) manages, asked of the org okta/okta
 * would use for `providers` (then OKTA_*); undefined when there are no such credentials here.
 */
export async function unmanagedInOrg(
  file: string,
  providers: readonly ProviderBlock[],
  env: Environment,
): Promise<{ readonly objects: UnmanagedObject[]; readonly orgUrl: string } | undefined> {
  const connection = oktaConnection(providers, env);
  if (!connection) return undefined;
  const managed = await readManaged(await openPlan(file));
  return { objects: await findUnmanaged(new OktaClient(connection), managed), orgUrl: connection.orgUrl };
}
