// What okta/okta v6.12.0 spends of Okta's API rate limits per object: the calls a refresh makes (its Read function)
// and the calls a create, update or delete makes (the write, then the Read the provider runs after it), per Okta
// rate-limit bucket. Sources: the provider's idaas/resource_okta_*.go Read functions at v6.12.0 (okta_app_saml reads
// the app, its SAML metadata and its keys; okta_app_oauth the app; okta_app_group_assignments and
// okta_group_memberships list 200 per page), Okta's rate-limit pages for which path counts in which bucket
// (rl-global-mgmt: /api/v1/apps and its sub-paths but /apps/{id}; /groups likewise; users split by method), and
// ../shared/okta/rate-limits.md. Types not listed are modelled as one GET of "most other /api/v1" per refresh: a
// model, reported as such, for the 130 types of rarely more than a few objects each.

export const BUCKETS = [
  '/api/v1/apps',
  '/api/v1/apps/{id}',
  '/api/v1/groups',
  '/api/v1/groups/{id}',
  '/api/v1/users',
  'GET /api/v1/users/{id}',
  'POST/PUT/DELETE /api/v1/users/{id}',
  'other /api/v1',
] as const;
export type Bucket = (typeof BUCKETS)[number];

/** Calls per object, by bucket. */
export type Calls = Readonly<Partial<Record<Bucket, number>>>;

export interface TypeCalls {
  readonly refresh: Calls;
  /** The write alone: the provider reads the object again after it, which costs `refresh` once more. */
  readonly create: Calls;
  readonly update: Calls;
  readonly delete: Calls;
  /** Where the numbers come from: "provider" (read from its source) or "model" (the default for other types). */
  readonly source: 'provider' | 'model';
}

const APP = '/api/v1/apps/{id}';
const APPS = '/api/v1/apps';
const OTHER = 'other /api/v1';

/** An app: read by id; created under /apps; deleted after a deactivation (a sub-path of /apps). */
const app = (reads: Calls): TypeCalls => ({
  refresh: reads,
  create: { [APPS]: 1 },
  update: { [APP]: 1 },
  delete: { [APPS]: 1, [APP]: 1 },
  source: 'provider',
});
/** An object read and written under one bucket (app assignments, group rules, memberships). */
const under = (bucket: Bucket): TypeCalls => ({
  refresh: { [bucket]: 1 },
  create: { [bucket]: 1 },
  update: { [bucket]: 1 },
  delete: { [bucket]: 1 },
  source: 'provider',
});

/** A set of members (groups of an app, users of a group): read as one list, written one member at a time. */
const perElement = (bucket: Bucket): TypeCalls => ({
  refresh: { [bucket]: 1 },
  create: {},
  update: {},
  delete: {},
  source: 'provider',
});

/** The members whose writes are a call each, by type: the list attribute, and the key of an element (a block's id). */
export const MEMBER_LISTS: ReadonlyMap<string, { attribute: string; key?: string; bucket: Bucket }> = new Map(
  [
    ['okta_app_group_assignments', { attribute: 'group', key: 'id', bucket: APPS }],
    ['okta_group_memberships', { attribute: 'users', bucket: '/api/v1/groups' }],
    ['okta_user_group_memberships', { attribute: 'groups', bucket: '/api/v1/users' }],
  ],
);

const APP_TYPES = [
  'okta_app_auto_login',
  'okta_app_basic_auth',
  'okta_app_bookmark',
  'okta_app_secure_password_store',
  'okta_app_shared_credentials',
  'okta_app_swa',
  'okta_app_three_field',
];

