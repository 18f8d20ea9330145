// @ts-check
// The resource and data source types this provider serves, by terraform type name.

import { oktaAppGroupAssignments, oktaAppOauth, oktaAppSaml } from './apps.mjs';
import { oktaGroup, oktaGroupData, oktaGroupMemberships, oktaGroupRule } from './groups.mjs';
import { oktaPolicyPassword, oktaPolicyRuleSignon, oktaPolicySignon } from './policies.mjs';
import { oktaUser } from './users.mjs';
import { oktaNetworkZone } from './zones.mjs';

/** @type {Record<string, import('../mapping.mjs').ResourceType>} */
export const resources = {
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

/** @type {Record<string, import('../mapping.mjs').DataSourceType>} */
export const dataSources = {
  okta_group: oktaGroupData,
};
