// Every built-in rule on a plan that triggers it and on its benign twin: the same type, the same corpus plan (Okta's
// own example configuration planned through terraform, __tests__/fixtures/okta-corpus/), one attribute apart. The
// twin must give no finding of that rule.

import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS } from '../../testkit/okta-corpus-kept.js';
import { summarizeObject } from '../../testkit/plans.js';
import type { Severity } from '../../src/review/findings.js';
import { parsePolicy } from '../../src/review/policy.js';

type Values = Record<string, unknown>;
type Step = 'create' | 'update' | 'replace' | 'delete';
interface Edit {
  before?: Values | null;
  after?: Values | null;
}

/** The corpus plan of `type` at `step`, its first change of that type edited (attributes merged in). */
function corpusPlan(type: string, step: Step, edit: Edit): { plan: unknown; address: string } {
  const plan = JSON.parse(readFileSync(join(CORPUS, type, `${step}.show.json`), 'utf8')) as {
    resource_changes: {
      address: string;
      type: string;
      change: { actions: string[]; before: Values | null; after: Values | null };
    }[];
  };
  const entry = plan.resource_changes.find((c) => c.type === type && !c.change.actions.includes('no-op'));
  const change = entry?.change;
  if (!entry || !change) throw new Error(`no ${type} change in the corpus's ${step} plan`);
  for (const side of ['before', 'after'] as const) {
    const merge = edit[side];
    if (merge === null) change[side] = null;
    else if (merge) change[side] = { ...(change[side] ?? {}), ...merge };
  }
  return { plan, address: entry.address };
}

/** The findings of one rule on the edited change. */
async function findings(type: string, step: Step, edit: Edit, rule: string, policy?: string) {
  const { plan, address } = corpusPlan(type, step, edit);
  const summary = await summarizeObject(plan, policy ? { policy: parsePolicy(policy, 'p.yml') } : {});
  return summary.findings.filter((f) => f.rule === rule && f.address === address);
}

interface Case {
  rule: string;
  type: string;
  step: Step;
  severity: Severity;
  trigger: Edit;
  twin: Edit;
  says: RegExp;
  /** The repository's review policy (YAML), when the rule needs one. */
  policy?: string;
}

