// Who gets power over the org (security-checks.md rows 3, 4 and 8): admin roles granted, custom roles that manage,
// identity providers that can sign people in or create them, API scopes that manage the org, API tokens.

import type { Rule, RuleHit } from '../engine.js';
import { gained, list, text } from './values.js';

/** Roles that administer people, apps or the whole org (Okta's standard admin roles; custom roles can be anything). */
export const POWERFUL_ROLES: ReadonlySet<string> = new Set([
  'SUPER_ADMIN',
  'ORG_ADMIN',
  'APP_ADMIN',
  'USER_ADMIN',
  'CUSTOM',
]);
const MANAGE_SCOPE = /^okta\.[a-zA-Z*]+\.manage$/;

const roleSeverity = (roles: readonly string[]): RuleHit['severity'] =>
  roles.some((r) => POWERFUL_ROLES.has(r)) ? 'critical' : 'high';

const adminGranted: Rule = {
  id: 'admin-granted',
  types: [
    'okta_user_admin_roles',
    'okta_group_role',
    'okta_app_oauth_role_assignment',
    'okta_admin_role_custom',
    'okta_admin_role_custom_assignments',
  ],
  check({ type, before, after, allow }) {
    if (!after) return null;
    switch (type) {
      case 'okta_user_admin_roles': {
        const roles = gained(before, after, 'admin_roles');
        return roles.length
          ? {
              severity: roleSeverity(roles),
              message: `A user becomes ${roles.join(', ')}.`,
              attributes: ['admin_roles'],
            }
          : null;
      }
      case 'okta_group_role':
      case 'okta_app_oauth_role_assignment': {
        const role = text(after, type === 'okta_group_role' ? 'role_type' : 'type') ?? 'an admin role';
        const was = text(before, type === 'okta_group_role' ? 'role_type' : 'type');
        if (was === role) return null;
        if (type === 'okta_group_role' && allow.adminRolesForGroups.includes(role)) return null;
        const who = type === 'okta_group_role' ? 'Every member of the group' : 'An OAuth service app';
        return {
          severity: roleSeverity([role]),
          message: `${who} becomes ${role}${was ? ` (was ${was})` : ''}.`,
          attributes: type === 'okta_group_role' ? ['role_type', 'group_id'] : ['type', 'client_id'],
        };
      }
      case 'okta_admin_role_custom': {
        const manage = gained(before, after, 'permissions').filter((p) => /\.manage$/.test(p));
        return manage.length
          ? {
              severity: 'critical',
              message: `A custom admin role gains ${list(manage)}.`,
              attributes: ['permissions'],
            }
          : null;
      }
      default: {
        const members = gained(before, after, 'members');
        return members.length
          ? {
              severity: 'high',
              message: `${members.length} ${members.length === 1 ? 'member gets' : 'members get'} a custom admin role.`,
              attributes: ['members', 'custom_role_id'],
            }
          : null;
      }
    }
  },
};

const IDPS = ['okta_idp_saml', 'okta_idp_oidc', 'okta_idp_social'];

const identityProvider: Rule = {
  id: 'idp-changed',
  types: [...IDPS, 'okta_policy_rule_idp_discovery'],
  check({ type, action, before, after }) {
    if (!after || (action !== 'create' && action !== 'update' && action !== 'replace')) return null;
    if (type === 'okta_policy_rule_idp_discovery') {
      return {
        severity: 'critical',
        message: `Identity provider routing ${before ? 'changes' : 'added'}: which provider signs people in is decided here.`,
        attributes: ['idp_providers', 'user_identifier_patterns', 'priority', 'status'],
      };
    }
    const said = [
      `${before ? 'An identity provider changes' : 'A new identity provider'}: it can sign people in to the org`,
    ];
    if (text(after, 'account_link_action') === 'AUTO') said.push('links to existing users automatically');
    if (text(after, 'provisioning_action') === 'AUTO') said.push('creates users it does not know (JIT)');
    if (['ASSIGN', 'APPEND', 'SYNC'].includes(text(after, 'groups_action') ?? ''))
      said.push(`puts them in groups (${text(after, 'groups_action')})`);
    return {
      severity: 'critical',
      message: `${said.join(', ')}.`,
      attributes: [
        'account_link_action',
        'provisioning_action',
        'groups_action',
        'issuer',
        'issuer_url',
        'status',
      ],
    };
  },
};

const broadApiScope: Rule = {
  id: 'broad-api-scope',
  types: ['okta_app_oauth_api_scope', 'okta_api_token'],
  check({ type, action, before, after }) {
    if (type === 'okta_api_token')
      return action === 'create' || action === 'replace'
        ? {
            severity: 'high',
            message: "A new API token: it acts with its creator's admin rights until revoked.",
            attributes: ['name', 'user_id'],
          }
        : null;
    const manage = gained(before, after, 'scopes').filter((s) => MANAGE_SCOPE.test(s));
    return manage.length
      ? {
          severity: 'high',
          message: `An app can change the org through the API: ${list(manage)}.`,
          attributes: ['scopes', 'app_id'],
        }
      : null;
  },
};

export const PRIVILEGE_RULES: readonly Rule[] = [adminGranted, identityProvider, broadApiScope];
