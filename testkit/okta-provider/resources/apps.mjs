// @ts-check
// okta_app_oauth, okta_app_saml and okta_app_group_assignments: /api/v1/apps.

import { B, N, S, attr, listOf, setOf } from '../schema.mjs';
import { dig, enc, jsonOrNull, parseJson, readFields, writeFields } from '../mapping.mjs';
import { OktaApiError } from '../okta-client.mjs';

/** @typedef {import('../mapping.mjs').ResourceType} ResourceType */
/** @typedef {import('../mapping.mjs').Values} Values */
/** @typedef {import('../mapping.mjs').OktaClient} OktaClient */
/** @typedef {import('../schema.mjs').NestedBlock} NestedBlock */
/** @typedef {import('../mapping.mjs').Obj} Obj */
const STATUS = attr(S, 'optional', { default: 'ACTIVE', oneOf: ['ACTIVE', 'INACTIVE'] });

/** The SDK's timeouts block, accepted and kept (this provider does not time out on its own). @type {NestedBlock} */
const timeouts = {
  nesting: 'single',
  block: {
    attributes: { create: attr(S, 'optional'), read: attr(S, 'optional'), update: attr(S, 'optional') },
  },
};

/** Attributes every app type shares, and where they live in the app object. */
const commonAttrs = {
  id: attr(S, 'computed'),
  name: attr(S, 'computed', { description: 'Name of the app.' }),
  sign_on_mode: attr(S, 'computed'),
  label: attr(S, 'required', { description: "The Application's display name." }),
  status: STATUS,
  hide_ios: attr(B, 'optional', { default: false }),
  hide_web: attr(B, 'optional', { default: false }),
  auto_submit_toolbar: attr(B, 'optional', { default: false }),
  user_name_template: attr(S, 'optional', { default: '${source.login}' }),
  user_name_template_type: attr(S, 'optional', { default: 'BUILT_IN' }),
  admin_note: attr(S, 'optional'),
  enduser_note: attr(S, 'optional'),
};
const commonFields = {
  name: 'name',
  label: 'label',
  sign_on_mode: 'signOnMode',
  status: 'status',
  hide_ios: 'visibility.hide.iOS',
  hide_web: 'visibility.hide.web',
  auto_submit_toolbar: 'visibility.autoSubmitToolbar',
  user_name_template: 'credentials.userNameTemplate.template',
  user_name_template_type: 'credentials.userNameTemplate.type',
  admin_note: 'settings.notes.admin',
  enduser_note: 'settings.notes.enduser',
};

/**
 * @param {OktaClient} client
 * @param {unknown} appId
 * @param {unknown} status  wanted
 */
const setStatus = (client, appId, status) =>
  client.call(
    'POST',
    `/api/v1/apps/${enc(appId)}/lifecycle/${status === 'ACTIVE' ? 'activate' : 'deactivate'}`,
  );

/**
 * CRUD shared by the app types; `toBody` and `toValues` are the type's own mapping.
 * `readMore`: the calls the provider's Read makes after the app's own GET (their answers are not kept).
 * @param {{ noun: string, attributes: Record<string, import('../schema.mjs').Attr>, toBody: (v: Values, creating: boolean) => Obj, toValues: (app: unknown, ref: Values) => Values, importDefaults?: Values, readMore?: (client: import('../okta-client.mjs').OktaClient, s: Values) => Promise<void> }} spec
 * @returns {ResourceType}
 */