const CASES: Case[] = [
  {
    rule: 'mfa-weakened',
    type: 'okta_app_signon_policy_rule',
    step: 'update',
    severity: 'critical',
    trigger: { before: { factor_mode: '2FA' }, after: { factor_mode: '1FA', access: 'ALLOW' } },
    twin: { before: { factor_mode: '2FA' }, after: { factor_mode: '2FA', access: 'ALLOW' } },
    says: /factor_mode 2FA → 1FA/,
  },
  {
    rule: 'mfa-weakened',
    type: 'okta_policy_rule_signon',
    step: 'update',
    severity: 'critical',
    trigger: { before: { mfa_required: true }, after: { mfa_required: false } },
    twin: { before: { mfa_required: false }, after: { mfa_required: true } },
    says: /MFA no longer required/,
  },
  {
    rule: 'mfa-weakened',
    type: 'okta_policy_rule_signon',
    step: 'update',
    severity: 'critical',
    trigger: {
      before: { mfa_required: true, mfa_prompt: 'ALWAYS' },
      after: { mfa_required: true, mfa_prompt: 'DEVICE' },
    },
    twin: {
      before: { mfa_required: true, mfa_prompt: 'DEVICE' },
      after: { mfa_required: true, mfa_prompt: 'ALWAYS' },
    },
    says: /mfa_prompt ALWAYS → DEVICE/,
  },
  {
    rule: 'long-session',
    type: 'okta_policy_rule_signon',
    step: 'create',
    severity: 'medium',
    trigger: { before: { session_lifetime: 120 }, after: { session_lifetime: 10080 } },
    twin: { before: { session_lifetime: 120 }, after: { session_lifetime: 480 } },
    says: /sessions last 10080 minutes/,
  },
  {
    rule: 'admin-granted',
    type: 'okta_user_admin_roles',
    step: 'update',
    severity: 'critical',
    trigger: {
      before: { admin_roles: ['HELP_DESK_ADMIN'] },
      after: { admin_roles: ['HELP_DESK_ADMIN', 'SUPER_ADMIN'] },
    },
    twin: {
      before: { admin_roles: ['HELP_DESK_ADMIN', 'SUPER_ADMIN'] },
      after: { admin_roles: ['HELP_DESK_ADMIN'] },
    },
    says: /becomes SUPER_ADMIN/,
  },
  {
    rule: 'admin-granted',
    type: 'okta_group_role',
    step: 'create',
    severity: 'critical',
    trigger: { after: { role_type: 'ORG_ADMIN' } },
    twin: { before: { role_type: 'ORG_ADMIN' }, after: { role_type: 'ORG_ADMIN' } },
    says: /Every member of the group becomes ORG_ADMIN/,
  },
  {
    rule: 'admin-granted',
    type: 'okta_admin_role_custom',
    step: 'update',
    severity: 'critical',
    trigger: {
      before: { permissions: ['okta.users.read'] },
      after: { permissions: ['okta.users.read', 'okta.users.manage'] },
    },
    twin: {
      before: { permissions: ['okta.users.read'] },
      after: { permissions: ['okta.users.read', 'okta.groups.read'] },
    },
    says: /gains "okta.users.manage"/,
  },
  {
    rule: 'idp-changed',
    type: 'okta_idp_oidc',
    step: 'create',
    severity: 'critical',
    trigger: { after: { provisioning_action: 'AUTO', account_link_action: 'AUTO' } },
    twin: { before: null, after: null },
    says: /creates users it does not know/,
  },
  {
    rule: 'broad-api-scope',
    type: 'okta_app_oauth_api_scope',
    step: 'create',
    severity: 'high',
    trigger: { after: { scopes: ['okta.users.read', 'okta.users.manage'] } },
    twin: { after: { scopes: ['okta.users.read', 'okta.groups.read'] } },
    says: /"okta.users.manage"/,
  },
  {
    rule: 'zone-whole-internet',
    type: 'okta_network_zone',
    step: 'update',
    severity: 'high',
    trigger: {
      before: { proxies: ['10.0.0.0/24'] },
      after: { proxies: ['10.0.0.0/24', '0.0.0.0-255.255.255.255'] },
    },
    twin: { before: { proxies: ['10.0.0.0/24'] }, after: { proxies: ['10.0.0.0/24', '192.0.2.0/24'] } },
    says: /trusted proxy/,
  },
  {
    rule: 'guardrail-off',
    type: 'okta_threat_insight_settings',
    step: 'update',
    severity: 'high',
    trigger: { before: { action: 'block' }, after: { action: 'none' } },
    twin: { before: { action: 'audit' }, after: { action: 'block' } },
    says: /ThreatInsight turned off/,
  },
  {
    rule: 'oauth-client-risk',
    type: 'okta_app_oauth',
    step: 'create',
    severity: 'high',
    trigger: {
      before: { grant_types: ['authorization_code'] },
      after: { grant_types: ['authorization_code', 'implicit'] },
    },
    twin: {
      before: { grant_types: ['authorization_code'] },
      after: { grant_types: ['authorization_code', 'refresh_token'] },
    },
    says: /implicit grant/,
  },
  {
    rule: 'oauth-client-risk',
    type: 'okta_app_oauth',
    step: 'create',
    severity: 'medium',
    trigger: { before: { consent_method: 'REQUIRED' }, after: { consent_method: 'TRUSTED' } },
    twin: { before: { consent_method: 'TRUSTED' }, after: { consent_method: 'REQUIRED' } },
    says: /not asked to consent to \(consent_method REQUIRED → TRUSTED\)/,
  },
  {
    rule: 'oauth-client-risk',
    type: 'okta_app_oauth',
    step: 'create',
    severity: 'medium',
    trigger: {
      after: { consent_method: 'TRUSTED', redirect_uris: ['https://app.partner.example.net/callback'] },
    },
    twin: { after: { consent_method: 'TRUSTED', redirect_uris: ['https://example.com/callback'] } },
    says: /for a third-party app/,
    policy: 'version: 1\nallow:\n  redirect-hosts: [example.com]\n',
  },
  {
    rule: 'password-weakened',
    type: 'okta_policy_password',
    step: 'create',
    severity: 'medium',
    trigger: { before: { password_min_length: 12 }, after: { password_min_length: 4 } },
    twin: { before: { password_min_length: 12 }, after: { password_min_length: 16 } },
    says: /as short as 4 characters/,
  },
  {
    rule: 'weak-authenticator',
    type: 'okta_authenticator',
    step: 'update',
    severity: 'medium',
    trigger: {
      before: { key: 'okta_verify', status: 'ACTIVE' },
      after: { key: 'okta_verify', status: 'INACTIVE' },
    },
    twin: {
      before: { key: 'okta_verify', status: 'INACTIVE' },
      after: { key: 'okta_verify', status: 'ACTIVE' },
    },
    says: /okta_verify/,
  },
  {
    rule: 'destructive-replace',
    type: 'okta_user_schema_property',
    step: 'replace',
    severity: 'critical',
    trigger: {},
    twin: {},
    says: /its value in every user profile is lost/,
  },
  {
    rule: 'deletion-side-effect',
    type: 'okta_app_signon_policy',
    step: 'delete',
    severity: 'high',
    trigger: {},
    twin: {},
    says: /moves its apps to the default policy/,
  },
  {
    rule: 'hook-destination',
    type: 'okta_inline_hook',
    step: 'create',
    severity: 'high',
    trigger: { after: { type: 'com.okta.user.credential.password.import' } },
    twin: { after: { type: 'com.okta.oauth2.tokens.transform' } },
    says: /passwords, in clear, to example\.com/,
  },
  {
    rule: 'access-removed',
    type: 'okta_app_group_assignment',
    step: 'delete',
    severity: 'high',
    trigger: {},
    twin: {},
    says: /members lose access/,
  },
];

