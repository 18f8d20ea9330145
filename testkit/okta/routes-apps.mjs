// @ts-check
// Apps (OpenID Connect clients, SAML 2.0 apps, and any other sign-on mode stored as given) and the groups
// assigned to them. Okta refuses to delete an app that is still ACTIVE.

import { blank, invalid, notFound, OktaError } from './errors.mjs';
import { now, oktaId, randomChars } from './ids.mjs';
import { byCreation, byPriority, page } from './paging.mjs';
import {
  activating,
  asObject,
  copyOf,
  dig,
  isObject,
  need,
  noContent,
  ok,
  structuredCopy,
  withDefaults,
} from './router.mjs';
import { narrow } from './routes-groups.mjs';

/** @typedef {import('./router.mjs').Route} Route */
/** @typedef {import('./router.mjs').Ctx} Ctx */
/** @typedef {import('./store.mjs').Obj} Obj */
/** @typedef {import('./store.mjs').App} App */

const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
// Methods that authenticate the client with a shared secret; `none` (public clients) and private_key_jwt don't.
const SECRET_METHODS = ['client_secret_basic', 'client_secret_post', 'client_secret_jwt'];

const COMMON_DEFAULTS = {
  accessibility: { selfService: false, errorRedirectUrl: null, loginRedirectUrl: null },
  visibility: { autoSubmitToolbar: false, hide: { iOS: false, web: false }, appLinks: {} },
  features: [],
};

const OIDC_DEFAULTS = {
  grant_types: ['authorization_code'],
  response_types: ['code'],
  application_type: 'web',
  redirect_uris: [],
};

const SAML_DEFAULTS = {
  subjectNameIdTemplate: '${user.userName}',
  subjectNameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
  responseSigned: true,
  assertionSigned: true,
  signatureAlgorithm: 'RSA_SHA256',
  digestAlgorithm: 'SHA256',
  honorForceAuthn: true,
  authnContextClassRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport',
  attributeStatements: [],
};

/**
 * The parts of an app the caller sets, checked and completed the way Okta does; `previous` is the app being
 * replaced, whose generated credentials survive a PUT that leaves them out.
 * @param {unknown} body
 * @param {string} id
 * @param {App} [previous]
 * @returns {Obj & { name: string, label: string }}
 */
function appFields(body, id, previous) {
  const label = dig(body, 'label');
  if (typeof label !== 'string' || label.trim() === '') throw blank('label');
  const sentMode = dig(body, 'signOnMode');
  const signOnMode = previous?.signOnMode ?? sentMode;
  if (typeof signOnMode !== 'string') throw blank('signOnMode');
  if (previous && sentMode && sentMode !== previous.signOnMode) {
    throw invalid('signOnMode', 'signOnMode: The sign on mode of an app cannot be changed.');
  }
  const given = structuredCopy(copyOf(body));
  for (const key of ['id', 'status', 'created', 'lastUpdated', '_links', '_embedded']) delete given[key];
  // Defaults and given are both objects, so the result is one too.
  const app = asObject(withDefaults(COMMON_DEFAULTS, given));
  app.signOnMode = signOnMode;
  const settings = asObject(app.settings);
  app.settings = settings;
  const credentials = asObject(app.credentials);
  app.credentials = credentials;
  if (signOnMode === 'OPENID_CONNECT') {
    app.name = 'oidc_client';
    settings.oauthClient = withDefaults(OIDC_DEFAULTS, settings.oauthClient);
    /** @type {Obj} */
    const oauth = {
      ...copyOf(dig(previous, 'credentials', 'oauthClient')),
      ...copyOf(credentials.oauthClient),
    };
    oauth.token_endpoint_auth_method ??= 'client_secret_basic';
    oauth.autoKeyRotation ??= true;
    oauth.client_id = dig(previous, 'credentials', 'oauthClient', 'client_id') ?? oauth.client_id ?? id;
    const method = oauth.token_endpoint_auth_method;
    if (typeof method === 'string' && SECRET_METHODS.includes(method)) {
      oauth.client_secret ??= randomChars(40, SECRET_ALPHABET);
    } else {
      delete oauth.client_secret;
    }
    credentials.oauthClient = oauth;
  } else if (signOnMode === 'SAML_2_0') {
    // An app from Okta's catalog (OIN, `name: "amazon_aws"`) gets its sign-on settings from the catalog's template;
    // the emulator has no catalog, so they are placeholders under the app's name.
    const chosen = previous?.name ?? dig(body, 'name');
    if (typeof chosen === 'string' && !/^emulator_\w*_\d+$/.test(chosen)) {
      const acs = `https://${chosen.replace(/_/g, '-')}.oin.example/sso/saml`;
      settings.signOn = withDefaults({ ssoAcsUrl: acs, audience: acs }, settings.signOn);
    }
    const signOn = settings.signOn;
    for (const field of ['ssoAcsUrl', 'audience']) {
      const value = dig(signOn, field);
      if (typeof value !== 'string' || value === '') throw blank(field);
    }
    const acsUrl = dig(signOn, 'ssoAcsUrl');
    settings.signOn = withDefaults({ ...SAML_DEFAULTS, recipient: acsUrl, destination: acsUrl }, signOn);
    app.credentials = withDefaults(
      {
        signing: { kid: dig(previous, 'credentials', 'signing', 'kid') ?? randomChars(43, SECRET_ALPHABET) },
        userNameTemplate: { template: '${source.login}', type: 'BUILT_IN' },
      },
      credentials,
    );
    // Okta names a custom SAML app after the org and its label.
    app.name =
      previous?.name ??
      (typeof chosen === 'string' ? chosen : `emulator_${label.toLowerCase().replace(/[^a-z0-9]+/g, '')}_1`);
  }
  // Set above for OpenID Connect and SAML; as given for other modes.
  const name = app.name;
  if (typeof name !== 'string') throw blank('name');
  // app.label is the label checked above: no default names it.
  return { ...app, name, label };
}

