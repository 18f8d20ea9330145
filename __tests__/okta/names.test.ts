// Okta objects by name: every type of every category, IDs resolved through prior state, references to objects the
// same plan creates, renames, and the fallbacks.

import { describe, expect, it } from '@jest/globals';
import { CATEGORY_ORDER, oktaCatalog } from '../../src/okta/catalog.js';
import { configAddressOf, instanceKeyOf, parseTemplate, referencedAddress } from '../../src/okta/names.js';
import { oktaId, oktaPlan, summarizeFile, summarizeObject } from '../../testkit/plans.js';

type Values = Record<string, unknown>;

function setPath(target: Values, path: string, value: unknown): void {
  const segments = path.split('.');
  let current: Values | unknown[] = target;
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    const key = /^\d+$/.test(segment) ? Number(segment) : segment;
    const container = current as Record<string | number, unknown>;
    if (last) container[key] = value;
    else {
      container[key] ??= /^\d+$/.test(segments[i + 1] as string) ? [] : {};
      current = container[key] as Values;
    }
  });
}

/** One object of `type` with every attribute its first name template reads, IDs pointing at existing groups. */
function objectFor(type: string, n: number, targets: Map<string, string>) {
  const template = oktaCatalog().get(type)?.names[0] as string;
  const after: Values = { id: null };
  for (const part of parseTemplate(template)) {
    if (typeof part === 'string') continue;
    if (part.kind === 'count') setPath(after, part.path, ['a', 'b']);
    else if (part.kind === 'value') setPath(after, part.path, `${part.path} of ${type}`);
    else {
      const id = oktaId('00g', 1000 + n * 10 + targets.size);
      targets.set(id, `Target ${targets.size}`);
      setPath(after, part.path, id);
    }
  }
  // okta_app_connection's id is the app's and okta_device's the device's: configured, not computed.
  return { type, name: `t${n}`, before: null, after, unknown: /\{@?id\}/.test(template) ? [] : ['id'] };
}

describe('Okta-typed plans for every category', () => {
  const types = [...oktaCatalog().keys()];
  const targets = new Map<string, string>();
  const objects = types.map((type, n) => objectFor(type, n, targets));
  const existing = [...targets].map(([id, name], n) => {
    const group = { id, name, description: '', custom_profile_attributes: '{}', skip_users: false };
    return { type: 'okta_group', name: `target${n}`, before: group, after: group };
  });
  const summary = summarizeObject(oktaPlan({ objects: [...existing, ...objects] }));

  it('puts every type in its category and counts it', async () => {
    const s = await summary;
    expect(s.changes).toHaveLength(types.length);
    for (const change of s.changes) expect(change.category).toBe(oktaCatalog().get(change.type)?.category);
    const categories = s.categories.map((c) => c.category);
    expect(categories).toEqual(CATEGORY_ORDER.filter((c) => categories.includes(c)));
    expect(categories.length).toBeGreaterThanOrEqual(18);
    expect(s.categories.reduce((n, c) => n + c.create, 0)).toBe(types.length);
  });

  it('names every object from its attributes, with IDs resolved to the names of the objects they point at', async () => {
    const s = await summary;
    for (const change of s.changes) {
      expect(change.name).not.toBe(change.address);
      expect(change.name).not.toMatch(/\b00g[A-Za-z0-9]{17}\b/);
    }
    expect(s.changes.find((c) => c.type === 'okta_app_group_assignment')?.name).toMatch(
      /^App Target \d+ ← group Target \d+$/,
    );
    expect(s.changes.find((c) => c.type === 'okta_group_memberships')?.name).toMatch(
      /^Group Target \d+ ← 2 users$/,
    );
  });
});

describe('resolving IDs and references', () => {
  const eng = {
    id: '00geng',
    name: 'Engineering',
    description: '',
    custom_profile_attributes: '{}',
    skip_users: false,
  };

  it('follows configuration references to objects the same plan creates', async () => {
    const s = await summarizeObject(
      oktaPlan({
        objects: [
          {
            type: 'okta_app_oauth',
            name: 'slack',
            key: 'prod',
            before: null,
            after: { id: null, label: 'Slack' },
            unknown: ['id'],
          },
          {
            type: 'okta_app_group_assignment',
            name: 'slack',
            key: 'prod',
            before: null,
            after: { id: null, app_id: null, group_id: eng.id, priority: 1 },
            unknown: ['id', 'app_id'],
            refs: { app_id: 'okta_app_oauth.slack' },
          },
          { type: 'okta_group', name: 'eng', before: eng, after: eng },
        ],
      }),
    );
    expect(s.changes.map((c) => c.name)).toEqual(['Slack', 'App Slack ← group Engineering']);
  });

  it('shows renames as old → new', async () => {
    const s = await summarizeObject(
      oktaPlan({
        objects: [{ type: 'okta_group', name: 'eng', before: eng, after: { ...eng, name: 'Eng' } }],
      }),
    );
    expect(s.changes[0]?.name).toBe('Engineering → Eng');
  });

  it('falls back to the for_each key, then the address, when no template resolves', async () => {
    const s = await summarizeObject(
      oktaPlan({
        objects: [
          {
            type: 'okta_group',
            name: 'teams',
            key: 'Platform team',
            before: null,
            after: { id: null },
            unknown: ['id', 'name'],
          },
          { type: 'okta_group', name: 'single', before: null, after: { id: null }, unknown: ['id', 'name'] },
        ],
      }),
    );
    expect(s.changes.map((c) => c.name)).toEqual(['Platform team', 'okta_group.single']);
  });

  it('never names an object by a sensitive attribute', async () => {
    const s = await summarizeObject(
      oktaPlan({
        objects: [
          {
            type: 'okta_user',
            name: 'u',
            before: null,
            after: { id: null, login: 'secret-login' },
            unknown: ['id'],
            sensitive: ['login'],
          },
        ],
      }),
    );
    expect(s.changes[0]?.name).toBe('okta_user.u');
  });
});