/** Twins made from another step of the same type: created instead of replaced or deleted, or an update. */
const TWIN_STEP: Partial<Record<string, Step>> = {
  'destructive-replace': 'update',
  'deletion-side-effect': 'update',
  'access-removed': 'create',
  // The example's own update moves the hook to another path on the same host.
  'hook-destination': 'update',
};

describe('the built-in rules', () => {
  it.each(CASES.map((c) => [`${c.rule} on ${c.type} (${c.says.source})`, c] as const))(
    '%s',
    async (_name, c) => {
      const found = await findings(c.type, c.step, c.trigger, c.rule, c.policy);
      expect(found.map((f) => [f.severity, f.message])).toEqual([
        [c.severity, expect.stringMatching(c.says)],
      ]);
      expect(await findings(c.type, TWIN_STEP[c.rule] ?? c.step, c.twin, c.rule, c.policy)).toEqual([]);
    },
  );

  it('shows the attributes a finding is about, before and after', async () => {
    const [finding] = await findings(
      'okta_policy_rule_signon',
      'update',
      { before: { mfa_required: true }, after: { mfa_required: false } },
      'mfa-weakened',
    );
    expect(finding?.evidence).toContainEqual({ path: 'mfa_required', before: 'true', after: 'false' });
  });

  it('never shows a secret in its evidence', async () => {
    const secret = 'hook-secret-value-123';
    const summary = await summarizeObject(
      corpusPlan('okta_inline_hook', 'create', {
        after: {
          type: 'com.okta.user.credential.password.import',
          auth: { key: 'Authorization', type: 'HEADER', value: secret },
        },
      }).plan,
    );
    expect(summary.findings.length).toBeGreaterThan(0);
    expect(JSON.stringify(summary.findings)).not.toContain(secret);
  });

  it('keeps the type risk where no rule speaks, as a finding of the same severity as the change', async () => {
    const summary = await summarizeObject(corpusPlan('okta_group_rule', 'delete', {}).plan);
    const change = summary.changes.find((c) => c.type === 'okta_group_rule');
    expect([change?.severity, change?.highRisk]).toEqual(['high', true]);
    expect(summary.findings.map((f) => [f.rule, f.severity])).toContainEqual(['type-risk', 'high']);
  });
});

describe('members added to a group that holds an admin role', () => {
  /**
   * The corpus's update of okta_group_memberships (one user added to the group), with an okta_group_role of that
   * group in the plan: unchanged (a no-op entry, as Terraform lists every object), holding `role`.
   */
  function withRole(role: string, action: 'no-op' | 'delete' = 'no-op'): unknown {
    const plan = JSON.parse(
      readFileSync(join(CORPUS, 'okta_group_memberships', 'update.show.json'), 'utf8'),
    ) as {
      resource_changes: Record<string, unknown>[];
    };
    const memberships = plan.resource_changes.find((c) => c.type === 'okta_group_memberships') as {
      change: { after: { group_id: string } };
    };
    const values = { id: 'irb1', group_id: memberships.change.after.group_id, role_type: role };
    plan.resource_changes.push({
      address: 'okta_group_role.admins',
      mode: 'managed',
      type: 'okta_group_role',
      name: 'admins',
      provider_name: 'registry.terraform.io/okta/okta',
      change: {
        actions: [action],
        before: values,
        after: action === 'no-op' ? values : null,
        after_unknown: {},
        before_sensitive: {},
        after_sensitive: action === 'no-op' ? {} : false,
      },
    });
    return plan;
  }
  const joins = async (plan: unknown) =>
    (await summarizeObject(plan)).findings.filter(
      (f) => f.rule === 'admin-granted' && f.address.startsWith('okta_group_memberships.'),
    );

  it('makes the new members admins (critical for USER_ADMIN)', async () => {
    const [finding, ...more] = await joins(withRole('USER_ADMIN'));
    expect(more).toEqual([]);
    expect(finding?.severity).toBe('critical');
    // The example's update adds two users (and drops one).
    expect(finding?.message).toBe('2 users join a group that holds USER_ADMIN: each becomes an admin.');
  });

  it('is high for a lesser role, and nothing for a group without one or a role the policy allows', async () => {
    expect((await joins(withRole('HELP_DESK_ADMIN'))).map((f) => f.severity)).toEqual(['high']);
    const plan = JSON.parse(readFileSync(join(CORPUS, 'okta_group_memberships', 'update.show.json'), 'utf8'));
    expect(await joins(plan)).toEqual([]);
    const allowed = await summarizeObject(withRole('HELP_DESK_ADMIN'), {
      policy: parsePolicy('version: 1\nallow:\n  admin-roles-for-groups: [HELP_DESK_ADMIN]\n', 'p.yml'),
    });
    expect(allowed.findings.filter((f) => f.address.startsWith('okta_group_memberships.'))).toEqual([]);
  });
});

