import { describe, expect, it } from '@jest/globals';
import { canonicalJson, changeDigest, fingerprint } from '../../src/plan/fingerprint.js';
import { oktaId, oktaPlan, summarizeObject } from '../../testkit/plans.js';

const GROUP = {
  type: 'okta_group',
  name: 'engineering',
  before: { id: oktaId('00g', 1), name: 'Engineering', description: 'Builds things' },
  after: { id: oktaId('00g', 1), name: 'Engineering', description: 'Builds software' },
};
const RULE = {
  type: 'okta_group_rule',
  name: 'engineering',
  before: null,
  after: { id: null, name: 'Engineering by department', expression_value: 'user.department=="Eng"' },
  unknown: ['id'],
};
const HOOK = {
  type: 'okta_event_hook',
  name: 'audit',
  before: { id: oktaId('who', 1), name: 'Audit', auth: { value: 'old-secret-1' } },
  after: { id: oktaId('who', 1), name: 'Audit', auth: { value: 'new-secret-1' } },
  sensitive: ['auth'],
};

async function digestOf(spec: Parameters<typeof oktaPlan>[0]): Promise<string> {
  return (await summarizeObject(oktaPlan(spec))).planDigest;
}

describe('plan fingerprint', () => {
  it('is the same for the same changes, in any order, with any refresh noise', async () => {
    const base = await digestOf({ objects: [GROUP, RULE] });
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(await digestOf({ objects: [RULE, GROUP] })).toBe(base);
    // Drift seen by the refresh, and objects that don't change, are not part of what apply would do.
    const unchanged = {
      type: 'okta_group',
      name: 'sales',
      before: { id: oktaId('00g', 2), name: 'Sales' },
      after: { id: oktaId('00g', 2), name: 'Sales' },
    };
    const drift = {
      ...GROUP,
      name: 'drifted',
      before: { ...GROUP.before, description: 'edited in the Admin Console' },
    };
    expect(await digestOf({ objects: [GROUP, RULE, unchanged], drift: [drift] })).toBe(base);
  });

  it('changes with any planned value, action or object', async () => {
    const base = await digestOf({ objects: [GROUP, RULE] });
    const edited = { ...GROUP, after: { ...GROUP.after, description: 'Builds hardware' } };
    expect(await digestOf({ objects: [edited, RULE] })).not.toBe(base);
    expect(await digestOf({ objects: [GROUP] })).not.toBe(base);
    const replaced = {
      ...GROUP,
      actions: ['delete', 'create'],
      actionReason: 'replace_because_cannot_update',
    };
    expect(await digestOf({ objects: [replaced, RULE] })).not.toBe(base);
    expect(await digestOf({ objects: [GROUP, RULE], outputs: { group_ids: ['create'] } })).not.toBe(base);
  });

  it('hashes sensitive values: a new secret changes it, but the secret is not in it', async () => {
    const one = await digestOf({ objects: [HOOK] });
    const other = await digestOf({
      objects: [{ ...HOOK, after: { ...HOOK.after, auth: { value: 'new-secret-2' } } }],
    });
    expect(other).not.toBe(one);
    const values = {
      before: null,
      after: { auth: { value: 's3cr3t' } },
      afterUnknown: {},
      beforeSensitive: false,
      afterSensitive: { auth: true },
      replacePaths: null,
    };
    expect(changeDigest('okta_event_hook.a', ['create'], values)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('treats unknown values as one token, whatever the placeholder', () => {
    const a = {
      before: null,
      after: { id: null },
      afterUnknown: { id: true },
      beforeSensitive: false,
      afterSensitive: {},
      replacePaths: null,
    };
    const b = { ...a, after: { id: 'whatever' } };
    expect(changeDigest('x', ['create'], a)).toBe(changeDigest('x', ['create'], b));
  });

  it('adds directory, workspace, backend, -target and the locked provider versions', () => {
    const context = {
      directory: 'orgs/acme',
      workspace: 'default',
      backend: 'http {"address":"https://state/acme"}',
      targets: [],
      providers: { 'registry.terraform.io/okta/okta': '6.12.0' },
    };
    const base = fingerprint('d', context);
    expect(fingerprint('d', { ...context })).toBe(base);
    expect(fingerprint('d', { ...context, directory: 'orgs/other' })).not.toBe(base);
    expect(fingerprint('d', { ...context, workspace: 'staging' })).not.toBe(base);
    expect(fingerprint('d', { ...context, backend: 'http {"address":"https://state/other"}' })).not.toBe(
      base,
    );
    expect(fingerprint('d', { ...context, targets: ['okta_group.a'] })).not.toBe(base);
    expect(
      fingerprint('d', { ...context, providers: { 'registry.terraform.io/okta/okta': '6.13.0' } }),
    ).not.toBe(base);
  });

  it('canonical JSON sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: null }] })).toBe('{"a":[{"c":null,"d":1}],"b":1}');
  });
});

describe('what differs from the reviewed plan', () => {
  it('lists objects added, dropped and changed, from the marker’s hashed keys and shortened digests', async () => {
    const { comparePlans, objectKey } = await import('../../src/plan/fingerprint.js');
    const current = new Map([
      ['okta_group.a', 'aaaaaaaaaaaa1111'],
      ['okta_group.b', 'bbbbbbbbbbbb2222'],
      ['okta_group.new', 'cccccccccccc3333'],
    ]);
    expect(
      comparePlans(
        {
          [objectKey('okta_group.a')]: 'aaaaaaaaaaaa',
          [objectKey('okta_group.b')]: 'bbbbbbbbbbbf',
          [objectKey('okta_group.gone')]: 'dddddddddddd',
        },
        current,
      ),
    ).toEqual({ added: ['okta_group.new'], dropped: 1, changed: ['okta_group.b'] });
  });
});