function appResource({ noun, attributes, toBody, toValues, importDefaults = {}, readMore }) {
  /** @type {ResourceType} */
  const resource = {
    noun,
    schema: { attributes: { ...commonAttrs, ...attributes }, blocks: { timeouts } },
    importState: (importId) => ({ id: importId, ...importDefaults }),
    create: async (client, v) => {
      const app = await client.call(
        'POST',
        `/api/v1/apps?activate=${v.status === 'ACTIVE'}`,
        toBody(v, true),
      );
      const values = toValues(await client.call('GET', `/api/v1/apps/${enc(dig(app, 'id'))}`), v);
      // The provider's Create ends in its Read.
      await readMore?.(client, { ...v, id: dig(app, 'id') });
      // What only the create answer carries (a new client secret) still belongs in state.
      const created = toValues(app, v);
      for (const [k, value] of Object.entries(values))
        if (value == null && created[k] != null) values[k] = created[k];
      return values;
    },
    read: async (client, s) => {
      const app = await client.find(`/api/v1/apps/${enc(s.id)}`);
      if (app) await readMore?.(client, s);
      return app ? toValues(app, s) : null;
    },
    // As the provider documents: a status change is applied first, then the other arguments.
    update: async (client, prior, v) => {
      if (prior.status !== v.status) await setStatus(client, prior.id, v.status);
      await client.call('PUT', `/api/v1/apps/${enc(prior.id)}`, toBody(v, false));
      await readMore?.(client, prior);
      return toValues(await client.call('GET', `/api/v1/apps/${enc(prior.id)}`), v);
    },
    // Okta deletes only inactive apps.
    delete: async (client, prior) => {
      if (prior.status !== 'INACTIVE')
        await client.ignoring404('POST', `/api/v1/apps/${enc(prior.id)}/lifecycle/deactivate`);
      await client.ignoring404('DELETE', `/api/v1/apps/${enc(prior.id)}`);
    },
  };
  return resource;
}

/** Grant and response types the provider sends when the configuration names none, per application type. */
const OAUTH_DEFAULTS = {
  web: { grant: ['authorization_code'], response: ['code'] },
  native: { grant: ['authorization_code'], response: ['code'] },
  browser: { grant: ['implicit'], response: ['token', 'id_token'] },
  service: { grant: ['client_credentials'], response: ['token'] },
};

const oauthFields = {
  ...commonFields,
  type: 'settings.oauthClient.application_type',
  grant_types: 'settings.oauthClient.grant_types',
  response_types: 'settings.oauthClient.response_types',
  redirect_uris: 'settings.oauthClient.redirect_uris',
  post_logout_redirect_uris: 'settings.oauthClient.post_logout_redirect_uris',
  login_uri: 'settings.oauthClient.initiate_login_uri',
  logo_uri: 'settings.oauthClient.logo_uri',
  client_uri: 'settings.oauthClient.client_uri',
  consent_method: 'settings.oauthClient.consent_method',
  issuer_mode: 'settings.oauthClient.issuer_mode',
  client_id: 'credentials.oauthClient.client_id',
  client_secret: 'credentials.oauthClient.client_secret',
  token_endpoint_auth_method: 'credentials.oauthClient.token_endpoint_auth_method',
  pkce_required: 'credentials.oauthClient.pkce_required',
};

export const oktaAppOauth = appResource({
  noun: 'OAuth application',
  // resourceAppOAuthRead at v6.12.0: with an API token it also reads the groups claim (an internal API, which the
  // emulator does not serve: a 404 there is "no claim", as the provider takes it).
  readMore: async (client, s) => {
    if (client.settings.auth.kind === 'SSWS')
      await client.find(`/api/v1/internal/apps/${enc(s.id)}/settings/oauth/idToken`);
  },
  attributes: {
    type: attr(S, 'required forceNew', { oneOf: ['web', 'native', 'browser', 'service'] }),
    grant_types: attr(setOf(S), 'optional computed'),
    response_types: attr(setOf(S), 'optional computed'),
    redirect_uris: attr(listOf(S), 'optional'),
    post_logout_redirect_uris: attr(setOf(S), 'optional'),
    token_endpoint_auth_method: attr(S, 'optional', {
      default: 'client_secret_basic',
      oneOf: ['none', 'client_secret_post', 'client_secret_basic', 'client_secret_jwt', 'private_key_jwt'],
    }),
    client_id: attr(S, 'optional computed forceNew', { description: 'OAuth client ID.' }),
    client_secret: attr(S, 'computed sensitive', { description: 'OAuth client secret value.' }),
    omit_secret: attr(B, 'optional', { default: false }),
    pkce_required: attr(B, 'optional computed'),
    login_uri: attr(S, 'optional'),
    logo_uri: attr(S, 'optional'),
    client_uri: attr(S, 'optional'),
    consent_method: attr(S, 'optional', { default: 'TRUSTED', oneOf: ['REQUIRED', 'TRUSTED'] }),
    issuer_mode: attr(S, 'optional', { default: 'ORG_URL', oneOf: ['ORG_URL', 'CUSTOM_URL', 'DYNAMIC'] }),
  },
  toBody: (v, creating) => {
    const defaults =
      OAUTH_DEFAULTS[/** @type {keyof typeof OAUTH_DEFAULTS} */ (v.type)] ?? OAUTH_DEFAULTS.web;
    const values = {
      ...v,
      name: 'oidc_client',
      sign_on_mode: 'OPENID_CONNECT',
      grant_types: v.grant_types ?? defaults.grant,
      response_types: v.response_types ?? defaults.response,
      client_secret: creating || v.omit_secret ? null : v.client_secret,
      status: creating ? null : v.status,
    };
    return writeFields(values, oauthFields);
  },
  toValues: (app, ref) => {
    const values = readFields(app, oauthFields);
    // The secret stays out of state when omit_secret is set; when Okta does not echo it, keep the one we have.
    if (ref.omit_secret) values.client_secret = null;
    return { ...values, id: dig(app, 'id'), omit_secret: undefined };
  },
  importDefaults: { omit_secret: false },
});