export const TYPE_CALLS: ReadonlyMap<string, TypeCalls> = new Map<string, TypeCalls>([
  ...APP_TYPES.map((type): [string, TypeCalls] => [type, app({ [APP]: 1 })]),
  // GET /apps/{id}; with an API token (SSWS) also GET /api/v1/internal/apps/{id}/settings/oauth/idToken for
  // groups_claim, which OAuth 2.0 API credentials skip.
  ['okta_app_oauth', app({ [APP]: 1, [OTHER]: 1 })],
  // GET /apps/{id}, GET /apps/{id}/sso/saml/metadata, GET /apps/{id}/credentials/keys.
  ['okta_app_saml', app({ [APP]: 1, [APPS]: 2 })],
  // GET /apps/{id} and GET /apps/{id}/users/{uid}.
  ['okta_app_user', { ...under(APPS), refresh: { [APP]: 1, [APPS]: 1 } }],
  ['okta_app_group_assignment', under(APPS)],
  // GET /apps/{id}/groups?limit=200, one page per 200 groups; a write is one PUT or DELETE per group changed.
  ['okta_app_group_assignments', perElement(APPS)],
  ['okta_app_oauth_api_scope', under(APPS)],
  ['okta_app_oauth_redirect_uri', under(APP)],
  [
    'okta_group',
    {
      refresh: { '/api/v1/groups/{id}': 1 },
      create: { '/api/v1/groups': 1 },
      update: { '/api/v1/groups/{id}': 1 },
      delete: { '/api/v1/groups/{id}': 1 },
      source: 'provider',
    },
  ],
  // POST /groups/rules, then POST /groups/rules/{id}/lifecycle/activate for an ACTIVE rule.
  ['okta_group_rule', { ...under('/api/v1/groups'), create: { '/api/v1/groups': 2 } }],
  // GET /groups/{id}/users?limit=200, one page per 200 members.
  ['okta_group_memberships', perElement('/api/v1/groups')],
  ['okta_group_role', under('/api/v1/groups')],
  ['okta_group_owner', under('/api/v1/groups')],
  [
    'okta_user',
    {
      refresh: { 'GET /api/v1/users/{id}': 1 },
      create: { '/api/v1/users': 1 },
      update: { 'POST/PUT/DELETE /api/v1/users/{id}': 1 },
      // Okta deletes a user in two DELETEs: the first deactivates.
      delete: { 'POST/PUT/DELETE /api/v1/users/{id}': 2 },
      source: 'provider',
    },
  ],
  // GET /users/{id}/groups, paginated.
  ['okta_user_group_memberships', perElement('/api/v1/users')],
]);

/** Policies, rules, zones, authenticators, IdPs, schemas...: one call each in most other /api/v1. */
const MODEL: TypeCalls = {
  refresh: { [OTHER]: 1 },
  create: { [OTHER]: 1 },
  update: { [OTHER]: 1 },
  delete: { [OTHER]: 1 },
  source: 'model',
};

export function typeCalls(type: string): TypeCalls {
  return TYPE_CALLS.get(type) ?? MODEL;
}

/** Okta's org-wide limits per minute, by plan (Okta's rl-global-mgmt page, as rate-limits.md copies it). */
export const TIERS = {
  'developer-free': [20, 100, 100, 100, 100, 100, 100, 100],
  'developer-paid': [25, 300, 300, 300, 300, 300, 300, 300],
  'one-app': [25, 300, 300, 300, 300, 300, 300, 300],
  enterprise: [100, 600, 600, 600, 600, 1000, 600, 600],
  'workforce-identity': [100, 500, 500, 1000, 600, 2000, 600, 1200],
} as const satisfies Record<string, readonly number[]>;
export type Tier = keyof typeof TIERS;

/** A tier's limit per bucket. */
export function tierLimits(tier: Tier): Record<Bucket, number> {
  return Object.fromEntries(BUCKETS.map((b, i) => [b, TIERS[tier][i] as number])) as Record<Bucket, number>;
}

/**
 * The bucket Okta counts a request in (rl-global-mgmt): /apps, /groups and /users list, create and sub-paths in one
 * bucket each, a single app or group in another, a single user by method; everything else in most other /api/v1.
 */
export function oktaBucket(method: string, path: string): Bucket {
  const [, collection, id, sub] = /^\/api\/v1\/(apps|groups|users)(?:\/([^/?]+))?(\/[^?]*)?/.exec(path) ?? [];
  const single = id !== undefined && id !== 'rules' && !sub;
  if (collection === 'apps') return single ? APP : APPS;
  if (collection === 'groups') return single ? '/api/v1/groups/{id}' : '/api/v1/groups';
  if (collection === 'users') {
    if (!single) return '/api/v1/users';
    return method === 'GET' ? 'GET /api/v1/users/{id}' : 'POST/PUT/DELETE /api/v1/users/{id}';
  }
  return OTHER;
}