/** @param {Ctx} ctx */
function createApp({ org, body, query }) {
  const id = oktaId('0oa');
  const at = now();
  const fields = appFields(body, id);
  // These first, in the order Okta shows them; then the fields, name and label again among them.
  const head = { id, name: fields.name, label: fields.label, status: '', created: at, lastUpdated: at };
  const app = { ...head, ...fields };
  app.status = activating(query) ? 'ACTIVE' : 'INACTIVE';
  org.apps[id] = app;
  org.appGroups[id] = {};
  return ok(app);
}

/** @param {Ctx} ctx */
function replaceApp({ org, params, body }) {
  const app = need(org.apps, params.id ?? '', 'AppInstance');
  const fields = appFields(body, app.id, app);
  const replaced = {
    id: app.id,
    name: fields.name,
    label: fields.label,
    status: app.status,
    created: app.created,
  };
  org.apps[app.id] = { ...replaced, lastUpdated: now(), ...fields };
  return ok(org.apps[app.id]);
}

/** @param {Ctx} ctx */
function deleteApp({ org, params, admin }) {
  const app = need(org.apps, params.id ?? '', 'AppInstance');
  if (app.status === 'ACTIVE' && !admin) {
    throw new OktaError(403, 'E0000056', 'Delete application forbidden.', [
      'The application must be deactivated before deletion.',
    ]);
  }
  delete org.apps[app.id];
  delete org.appGroups[app.id];
  return noContent();
}

/**
 * @param {'ACTIVE' | 'INACTIVE'} status
 * @returns {(ctx: Ctx) => import('./paging.mjs').Reply}
 */
const appLifecycle = (status) => (ctx) => {
  const app = need(ctx.org.apps, ctx.params.id ?? '', 'AppInstance');
  if (app.status !== status) Object.assign(app, { status, lastUpdated: now() });
  return ok({});
};

/** @param {Ctx} ctx */
function assignments(ctx) {
  const app = need(ctx.org.apps, ctx.params.id ?? '', 'AppInstance');
  return (ctx.org.appGroups[app.id] ??= {});
}

/** @param {Ctx} ctx */
function getAssignment(ctx) {
  const groupId = ctx.params.groupId ?? '';
  const assignment = assignments(ctx)[groupId];
  if (!assignment) throw notFound(groupId, 'ApplicationGroupAssignment');
  return ok(assignment);
}

/** @param {Ctx} ctx */
function putAssignment(ctx) {
  const all = assignments(ctx);
  const group = need(ctx.org.groups, ctx.params.groupId ?? '', 'UserGroup');
  const taken = Object.values(all).map((a) => Number(a.priority));
  const sentPriority = dig(ctx.body, 'priority');
  const priority = Number.isInteger(sentPriority)
    ? sentPriority
    : (all[group.id]?.priority ?? (taken.length ? Math.max(...taken) + 1 : 0));
  const sentProfile = dig(ctx.body, 'profile');
  const profile = isObject(sentProfile) ? sentProfile : {};
  all[group.id] = { id: group.id, lastUpdated: now(), priority, profile };
  return ok(all[group.id]);
}

/** @param {Ctx} ctx */
function deleteAssignment(ctx) {
  const all = assignments(ctx);
  const groupId = ctx.params.groupId ?? '';
  if (!all[groupId]) throw notFound(groupId, 'ApplicationGroupAssignment');
  delete all[groupId];
  return noContent();
}

/** @type {Route[]} */
export const appRoutes = [
  ['POST', '/api/v1/apps', createApp],
  [
    'GET',
    '/api/v1/apps',
    (c) => page(narrow(Object.values(c.org.apps), c.query, ['label', 'name']), byCreation, c, 20),
  ],
  ['GET', '/api/v1/apps/{id}', (c) => ok(need(c.org.apps, c.params.id ?? '', 'AppInstance'))],
  ['PUT', '/api/v1/apps/{id}', replaceApp],
  ['DELETE', '/api/v1/apps/{id}', deleteApp],
  ['POST', '/api/v1/apps/{id}/lifecycle/activate', appLifecycle('ACTIVE')],
  ['POST', '/api/v1/apps/{id}/lifecycle/deactivate', appLifecycle('INACTIVE')],
  ['GET', '/api/v1/apps/{id}/groups', (c) => page(Object.values(assignments(c)), byPriority, c, 20)],
  ['GET', '/api/v1/apps/{id}/groups/{groupId}', getAssignment],
  ['PUT', '/api/v1/apps/{id}/groups/{groupId}', putAssignment],
  ['DELETE', '/api/v1/apps/{id}/groups/{groupId}', deleteAssignment],
];
