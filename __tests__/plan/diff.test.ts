// The attribute-level diff: what changed, unknown values, long lists as what was added and removed.

import { describe, expect, it } from '@jest/globals';
import { diffAttributes } from '../../src/plan/diff.js';
import { SecretScrubber } from '../../src/plan/redact.js';

const options = { secretPaths: [], replacePaths: [], scrubber: new SecretScrubber(), creating: false };
const values = (before: unknown, after: unknown, afterUnknown: unknown = {}) => ({
  before,
  after,
  afterUnknown,
  beforeSensitive: {},
  afterSensitive: {},
  replacePaths: undefined,
});

describe('diffAttributes', () => {
  it('lists what differs, nested paths included, and what becomes known only after apply', () => {
    const { attributes } = diffAttributes(
      values(
        { name: 'a', settings: { mfa: true }, keep: 1 },
        { name: 'b', settings: { mfa: false }, keep: 1 },
        { id: true },
      ),
      options,
    );
    expect(attributes.map((a) => [a.path, a.before, a.after])).toEqual([
      ['name', '"a"', '"b"'],
      ['settings.mfa', 'true', 'false'],
      ['id', null, '(known after apply)'],
    ]);
  });

  it('shows flags named like secrets, but never a secret-named string', () => {
    const { attributes } = diffAttributes(
      values(
        { omit_secret: false, client_secret: 'old-s3cret' },
        { omit_secret: true, client_secret: 'new-s3cret' },
      ),
      { ...options, secretPaths: ['client_secret'] },
    );
    expect(attributes.map((a) => [a.path, a.before, a.after])).toEqual([
      ['omit_secret', 'false', 'true'],
      ['client_secret', '(sensitive)', '(sensitive)'],
    ]);
  });

  it('says which list elements are not known yet (IDs created in the same apply)', () => {
    const creating = diffAttributes(values(null, { groups: [null, '00g1'] }, { groups: [true, false] }), {
      ...options,
      creating: true,
    });
    expect(creating.attributes.map((a) => [a.path, a.after])).toEqual([
      ['groups', '[(known after apply),"00g1"]'],
    ]);
    const updating = diffAttributes(
      values({ groups: ['00g1'] }, { groups: ['00g1', null] }, { groups: [false, true] }),
      options,
    );
    expect(updating.attributes.map((a) => [a.path, a.before, a.after])).toEqual([
      ['groups', '["00g1"]', '["00g1",(known after apply)]'],
    ]);
    const same = diffAttributes(
      values({ groups: ['00g1'] }, { groups: ['00g1'] }, { groups: [false] }),
      options,
    );
    expect(same.attributes).toEqual([]);
  });

  it('shows a long list of members as what was added and removed', () => {
    const before = Array.from({ length: 5000 }, (_, i) => `00u${i}`);
    const after = [...before.slice(2), '00unew'];
    const { attributes } = diffAttributes(values({ users: before }, { users: after }), options);
    expect(attributes).toEqual([
      {
        path: 'users',
        before: '5000 items',
        after: '4999 items: +"00unew", -"00u0", -"00u1"',
        forcesReplacement: false,
      },
    ]);
  });

  it('marks the attributes that force a replace', () => {
    const { attributes } = diffAttributes(
      { ...values({ name: 'a', note: 'x' }, { name: 'b', note: 'y' }), replacePaths: [['name']] },
      { ...options, replacePaths: ['name'] },
    );
    expect(attributes.map((a) => [a.path, a.forcesReplacement])).toEqual([
      ['name', true],
      ['note', false],
    ]);
  });

  it('caps the number of attributes and counts the rest', () => {
    const wide = (v: number) => Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`a${i}`, v]));
    const result = diffAttributes(values(wide(1), wide(2)), options);
    expect(result.attributes).toHaveLength(40);
    expect(result.omitted).toBe(20);
  });

  it('lists a new object by what is set, not by what is unknown or empty', () => {
    const { attributes } = diffAttributes(
      values(null, { name: 'x', description: null, tags: ['a', 'b'] }, { id: true }),
      {
        ...options,
        creating: true,
      },
    );
    expect(attributes.map((a) => [a.path, a.after])).toEqual([
      ['name', '"x"'],
      ['tags', '["a","b"]'],
    ]);
  });
});

