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
