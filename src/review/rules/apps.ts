// App rules (security-checks.md rows 7, 12, 13 and 15): OAuth clients made easier to abuse, replaces that break
// integrations or lose data, deletions with side effects, access taken from a whole group.

import type { Plain, Rule, RuleHit } from '../engine.js';
import { hostAllowed } from '../policy.js';
import { flag, gained, list, lost, strings, text } from './values.js';

const worse = (a: RuleHit['severity'], b: RuleHit['severity']): RuleHit['severity'] =>
  a === 'high' || b === 'high' ? 'high' : 'medium';

/** A redirect URI on a host the repository allows. */
function allowedRedirect(uri: string, hosts: readonly string[]): boolean {
  try {
    return hostAllowed(new URL(uri).host, hosts);
  } catch {
    return false;
  }
}

const oauthClient: Rule = {
  id: 'oauth-client-risk',
  types: ['okta_app_oauth'],
  check({ before, after, allow }) {
    if (!after) return null;
    const said: string[] = [];
    const attributes = new Set<string>();
    let severity: RuleHit['severity'] = 'medium';
    const add = (s: RuleHit['severity'], text: string, attribute: string): void => {
      said.push(text);
      attributes.add(attribute);
      severity = worse(severity, s);
    };
    if (gained(before, after, 'grant_types').includes('implicit'))
      add('high', 'the implicit grant (tokens in the browser URL)', 'grant_types');
    const tokens = gained(before, after, 'response_types').filter((r) => r === 'token' || r === 'id_token');
    if (tokens.length)
      add('high', `tokens returned from the authorize endpoint (${list(tokens)})`, 'response_types');
    const type = text(after, 'type');
    if (
      (type === 'browser' || type === 'native') &&
      flag(after, 'pkce_required') === false &&
      flag(before, 'pkce_required') !== false
    )
      add('high', `no PKCE for a ${type} app`, 'pkce_required');
    if (
      (type === 'web' || type === 'service') &&
      text(after, 'token_endpoint_auth_method') === 'none' &&
      text(before, 'token_endpoint_auth_method') !== 'none'
    )
      add(
        'high',
        `no client authentication for a ${type} app (token_endpoint_auth_method none)`,
        'token_endpoint_auth_method',
      );
    const wildcard = text(after, 'wildcard_redirect');
    if (wildcard && wildcard !== 'DISABLED' && wildcard !== text(before, 'wildcard_redirect'))
      add('medium', `wildcard redirect URIs (${wildcard})`, 'wildcard_redirect');
    for (const uri of gained(before, after, 'redirect_uris').filter(
      (u) => !allowedRedirect(u, allow.redirectHosts),
    )) {
      const local = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])([:/]|$)/i.test(uri);
      if (local) add('medium', `a localhost redirect URI (${uri})`, 'redirect_uris');
      else if (/^http:\/\//i.test(uri)) add('high', `a redirect URI without TLS (${uri})`, 'redirect_uris');
    }
    if (text(after, 'consent_method') === 'TRUSTED') {
      // Third party: the repository lists its own redirect hosts, and the app sends users elsewhere.
      const thirdParty = (object: Plain | null): boolean =>
        allow.redirectHosts.length > 0 &&
        strings(object, 'redirect_uris').some((u) => !allowedRedirect(u, allow.redirectHosts));
      if (text(before, 'consent_method') === 'REQUIRED')
        add(
          'medium',
          'tokens with scopes users were not asked to consent to (consent_method REQUIRED → TRUSTED)',
          'consent_method',
        );
      else if (thirdParty(after) && !(thirdParty(before) && text(before, 'consent_method') === 'TRUSTED'))
        add(
          'medium',
          'tokens with scopes users were not asked to consent to, for a third-party app (redirect URIs outside redirect-hosts; consent_method TRUSTED)',
          'consent_method',
        );
    }
    if (said.length === 0) return null;
    return { severity, message: `The OAuth client allows ${said.join('; ')}.`, attributes: [...attributes] };
  },
};

