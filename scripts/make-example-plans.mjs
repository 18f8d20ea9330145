// Writes examples/plans/*.json: plans of a realistic Okta org (acme.okta.com) in Terraform 1.11's show -json
// layout, for the demo, the README and the snapshot tests. Run: node scripts/make-example-plans.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { oktaId, oktaPlan } from '../testkit/okta-plan.mjs';

const provider = {
  org_name: 'acme',
  base_url: 'okta.com',
  api_token: '00aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789ab',
};
const ids = {
  contractors: oktaId('00g', 1),
  itAdmins: oktaId('00g', 2),
  everyone: oktaId('00g', 3),
  engineering: oktaId('00g', 4),
  jira: oktaId('0oa', 1),
  wiki: oktaId('0oa', 2),
  sessionPolicy: oktaId('00p', 1),
  mfaRule: oktaId('0pr', 1),
  passwordPolicy: oktaId('00p', 2),
  office: oktaId('nzo', 1),
  oldContractor: oktaId('00u', 1),
  jdoe: oktaId('00u', 2),
  alice: oktaId('00u', 3),
  bob: oktaId('00u', 4),
  siem: oktaId('who', 1),
  verify: oktaId('aut', 1),
};

const group = (id, name, description) => ({
  id,
  name,
  description,
  custom_profile_attributes: '{}',
  skip_users: false,
});
const zone = (gateways) => ({
  id: ids.office,
  name: 'Office network',
  type: 'IP',
  usage: 'POLICY',
  status: 'ACTIVE',
  gateways,
  proxies: null,
});
const hook = (token) => ({
  id: ids.siem,
  name: 'SIEM forwarder',
  status: 'ACTIVE',
  events: ['user.lifecycle.create', 'user.session.start', 'group.user_membership.add'],
  channel: { type: 'HTTP', uri: 'https://siem.acme.example/okta/events', version: '1.0.0' },
  auth: { key: 'Authorization', type: 'HEADER', value: token },
  headers: [{ key: 'X-Tenant', value: 'acme-prod' }],
});
const signonRule = (id, name) => ({
  id,
  policy_id: ids.sessionPolicy,
  name,
  status: 'ACTIVE',
  access: 'ALLOW',
  mfa_required: true,
  mfa_prompt: 'ALWAYS',
  network_connection: 'ZONE',
  network_excludes: [ids.office],
  priority: 1,
});

const jira = { id: ids.jira, label: 'Jira', type: 'web', client_id: ids.jira };
const unchanged = [
  { type: 'okta_group', name: 'it_admins', before: group(ids.itAdmins, 'IT Admins', 'Okta administrators') },
  {
    type: 'okta_policy_signon',
    name: 'session',
    before: { id: ids.sessionPolicy, name: 'Default session policy', status: 'ACTIVE', priority: 1 },
  },
  {
    type: 'okta_user',
    name: 'alice',
    before: { id: ids.alice, login: 'alice@acme.example', email: 'alice@acme.example' },
  },
  {
    type: 'okta_user',
    name: 'bob',
    before: { id: ids.bob, login: 'bob@acme.example', email: 'bob@acme.example' },
  },
].map((o) => ({ ...o, after: o.before }));

