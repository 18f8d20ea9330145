// The Okta Management API OAuth scope an okta/okta type is read and written with (okta.<resource>.read or
// .manage), from Okta's list of OAuth 2.0 scopes for the Management API: what a service app must be granted, and list
// in OKTA_API_SCOPES, to plan (read) and to apply (manage) that kind of object.

/** Type name patterns (most specific first) → the scope's resource. */
const RESOURCES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^okta_(user_schema|app_user_schema|group_schema|user_base_schema|app_user_base_schema)/, 'okta.schemas'],
  [/^okta_user_type/, 'okta.userTypes'],
  [/^okta_(app_signon_policy|policy|.*_policy_rule)/, 'okta.policies'],
  [/^okta_group/, 'okta.groups'],
  [/^okta_app/, 'okta.apps'],
  [/^okta_user/, 'okta.users'],
  [/^okta_network_zone/, 'okta.networkZones'],
  [/^okta_auth_server/, 'okta.authorizationServers'],
  [/^okta_idp/, 'okta.idps'],
  [/^okta_authenticator/, 'okta.authenticators'],
  [/^okta_event_hook/, 'okta.eventHooks'],
  [/^okta_inline_hook/, 'okta.inlineHooks'],
  [/^okta_(admin_role|role|resource_set)/, 'okta.roles'],
  [/^okta_trusted_origin/, 'okta.trustedOrigins'],
  [/^okta_(brand|theme|email_customization|email_domain)/, 'okta.brands'],
  [/^okta_(domain|customized_signin_page)/, 'okta.domains'],
  [/^okta_behavior/, 'okta.behaviors'],
  [/^okta_profile_mapping/, 'okta.profileMappings'],
  [/^okta_log_stream/, 'okta.logStreams'],
  [/^okta_captcha/, 'okta.captchas'],
  [/^okta_org/, 'okta.orgs'],
];

/** The scope `type` needs: okta.groups.read to plan, okta.groups.manage to apply; undefined when not known. */
export function scopeFor(type: string, access: 'read' | 'manage'): string | undefined {
  const resource = RESOURCES.find(([pattern]) => pattern.test(type))?.[1];
  return resource ? `${resource}.${access}` : undefined;
}