describe('diffs that show the change', () => {
  const triple = (before: unknown, after: unknown) =>
    diffAttributes(values(before, after), options).attributes.map((a) => [a.path, a.before, a.after]);

  it('shows the window around what differs in a long value, with … on both sides', () => {
    const groups = Array.from({ length: 60 }, (_, i) => `"00g${String(i).padStart(17, '0')}"`).join(',');
    const expression = (ids: string) => `isMemberOfAnyGroup(${ids})`;
    const [[path, before, after]] = triple(
      { expression_value: expression(groups) },
      { expression_value: expression(`${groups},"00gNEWGROUPADDED00001"`) },
    ) as [[string, string, string]];
    expect(path).toBe('expression_value');
    expect(before).not.toBe(after);
    expect(after).toContain('00gNEWGROUPADDED00001');
    expect(after.startsWith('…')).toBe(true);
    expect(before).toMatch(/^….*"\)"$/);
    expect(after.length).toBeLessThanOrEqual(162);
  });

  it('shows a change in the middle of a long value between two …', () => {
    const text = (word: string) => `${'a'.repeat(300)}${word}${'z'.repeat(300)}`;
    const [[, before, after]] = triple({ description: text('old') }, { description: text('new') }) as [
      [string, string, string],
    ];
    expect(before).toMatch(/^…a+oldz+…$/);
    expect(after).toMatch(/^…a+newz+…$/);
  });

  it('compares JSON strings as JSON, key by key', () => {
    const profile = (roles: string[]) =>
      JSON.stringify({ samlRoles: roles, department: 'IT', title: 'Admin' });
    expect(triple({ profile: profile(['Viewer']) }, { profile: profile(['Viewer', 'Admin']) })).toEqual([
      ['profile.samlRoles', '["Viewer"]', '["Viewer","Admin"]'],
    ]);
    // A reorder or whitespace change is no change.
    const reordered = JSON.stringify({ title: 'Admin', department: 'IT', samlRoles: ['Viewer'] }, null, 2);
    expect(triple({ profile: profile(['Viewer']) }, { profile: reordered })).toEqual([]);
  });

  it('masks a secret-named key inside a JSON string', () => {
    const settings = (secret: string) => JSON.stringify({ url: 'https://x.example', clientSecret: secret });
    const shown = triple(
      { app_settings_json: settings('old-hidden-1') },
      { app_settings_json: settings('new-hidden-2') },
    );
    expect(shown).toEqual([['app_settings_json.clientSecret', '(sensitive)', '(sensitive)']]);
  });
});

describe('sets of Okta IDs', () => {
  it('are diffed element by element, however short', () => {
    const id = (n: number) => `00u${String(n).padStart(17, '0')}`;
    const { attributes } = diffAttributes(
      values({ users: [id(1), id(2)] }, { users: [id(2), id(3)] }),
      options,
    );
    expect(attributes.map((a) => [a.path, a.before, a.after])).toEqual([
      ['users', '2 items', `2 items: +"${id(3)}", -"${id(1)}"`],
    ]);
  });

  it('leave short lists of other values whole', () => {
    const { attributes } = diffAttributes(
      values({ grant_types: ['a'] }, { grant_types: ['a', 'b'] }),
      options,
    );
    expect(attributes.map((a) => [a.path, a.before, a.after])).toEqual([
      ['grant_types', '["a"]', '["a","b"]'],
    ]);
  });
});

describe('nested blocks', () => {
  // okta_app_signon_policy_rules' `rule` blocks (its Go schema: a ListNestedBlock keyed by name in practice).
  const rule = (name: string, priority: number, access = 'ALLOW') => ({ name, priority, access });

  it('are matched by their key attribute: a rule inserted at the top is one added rule, not every rule changed', () => {
    const { attributes } = diffAttributes(
      values(
        { rule: [rule('Admins', 1), rule('Everyone', 2, 'DENY')] },
        { rule: [rule('Contractors', 1), rule('Admins', 2), rule('Everyone', 3, 'DENY')] },
      ),
      options,
    );
    expect(attributes.map((a) => [a.path, a.before, a.after])).toEqual([
      ['rule[name="Contractors"].name', null, '"Contractors"'],
      ['rule[name="Contractors"].priority', null, '1'],
      ['rule[name="Contractors"].access', null, '"ALLOW"'],
      ['rule[name="Admins"].priority', '1', '2'],
      ['rule[name="Everyone"].priority', '2', '3'],
    ]);
  });

  it('show a removed block by its key, and keep positions where nothing moved', () => {
    const removed = diffAttributes(
      values({ rule: [rule('Admins', 1), rule('Old', 2)] }, { rule: [rule('Admins', 1)] }),
      options,
    );
    expect(removed.attributes.map((a) => a.path)).toEqual([
      'rule[name="Old"].name',
      'rule[name="Old"].priority',
      'rule[name="Old"].access',
    ]);
    const inPlace = diffAttributes(
      values({ rule: [rule('Admins', 1)] }, { rule: [rule('Admins', 1, 'DENY')] }),
      options,
    );
    expect(inPlace.attributes.map((a) => [a.path, a.before, a.after])).toEqual([
      ['rule[0].access', '"ALLOW"', '"DENY"'],
    ]);
  });

  it("still mark what forces a replace and mask what is sensitive, by Terraform's positions", () => {
    const { attributes } = diffAttributes(
      {
        before: { header: [{ key: 'X-A', value: 'old-secret-a' }] },
        after: {
          header: [
            { key: 'X-B', value: 'new-secret-b' },
            { key: 'X-A', value: 'old-secret-a' },
          ],
        },
        afterUnknown: {},
        beforeSensitive: {},
        afterSensitive: { header: [{ value: true }, { value: true }] },
        replacePaths: undefined,
      },
      { ...options, replacePaths: ['header[0].key'] },
    );
    expect(attributes.map((a) => [a.path, a.after, a.forcesReplacement])).toEqual([
      ['header[key="X-B"].key', '"X-B"', true],
      ['header[key="X-B"].value', '(sensitive)', false],
    ]);
  });
});