const pullRequest = oktaPlan({
  provider,
  drift: [
    {
      type: 'okta_group',
      name: 'it_admins',
      before: group(ids.itAdmins, 'IT Admins', 'Okta administrators'),
      after: group(ids.itAdmins, 'IT Admins', 'Okta administrators (temporary: incident 4711)'),
    },
    {
      type: 'okta_network_zone',
      name: 'office',
      before: zone(['203.0.113.0/24']),
      after: zone(['203.0.113.0/24', '0.0.0.0/0']),
    },
  ],
  objects: [
    ...unchanged,
    {
      type: 'okta_group',
      name: 'engineering',
      before: null,
      after: {
        id: null,
        name: 'Engineering',
        description: 'Everyone in the engineering department',
        custom_profile_attributes: '{}',
        skip_users: false,
      },
      unknown: ['id'],
    },
    {
      type: 'okta_group',
      name: 'contractors',
      previousAddress: 'okta_group.vendors',
      before: group(ids.contractors, 'Contractors', 'Contractors'),
      after: group(ids.contractors, 'Contractors', 'External contractors, access reviewed quarterly'),
    },
    {
      type: 'okta_group_rule',
      name: 'engineering_department',
      before: null,
      after: {
        id: null,
        name: 'Department is Engineering',
        status: 'ACTIVE',
        expression_type: 'urn:okta:expression:1.0',
        expression_value: 'user.department=="Engineering"',
        group_assignments: null,
        remove_assigned_users: false,
      },
      unknown: ['id', 'group_assignments'],
      refs: { group_assignments: 'okta_group.engineering' },
    },
    {
      type: 'okta_group_memberships',
      name: 'contractors',
      before: {
        id: ids.contractors,
        group_id: ids.contractors,
        users: [ids.oldContractor, ids.bob],
        track_all_users: false,
      },
      after: {
        id: ids.contractors,
        group_id: ids.contractors,
        users: [ids.bob, ids.alice],
        track_all_users: false,
      },
    },
    {
      type: 'okta_app_oauth',
      name: 'slack',
      before: null,
      after: {
        id: null,
        label: 'Slack',
        type: 'web',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: ['https://acme.slack.com/sso/oidc/callback'],
        consent_method: 'REQUIRED',
        client_id: null,
        client_secret: null,
        token_endpoint_auth_method: 'client_secret_basic',
      },
      unknown: ['id', 'client_id', 'client_secret'],
      sensitive: ['client_secret'],
    },
    {
      type: 'okta_app_group_assignment',
      name: 'slack_engineering',
      before: null,
      after: { id: null, app_id: null, group_id: null, priority: 1, retain_assignment: false },
      unknown: ['id', 'app_id', 'group_id'],
      refs: { app_id: 'okta_app_oauth.slack', group_id: 'okta_group.engineering' },
    },
    {
      type: 'okta_app_group_assignment',
      name: 'jira_contractors',
      before: null,
      after: { id: null, app_id: ids.jira, group_id: ids.contractors, priority: 2, retain_assignment: false },
      unknown: ['id'],
    },
    {
      type: 'okta_app_bookmark',
      name: 'old_wiki',
      before: { id: ids.wiki, label: 'Old wiki', url: 'https://wiki.acme.example', status: 'ACTIVE' },
      after: null,
    },
    {
      type: 'okta_policy_rule_signon',
      name: 'require_mfa',
      before: signonRule(ids.mfaRule, 'Require MFA'),
      after: { ...signonRule(null, 'Require MFA off the office network'), id: null },
      unknown: ['id'],
      actions: ['delete', 'create'],
      actionReason: 'replace_because_cannot_update',
      replacePaths: [['name']],
    },
    {
      type: 'okta_policy_password',
      name: 'contractors',
      before: {
        id: ids.passwordPolicy,
        name: 'Contractor passwords',
        password_min_length: 8,
        password_max_age_days: 0,
        groups_included: [ids.contractors],
      },
      after: {
        id: ids.passwordPolicy,
        name: 'Contractor passwords',
        password_min_length: 14,
        password_max_age_days: 90,
        groups_included: [ids.contractors],
      },
    },
    {
      type: 'okta_network_zone',
      name: 'office',
      before: zone(['203.0.113.0/24', '0.0.0.0/0']),
      after: zone(['203.0.113.0/24', '198.51.100.0/24']),
    },
    {
      type: 'okta_group_role',
      name: 'it_admins_user_admin',
      before: null,
      after: { id: null, group_id: ids.itAdmins, role_type: 'USER_ADMIN', disable_notifications: false },
      unknown: ['id'],
    },
    {
      type: 'okta_event_hook',
      name: 'siem',
      before: hook('Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0'),
      after: hook('Bearer 1a2b3c4d5e6f70819203a4b5c6d7e8f9'),
    },
    {
      type: 'okta_user',
      name: 'jdoe',
      before: null,
      after: {
        id: null,
        login: 'jdoe@acme.example',
        email: 'jdoe@acme.example',
        first_name: 'Jane',
        last_name: 'Doe',
        password: 'Winter-is-coming-2026!',
        status: 'ACTIVE',
      },
      unknown: ['id'],
      sensitive: ['password'],
    },
    {
      type: 'okta_user',
      name: 'old_contractor',
      before: {
        id: ids.oldContractor,
        login: 'old.contractor@partner.example',
        email: 'old.contractor@partner.example',
        first_name: 'Olaf',
        last_name: 'Contractor',
        status: 'ACTIVE',
      },
      after: null,
    },
    { type: 'okta_app_oauth', name: 'jira', importing: true, before: jira, after: jira },
  ],
  outputs: { slack_client_id: ['create'] },
});

const quiet = oktaPlan({
  provider: { org_name: 'acme-preview', base_url: 'oktapreview.com' },
  drift: [
    {
      type: 'okta_user',
      name: 'alice',
      before: { id: ids.alice, login: 'alice@acme.example', email: 'alice@acme.example', last_name: 'Smith' },
      after: {
        id: ids.alice,
        login: 'alice@acme.example',
        email: 'alice@acme.example',
        last_name: 'Smith-Jones',
      },
    },
  ],
  objects: [...unchanged, { type: 'okta_app_oauth', name: 'jira', before: jira, after: jira }],
});

mkdirSync('examples/plans', { recursive: true });
writeFileSync('examples/plans/pull-request.json', `${JSON.stringify(pullRequest, null, 2)}\n`);
writeFileSync('examples/plans/no-changes.json', `${JSON.stringify(quiet, null, 2)}\n`);
console.log('wrote examples/plans/pull-request.json and examples/plans/no-changes.json');