const samlFields = {
  ...commonFields,
  preconfigured_app: { path: 'name', read: () => undefined },
  sso_url: 'settings.signOn.ssoAcsUrl',
  recipient: 'settings.signOn.recipient',
  destination: 'settings.signOn.destination',
  audience: 'settings.signOn.audience',
  subject_name_id_format: 'settings.signOn.subjectNameIdFormat',
  subject_name_id_template: 'settings.signOn.subjectNameIdTemplate',
  signature_algorithm: 'settings.signOn.signatureAlgorithm',
  digest_algorithm: 'settings.signOn.digestAlgorithm',
  response_signed: 'settings.signOn.responseSigned',
  assertion_signed: 'settings.signOn.assertionSigned',
  honor_force_authn: 'settings.signOn.honorForceAuthn',
  authn_context_class_ref: 'settings.signOn.authnContextClassRef',
  idp_issuer: 'settings.signOn.idpIssuer',
  sp_issuer: 'settings.signOn.spIssuer',
  default_relay_state: 'settings.signOn.defaultRelayState',
};

/** SAML sign-on settings: preconfigured (OIN) apps come with them, so they are computed when not configured. */
const signOn = (/** @type {import('../cty.mjs').CtyType} */ type) => attr(type, 'optional computed');

export const oktaAppSaml = appResource({
  noun: 'SAML application',
  // resourceAppSamlRead at v6.12.0 also reads the app's SAML metadata and its signing keys (/api/v1/apps sub-paths).
  readMore: async (client, s) => {
    await client.find(`/api/v1/apps/${enc(s.id)}/sso/saml/metadata`);
    await client.find(`/api/v1/apps/${enc(s.id)}/credentials/keys`);
  },
  attributes: {
    preconfigured_app: attr(S, 'optional forceNew'),
    sso_url: signOn(S),
    recipient: signOn(S),
    destination: signOn(S),
    audience: signOn(S),
    subject_name_id_format: signOn(S),
    subject_name_id_template: signOn(S),
    signature_algorithm: signOn(S),
    digest_algorithm: signOn(S),
    response_signed: signOn(B),
    assertion_signed: signOn(B),
    honor_force_authn: attr(B, 'optional', { default: false }),
    authn_context_class_ref: signOn(S),
    idp_issuer: signOn(S),
    sp_issuer: attr(S, 'optional'),
    default_relay_state: attr(S, 'optional'),
    saml_version: attr(S, 'optional', { default: '2.0', oneOf: ['1.1', '2.0'] }),
    app_settings_json: attr(S, 'optional json'),
  },
  toBody: (v, creating) => {
    // Okta names custom SAML apps itself; an update sends back the name it chose.
    const name = creating ? null : v.name;
    const signOnMode = v.saml_version === '1.1' ? 'SAML_1_1' : 'SAML_2_0';
    const body = writeFields({ ...v, name, sign_on_mode: signOnMode, status: null }, samlFields);
    if (v.app_settings_json)
      body.settings = { .../** @type {object} */ (body.settings), app: parseJson(v.app_settings_json) };
    return body;
  },
  toValues: (app, ref) => ({
    ...readFields(app, samlFields),
    id: dig(app, 'id'),
    saml_version: dig(app, 'signOnMode') === 'SAML_1_1' ? '1.1' : '2.0',
    // Preconfigured apps come with settings of their own: only configured settings are compared.
    app_settings_json: ref.app_settings_json == null ? undefined : jsonOrNull(dig(app, 'settings', 'app')),
  }),
});

