// @ts-check
// The resource and data source types this provider serves, by terraform type name: every type of okta/okta
// v6.12.0's schema. Types with Okta endpoints in the emulator have a hand-written table that calls them (and
// takes any attribute of the real schema it does not model, keeping it as planned); the rest are generic.

import { oktaAppGroupAssignments, oktaAppOauth, oktaAppSaml } from './apps.mjs';
import {
  blockFromJson,
  genericDataSource,
  genericResource,
  referenceDataSources,
  referenceResources,
} from './generic.mjs';
import { oktaGroup, oktaGroupData, oktaGroupMemberships, oktaGroupRule } from './groups.mjs';
import { oktaPolicyPassword, oktaPolicyRuleSignon, oktaPolicySignon } from './policies.mjs';
import { oktaUser } from './users.mjs';
import { oktaNetworkZone } from './zones.mjs';

/** @typedef {import('../mapping.mjs').ResourceType} ResourceType */
/** @typedef {import('../mapping.mjs').DataSourceType} DataSourceType */
/** @typedef {import('../schema.mjs').Block} Block */

/** @type {Record<string, ResourceType>} */
const handWritten = {
  okta_group: oktaGroup,
  okta_group_rule: oktaGroupRule,
  okta_group_memberships: oktaGroupMemberships,
  okta_user: oktaUser,
  okta_app_oauth: oktaAppOauth,
  okta_app_saml: oktaAppSaml,
  okta_app_group_assignments: oktaAppGroupAssignments,
  okta_policy_signon: oktaPolicySignon,
  okta_policy_password: oktaPolicyPassword,
  okta_policy_rule_signon: oktaPolicyRuleSignon,
  okta_network_zone: oktaNetworkZone,
};

/** @type {Record<string, DataSourceType>} */
const handWrittenData = { okta_group: oktaGroupData };

/**
 * The hand-written block, completed with what the real schema has beyond it.
 * @param {Block} hand
 * @param {Block} real
 * @returns {Block}
 */
function completed(hand, real) {
  return {
    ...hand,
    attributes: { ...real.attributes, ...hand.attributes },
    blocks: { ...real.blocks, ...hand.blocks },
  };
}

/**
 * @template {{ schema: Block }} T
 * @param {Record<string, T>} hand
 * @param {Record<string, import('./generic.mjs').JsonSchema>} real
 * @param {(type: string, json: import('./generic.mjs').JsonSchema) => T} generic
 * @returns {Record<string, T>}
 */
function everyType(hand, real, generic) {
  /** @type {Record<string, T>} */
  const out = {};
  for (const [type, json] of Object.entries(real)) {
    const written = hand[type];
    out[type] = written
      ? { ...written, schema: completed(written.schema, blockFromJson(json.block)) }
      : generic(type, json);
  }
  // A hand-written type the reference lacks (none today) is still served.
  for (const [type, written] of Object.entries(hand)) out[type] ??= written;
  return out;
}

export const resources = everyType(handWritten, referenceResources, genericResource);
export const dataSources = everyType(handWrittenData, referenceDataSources, genericDataSource);
