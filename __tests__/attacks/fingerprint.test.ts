// Attack (d) of issue 12: a review approves a fingerprint, so everything apply would do, and to which object, must
// be in it. Each pair below was one fingerprint before v2; refresh noise that changes nothing must still be none.

import { describe, expect, it } from '@jest/globals';
import { fingerprint, FingerprintBuilder, type FingerprintContext } from '../../src/plan/fingerprint.js';
import { oktaPlan, summarizeObject } from '../../testkit/plans.js';

type Plan = Record<string, unknown> & { resource_changes: Array<Record<string, unknown>> };

const CONTEXT: FingerprintContext = {
  directory: 'orgs/acme',
  workspace: 'default',
  backend: 'http {"address":"https://state/acme"}',
  targets: [],
  providers: { 'registry.terraform.io/okta/okta': '6.12.0' },
};

async function fingerprintOf(plan: unknown, context: FingerprintContext = CONTEXT): Promise<string> {
  const builder = new FingerprintBuilder();
  const summary = await summarizeObject(plan, { fingerprint: builder });
  return fingerprint(summary.planDigest, context);
}

const deleteApp = (id: string, label: string): Plan =>
  oktaPlan({
    objects: [{ type: 'okta_app_oauth', name: 'portal', before: { id, label, type: 'web' }, after: null }],
  }) as Plan;

const updateGroup = (id: string): Plan =>
  oktaPlan({
    objects: [
      {
        type: 'okta_group',
        name: 'eng',
        before: { id, name: 'Engineering', description: 'old' },
        after: { id, name: 'Engineering', description: 'new' },
      },
    ],
  }) as Plan;

function importGroup(id: string): Plan {
  const plan = oktaPlan({
    objects: [
      {
        type: 'okta_group',
        name: 'eng',
        before: { id, name: 'Engineering' },
        after: { id, name: 'Engineering' },
        actions: ['no-op'],
        importing: true,
      },
    ],
  }) as Plan;
  return plan;
}

function withOutput(plan: Plan, value: unknown, sensitive = false): Plan {
  return {
    ...plan,
    output_changes: {
      admin_console_url: {
        actions: ['update'],
        before: 'https://acme-admin.okta.com',
        after: value,
        after_unknown: false,
        before_sensitive: sensitive,
        after_sensitive: sensitive,
      },
    },
  };
}

function withAction(plan: Plan, config: Record<string, unknown>): Plan {
  return {
    ...plan,
    action_invocations: [
      {
        address: 'action.okta_notify.on_change',
        type: 'okta_notify',
        name: 'on_change',
        config_values: config,
        config_sensitive: {},
        config_unknown: {},
        provider_name: 'registry.terraform.io/acme/notify',
        invoke_action_trigger: {},
      },
    ],
  };
}

describe('fingerprint v2 binds which object a change touches', () => {
  it('deleting "Employee portal" (0oaPORTAL1) and "Okta Admin Console" (0oaADMIN99) at one address differ', async () => {
    const portal = await fingerprintOf(deleteApp('0oaPORTAL1', 'Employee portal'));
    const admin = await fingerprintOf(deleteApp('0oaADMIN99', 'Okta Admin Console'));
    expect(portal).toMatch(/^[0-9a-f]{64}$/);
    expect(admin).not.toBe(portal);
  });

  it('updating another object (another before.id) differs', async () => {
    expect(await fingerprintOf(updateGroup('00gAAAAAAAAAAAAAAAA1'))).not.toBe(
      await fingerprintOf(updateGroup('00gBBBBBBBBBBBBBBBB2')),
    );
  });

  it('importing another ID differs', async () => {
    expect(await fingerprintOf(importGroup('00gAAAAAAAAAAAAAAAA1'))).not.toBe(
      await fingerprintOf(importGroup('00gBBBBBBBBBBBBBBBB2')),
    );
  });

  it('output values, sensitive ones too, differ', async () => {
    const base = updateGroup('00gAAAAAAAAAAAAAAAA1');
    const one = await fingerprintOf(withOutput(base, 'https://acme-admin.okta.com/a'));
    expect(await fingerprintOf(withOutput(base, 'https://evil.example/a'))).not.toBe(one);
    expect(await fingerprintOf(withOutput(base, 's3cret-1', true))).not.toBe(
      await fingerprintOf(withOutput(base, 's3cret-2', true)),
    );
  });

  it('action invocations (Terraform 1.14) and their configuration differ', async () => {
    const base = updateGroup('00gAAAAAAAAAAAAAAAA1');
    const none = await fingerprintOf(base);
    const notify = await fingerprintOf(withAction(base, { channel: '#okta' }));
    expect(notify).not.toBe(none);
    expect(await fingerprintOf(withAction(base, { channel: '#elsewhere' }))).not.toBe(notify);
  });

  it('-target and the locked provider versions differ', async () => {
    const plan = updateGroup('00gAAAAAAAAAAAAAAAA1');
    const base = await fingerprintOf(plan);
    expect(await fingerprintOf(plan, { ...CONTEXT, targets: ['okta_group.eng'] })).not.toBe(base);
    expect(
      await fingerprintOf(plan, { ...CONTEXT, providers: { 'registry.terraform.io/okta/okta': '6.11.0' } }),
    ).not.toBe(base);
  });

  it('refresh noise that changes nothing leaves it alone: other prior values, drift, timestamps', async () => {
    const plan = updateGroup('00gAAAAAAAAAAAAAAAA1');
    const noisy = oktaPlan({
      objects: [
        {
          type: 'okta_group',
          name: 'eng',
          // Another value Okta reports now (the prior state refreshed), the same change planned.
          before: { id: '00gAAAAAAAAAAAAAAAA1', name: 'Engineering', description: 'old', last_updated: 'x' },
          after: { id: '00gAAAAAAAAAAAAAAAA1', name: 'Engineering', description: 'new', last_updated: 'x' },
        },
      ],
      drift: [
        {
          type: 'okta_group',
          name: 'sales',
          before: { id: '00gCCCCCCCCCCCCCCCC3', name: 'Sales' },
          after: { id: '00gCCCCCCCCCCCCCCCC3', name: 'Sales team' },
        },
      ],
    });
    expect(await fingerprintOf({ ...noisy, timestamp: '2026-12-01T00:00:00Z' })).toBe(
      await fingerprintOf(plan),
    );
  });
});
