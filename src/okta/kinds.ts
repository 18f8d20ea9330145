// What each kind of Okta object is to the scan for objects made outside Terraform (unmanaged.ts): the okta/okta
// types that manage it, Okta's list endpoint (Management API reference), the okta/okta type of each object listed,
// and which objects are Okta's own and never unmanaged.

export interface OktaObject {
  readonly id?: unknown;
  readonly name?: unknown;
  readonly label?: unknown;
  readonly type?: unknown;
  readonly system?: unknown;
  readonly signOnMode?: unknown;
  readonly priority?: unknown;
  readonly key?: unknown;
  readonly profile?: { readonly name?: unknown };
}

export interface Kind {
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

/**
 * Authenticators every Identity Engine org starts with, which okta_authenticator adopts rather than creates (its
 * create finds an existing one by key: resource_okta_authenticator.go). A model: the Admin Console's Security ›
 * Authenticators of a new org lists Email, Password and Okta Verify; the others are added by an admin.
 */
const BUILT_IN_AUTHENTICATORS = new Set(['okta_email', 'okta_password', 'okta_verify']);

/** An identity provider's Okta type → okta/okta's type; every other type is a social one. */
const IDP_TYPES: Readonly<Record<string, string>> = { OIDC: 'okta_idp_oidc', SAML2: 'okta_idp_saml' };
const IDP_RESOURCES = new Set([...Object.values(IDP_TYPES), 'okta_idp_social']);

const only = (type: string) => (t: string) => t === type;
const unlessSystem = (type: string) => (o: OktaObject) => (o.system === true ? undefined : type);

export const KINDS: readonly Kind[] = [
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
  {
    // Okta's "default" server comes with API Access Management: okta_auth_server_default manages it.
    managedBy: (t) => t.startsWith('okta_auth_server'),
    list: '/api/v1/authorizationServers?limit=200',
    typeOf: (o) => (o.name === 'default' ? undefined : 'okta_auth_server'),
    nameOf: (o) => o.name,
  },
  {
    managedBy: only('okta_authenticator'),
    list: '/api/v1/authenticators',
    typeOf: (o) => (BUILT_IN_AUTHENTICATORS.has(String(o.key)) ? undefined : 'okta_authenticator'),
    nameOf: (o) => o.name,
  },
  {
    managedBy: (t) => IDP_RESOURCES.has(t),
    list: '/api/v1/idps?limit=200',
    typeOf: (o) => IDP_TYPES[String(o.type)] ?? 'okta_idp_social',
    nameOf: (o) => o.name,
  },
  {
    managedBy: only('okta_event_hook'),
    list: '/api/v1/eventHooks',
    typeOf: () => 'okta_event_hook',
    nameOf: (o) => o.name,
  },
  {
    managedBy: only('okta_inline_hook'),
    list: '/api/v1/inlineHooks',
    typeOf: () => 'okta_inline_hook',
    nameOf: (o) => o.name,
  },
];

/** The rule type for a policy's rules, from the policy's Okta type. */
export const RULE_TYPE_OF: Readonly<Record<string, string>> = {
  OKTA_SIGN_ON: 'okta_policy_rule_signon',
  PASSWORD: 'okta_policy_rule_password',
  MFA_ENROLL: 'okta_policy_rule_mfa',
  ACCESS_POLICY: 'okta_app_signon_policy_rule',
  PROFILE_ENROLLMENT: 'okta_policy_rule_profile_enrollment',
};

/** The types onboarding can look for: a rule's import ID names its policy, an authorization server policy's its server. */
export const SCANNED_TYPES: readonly string[] = [
  'okta_group',
  'okta_group_rule',
  ...[...APP_RESOURCES].sort(),
  ...Object.keys(POLICY_TYPES),
  'okta_network_zone',
  ...Object.values(RULE_TYPE_OF),
  'okta_auth_server',
  'okta_auth_server_policy',
  'okta_authenticator',
  ...[...IDP_RESOURCES].sort(),
  'okta_event_hook',
  'okta_inline_hook',
];