describe('IDs in attribute changes', () => {
  it('are followed by the name of the object they point at, a set of them element by element', async () => {
    const s = await summarizeFile('examples/plans/pull-request.json');
    const members = s.changes
      .find((c) => c.type === 'okta_group_memberships')
      ?.attributes.find((a) => a.path === 'users');
    // bob stays a member: only who joins and who leaves is shown, each by name.
    expect(members?.before).toBe('2 items');
    expect(members?.after).toMatch(
      /^2 items: \+"00u\w{17}" \(alice@acme\.example\), -"00u\w{17}" \(old\.contractor@partner\.example\)$/,
    );
    const role = s.changes
      .find((c) => c.type === 'okta_group_role')
      ?.attributes.find((a) => a.path === 'group_id');
    expect(role?.after).toMatch(/^"00g\w{17}" \(IT Admins\)$/);
  });

  it("leave an object's own id bare", async () => {
    const s = await summarizeFile('examples/plans/pull-request.json');
    const rule = s.changes.find((c) => c.type === 'okta_policy_rule_signon');
    expect(rule?.attributes.find((a) => a.path === 'id')?.before).toMatch(/^"0pr\w{17}"$/);
  });
});

describe('addresses', () => {
  it('strips instance keys to find the configuration block', () => {
    expect(configAddressOf('module.org["a.b"].okta_group.eng["x]y"]')).toBe('module.org.okta_group.eng');
    expect(instanceKeyOf('okta_group.eng["Platform \\"core\\""]')).toBe('Platform "core"');
    expect(instanceKeyOf('okta_group.eng[3]')).toBe(3);
    expect(instanceKeyOf('okta_group.eng')).toBeNull();
  });

  it('turns configuration references into resource addresses', () => {
    expect(referencedAddress('okta_group.eng.id')).toBe('okta_group.eng');
    expect(referencedAddress('okta_group.eng["x"].id')).toBe('okta_group.eng["x"]');
    expect(referencedAddress('data.okta_group.everyone.id')).toBe('data.okta_group.everyone');
    expect(referencedAddress('var.group_id')).toBeNull();
    expect(referencedAddress('module.shared.group_id')).toBeNull();
  });
});

describe('objects that share an Okta ID (okta/okta gives app group assignments and memberships the group’s)', () => {
  const GROUP = oktaId('00g', 7);
  const APP = oktaId('0oa', 7);
  const users = (n: number) => Array.from({ length: n }, (_, i) => oktaId('00u', i));
  // In the order a real state can hold them: the objects that borrow the group's ID before the group.
  const objects = [
    {
      type: 'okta_app_group_assignment',
      name: 'wiki_eng',
      before: { id: GROUP, app_id: APP, group_id: GROUP, priority: 1 },
      after: { id: GROUP, app_id: APP, group_id: GROUP, priority: 2 },
    },
    {
      type: 'okta_group_memberships',
      name: 'eng',
      before: { id: GROUP, group_id: GROUP, users: users(4) },
      after: { id: GROUP, group_id: GROUP, users: users(5) },
    },
    {
      type: 'okta_group',
      name: 'eng',
      before: { id: GROUP, name: 'Engineering' },
      after: { id: GROUP, name: 'Engineering' },
    },
    {
      type: 'okta_app_oauth',
      name: 'wiki',
      before: { id: APP, label: 'Wiki' },
      after: { id: APP, label: 'Wiki' },
    },
  ];

  it('name each by what it is, never by the other or by itself', async () => {
    const summary = await summarizeObject(oktaPlan({ objects }));
    const names = Object.fromEntries(summary.changes.map((c) => [c.address, c.name]));
    expect(names['okta_app_group_assignment.wiki_eng']).toBe('App Wiki ← group Engineering');
    // Members counted are no rename: no "Old → New" for a count.
    expect(names['okta_group_memberships.eng']).toBe('Group Engineering ← 5 users');
  });
});