describe('one scale: a change has one severity, and high-risk is exactly high or worse', () => {
  const rated = async (type: string, step: Step, edit: Edit = {}) => {
    const { plan, address } = corpusPlan(type, step, edit);
    const summary = await summarizeObject(plan);
    const change = summary.changes.find((c) => c.address === address);
    const worst = summary.findings.filter((f) => f.address === address).map((f) => f.severity);
    return { severity: change?.severity, highRisk: change?.highRisk, worst, count: summary.highRisk };
  };

  it.each([
    'okta_user',
    'okta_app_oauth',
    'okta_policy_profile_enrollment',
    'okta_idp_oidc',
    'okta_authenticator',
  ])('deleting %s (irreversible) is high, with a finding of that severity', async (type) => {
    const r = await rated(type, 'delete');
    expect([r.severity, r.highRisk]).toEqual(['high', true]);
    expect(r.worst).toContain('high');
  });

  /** The corpus update's object before it: edits on both sides of it differ only where the test says. */
  const beforeOf = (type: string): Values => {
    const { plan, address } = corpusPlan(type, 'update', {});
    const entry = (plan as { resource_changes: { address: string; change: { before: Values } }[] })
      .resource_changes;
    return entry.find((c) => c.address === address)?.change.before ?? {};
  };
  const passwordBefore = (): Values => beforeOf('okta_policy_password');

  it('a longer minimum password only hardens: no risk, no finding', async () => {
    const before = passwordBefore();
    const r = await rated('okta_policy_password', 'update', {
      after: { ...before, password_min_length: Number(before['password_min_length']) + 6 },
    });
    expect([r.severity, r.highRisk, r.worst, r.count]).toEqual(['none', false, [], 0]);
  });

  it('a shorter one is a risk (the password-weakened finding), and a harmless edit is not high', async () => {
    const before = passwordBefore();
    const shorter = await rated('okta_policy_password', 'update', {
      after: { ...before, password_min_length: 6 },
    });
    expect(shorter.severity).toBe('medium');
    expect(shorter.worst).toEqual(['medium']);
    const described = await rated('okta_policy_password', 'update', {
      after: { ...before, description: 'x' },
    });
    expect([described.severity, described.highRisk]).toEqual(['medium', false]);
  });

  it('MFA now required on a sign-on rule is no risk; MFA dropped is critical', async () => {
    const before = beforeOf('okta_policy_rule_signon');
    const added = await rated('okta_policy_rule_signon', 'update', {
      before: { ...before, mfa_required: false },
      after: { ...before, mfa_required: true },
    });
    expect(added.severity).toBe('none');
    const dropped = await rated('okta_policy_rule_signon', 'update', {
      before: { ...before, mfa_required: true },
      after: { ...before, mfa_required: false },
    });
    expect([dropped.severity, dropped.highRisk]).toEqual(['critical', true]);
  });

  it('a network zone narrowed (a range cut short, an entry removed) is no risk; widened it is', async () => {
    const base = { ...beforeOf('okta_network_zone'), usage: 'POLICY' };
    const narrowed = await rated('okta_network_zone', 'update', {
      before: { ...base, gateways: ['10.0.0.0/16', '192.0.2.1-192.0.2.50'], proxies: null },
      after: { ...base, gateways: ['10.0.0.0/24'], proxies: null },
    });
    expect(narrowed.severity).toBe('none');
    const widened = await rated('okta_network_zone', 'update', {
      before: { ...base, gateways: ['10.0.0.0/24'], proxies: null },
      after: { ...base, gateways: ['10.0.0.0/16'], proxies: null },
    });
    expect(widened.severity).not.toBe('none');
  });
});