/** @type {ResourceType} */
export const oktaAppGroupAssignments = {
  noun: 'application group assignment',
  schema: {
    attributes: {
      id: attr(S, 'computed'),
      app_id: attr(S, 'required forceNew', {
        description: 'The ID of the application to assign a group to.',
      }),
    },
    blocks: {
      group: {
        nesting: 'list',
        block: {
          attributes: {
            id: attr(S, 'required', { description: 'A group to associate with the application' }),
            priority: attr(N, 'optional computed'),
            profile: attr(S, 'optional json', { default: '{}' }),
          },
        },
      },
      timeouts,
    },
  },
  importState: (importId) => ({ id: importId, app_id: importId }),
  create: async (client, v) => {
    for (const group of groupsOf(v)) await assign(client, v.app_id, group);
    return (await oktaAppGroupAssignments.read(client, { ...v, id: v.app_id })) ?? {};
  },
  // resourceAppGroupAssignmentsRead at v6.12.0: the list alone (200 a page); a 404 there means the app is gone.
  read: async (client, s) => {
    const assigned = await client
      .list(`/api/v1/apps/${enc(s.app_id)}/groups?limit=200`)
      .catch((/** @type {unknown} */ error) => {
        if (error instanceof OktaApiError && error.status === 404) return null;
        throw error;
      });
    if (!assigned) return null;
    // Configured groups first, in their order, then anything assigned outside terraform (drift).
    const order = groupsOf(s).map((g) => g.id);
    const rank = (/** @type {unknown} */ a) => {
      const id = dig(a, 'id');
      return order.includes(id) ? order.indexOf(id) : order.length;
    };
    const group = [...assigned]
      .sort((a, b) => rank(a) - rank(b))
      .map((a) => ({
        id: dig(a, 'id'),
        priority: dig(a, 'priority'),
        profile: JSON.stringify(dig(a, 'profile') ?? {}),
      }));
    return { id: s.app_id, app_id: s.app_id, group };
  },
  update: async (client, prior, v) => {
    const wanted = groupsOf(v).map((g) => g.id);
    for (const group of groupsOf(prior)) {
      if (!wanted.includes(group.id)) {
        await client.call('DELETE', `/api/v1/apps/${enc(v.app_id)}/groups/${enc(group.id)}`);
      }
    }
    for (const group of groupsOf(v)) await assign(client, v.app_id, group);
    return (await oktaAppGroupAssignments.read(client, v)) ?? {};
  },
  delete: async (client, prior) => {
    for (const group of groupsOf(prior)) {
      await client.ignoring404('DELETE', `/api/v1/apps/${enc(prior.app_id)}/groups/${enc(group.id)}`);
    }
  },
};

/**
 * The group blocks of okta_app_group_assignments (a list block: an array of objects, or null).
 * @param {Values} values
 * @returns {Values[]}
 */
const groupsOf = (values) => /** @type {Values[] | null | undefined} */ (values.group) ?? [];

/**
 * @param {OktaClient} client
 * @param {unknown} appId
 * @param {Values} group
 */
const assign = (client, appId, group) =>
  client.call('PUT', `/api/v1/apps/${enc(appId)}/groups/${enc(group.id)}`, {
    ...(typeof group.priority === 'number' ? { priority: group.priority } : {}),
    profile: parseJson(group.profile),
  });
