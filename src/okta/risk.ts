// Which changes can lock people out or widen access, and what a replace means in Okta (a new object with a new ID).

import type { ObjectAction } from '../plan/types.js';
import type { OktaType } from './catalog.js';

const NEW_ID =
  'Okta deletes the object and creates a new one with a new ID: rules, assignments and policies that point at the old ID break';

/** What else a new ID means, for the types where it matters most. */
const REPLACE_MEANING: Readonly<Record<string, string>> = {
  okta_app_oauth:
    'the app gets a new client_id and client_secret: every client using the old ones stops signing in',
  okta_app_saml:
    'the app gets new SAML metadata and a new signing certificate: the service provider must be set up again',
  okta_group: 'memberships, group rules and app assignments that point at the old group are lost',
  okta_user: 'the person becomes a new user: enrolled factors, sessions and app accounts are lost',
  okta_auth_server:
    'the issuer URI changes: tokens it issued stop validating and clients must be reconfigured',
  okta_idp_oidc: 'users linked through the old identity provider must link again; routing rules break',
  okta_idp_saml: 'users linked through the old identity provider must link again; routing rules break',
  okta_idp_social: 'users linked through the old identity provider must link again; routing rules break',
  okta_network_zone: 'policies and rules that use the old zone no longer see it',
  okta_policy_signon: 'its rules are recreated and users sign in under the default policy until then',
  okta_app_signon_policy: 'apps using it fall back to the default authentication policy until reassigned',
  okta_authenticator: 'users enrolled in the old authenticator must enroll again',
};

const REASON_TEXT: Readonly<Record<string, string>> = {
  replace_because_tainted: 'it is tainted (an earlier apply failed part-way)',
  replace_by_request: 'the run asked for it (-replace)',
  replace_by_triggers: 'replace_triggered_by fired',
};

/** Why Terraform replaces the object, in words. */
export function replaceCause(
  actionReason: string | null,
  forcingAttributes: readonly string[],
): string | null {
  if (actionReason && REASON_TEXT[actionReason]) return `because ${REASON_TEXT[actionReason]}`;
  if (forcingAttributes.length) {
    return `because ${forcingAttributes.join(', ')} can't change in place`;
  }
  return null;
}

/**
 * Why a change is risky, in words: what a replace means in Okta, and the type's own reason when the change is high
 * or worse by its type (src/review/scale.ts judges that).
 */
export function riskReasons(
  info: OktaType,
  action: ObjectAction,
  cause: string | null,
  highByType: boolean,
): string[] {
  const reasons: string[] = [];
  if (action === 'replace' && info.type.startsWith('okta_')) {
    const meaning = REPLACE_MEANING[info.type];
    reasons.push(`Replaced${cause ? ` ${cause}` : ''}: ${NEW_ID}${meaning ? `; ${meaning}` : ''}.`);
  }
  if (highByType) reasons.push(info.reason);
  return reasons;
}