/** Replace-forcing attributes whose replace loses data or breaks every integration, and what it means. */
const DESTRUCTIVE: Readonly<Record<string, { severity: RuleHit['severity']; means: string }>> = {
  okta_user_schema_property: {
    severity: 'critical',
    means:
      'the profile attribute is deleted and created again: its value in every user profile is lost for good',
  },
  okta_app_oauth: {
    severity: 'high',
    means: 'a new client_id and client_secret: every integration using the old ones stops signing in',
  },
  okta_app_saml: {
    severity: 'high',
    means: 'a new entity ID and signing certificate: the service provider must be set up again',
  },
};

const destructiveReplace: Rule = {
  id: 'destructive-replace',
  types: Object.keys(DESTRUCTIVE),
  check({ type, action }) {
    const what = DESTRUCTIVE[type];
    if (action !== 'replace' || !what) return null;
    const attributes =
      type === 'okta_user_schema_property'
        ? ['index', 'external_name', 'external_namespace', 'unique']
        : type === 'okta_app_oauth'
          ? ['type', 'client_id', 'omit_secret']
          : ['preconfigured_app'];
    return { severity: what.severity, message: `Replaced: ${what.means}.`, attributes };
  },
};

const deletionSideEffect: Rule = {
  id: 'deletion-side-effect',
  types: ['okta_app_signon_policy', 'okta_org_configuration'],
  check({ type, action, before, after }) {
    if (type === 'okta_app_signon_policy')
      return action === 'delete'
        ? {
            severity: 'high',
            message:
              'Deleting an authentication policy moves its apps to the default policy, whatever that allows.',
            attributes: ['name'],
          }
        : null;
    if (!before || !after) return null;
    const cleared = Object.keys(before).filter(
      (a) => a !== 'id' && before[a] !== null && before[a] !== '' && (after[a] === null || after[a] === ''),
    );
    return cleared.length
      ? {
          severity: 'high',
          message: `Okta clears org settings the configuration leaves out: ${cleared.join(', ')}.`,
          attributes: cleared,
        }
      : null;
  },
};

const SAML_ROLE_KEYS = /"(role|roles|samlRoles)"\s*:/;

const accessRemoved: Rule = {
  id: 'access-removed',
  types: ['okta_app_group_assignment', 'okta_app_group_assignments'],
  check({ type, action, before, after }) {
    if (type === 'okta_app_group_assignment') {
      if (action === 'delete')
        return {
          severity: 'high',
          message:
            'The group is taken off the app: its members lose access, and their app accounts are deprovisioned.',
          attributes: ['app_id', 'group_id'],
        };
      const was = text(before, 'profile');
      const now = text(after, 'profile');
      return was !== null &&
        now !== null &&
        was !== now &&
        (SAML_ROLE_KEYS.test(was) || SAML_ROLE_KEYS.test(now))
        ? {
            severity: 'medium',
            message: "The roles the app gives the group's members change (profile).",
            attributes: ['profile'],
          }
        : null;
    }
    const ids = (object: typeof before): string[] => {
      const groups = object?.group;
      return Array.isArray(groups)
        ? groups.flatMap((g) => strings({ g: [(g as Record<string, unknown>).id] }, 'g'))
        : [];
    };
    const removed = action === 'delete' ? ids(before) : lost({ i: ids(before) }, { i: ids(after) }, 'i');
    return removed.length
      ? {
          severity: 'high',
          message: `${removed.length === 1 ? 'A group is' : `${removed.length} groups are`} taken off the app: their members lose access, and their app accounts are deprovisioned.`,
          attributes: ['group'],
        }
      : null;
  },
};

export const APP_RULES: readonly Rule[] = [
  oauthClient,
  destructiveReplace,
  deletionSideEffect,
  accessRemoved,
];
