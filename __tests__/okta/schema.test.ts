// The catalog held to the okta/okta provider's real schema (reference/okta/schema.json, made by
// scripts/okta-schema.mjs from the provider's docs at v6.12.0): every type the provider registers is in the catalog,
// and every attribute the catalog names (in a name, as forcing a replace, as an unmarked secret) exists on its type.

import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { oktaCatalog } from '../../src/okta/catalog.js';
import { parseTemplate } from '../../src/okta/names.js';
import { compareSchemas, schemaFromDoc } from '../../scripts/okta-schema.mjs';

interface Block {
  attributes?: Record<
    string,
    { type: unknown; required?: boolean; optional?: boolean; computed?: boolean; sensitive?: boolean }
  >;
  block_types?: Record<string, { nesting_mode: string; max_items?: number; block: Block }>;
}
interface SchemaDocument {
  undocumented: string[];
  provider_schemas: Record<string, { resource_schemas: Record<string, { block: Block }> }>;
}

const schema = JSON.parse(readFileSync('reference/okta/schema.json', 'utf8')) as SchemaDocument;
const resources = schema.provider_schemas['registry.terraform.io/okta/okta']?.resource_schemas ?? {};
const undocumented = schema.undocumented
  .filter((u) => u.startsWith('resource '))
  .map((u) => u.slice('resource '.length));
const registered = readFileSync('reference/okta/resource-types.txt', 'utf8')
  .split('\n')
  .map((line) => line.split(/\s/)[0] ?? '')
  .filter((type) => type.startsWith('okta_'));

/**
 * Attributes the provider's Go schema has and its docs leave out (the docs were generated before them), with where
 * the Go code declares them: the schema here is read from the docs.
 */
const MISSING_FROM_DOCS = new Map([
  ['okta_campaign.skip_remediation', 'okta/services/governance/resource_campaign.go:225 (RequiresReplace)'],
]);

/** Every attribute and block name of a type, nested ones included (the reference names nested ForceNew leaves). */
function allNames(block: Block, into = new Set<string>()): Set<string> {
  for (const name of Object.keys(block.attributes ?? {})) into.add(name);
  for (const [name, nested] of Object.entries(block.block_types ?? {})) {
    into.add(name);
    allNames(nested.block, into);
  }
  return into;
}

const topLevel = (block: Block, name: string): boolean =>
  name in (block.attributes ?? {}) || name in (block.block_types ?? {});

describe('the provider schema (reference/okta/schema.json)', () => {
  it('has every registered resource type, documented or listed as undocumented', () => {
    expect(registered.length).toBe(145);
    const covered = new Set([...Object.keys(resources), ...undocumented]);
    expect(registered.filter((type) => !covered.has(type))).toEqual([]);
    expect(Object.keys(resources).length).toBeGreaterThan(130);
  });

  it('reads the tfplugindocs shape: required/optional/computed, sensitive, blocks with nesting and max items', () => {
    const oauth = resources.okta_app_oauth?.block;
    expect(oauth?.attributes?.label).toEqual({ type: 'string', required: true });
    expect(oauth?.attributes?.id).toMatchObject({ computed: true });
    expect(oauth?.attributes?.client_secret).toMatchObject({ sensitive: true });
    expect(oauth?.block_types?.groups_claim).toMatchObject({ nesting_mode: 'set', max_items: 1 });
    expect(resources.okta_group?.block.attributes?.skip_users).toMatchObject({
      type: 'bool',
      deprecated: true,
    });
    const doc = [
      '## Schema',
      '',
      '### Required',
      '',
      '- `id`(String)',
      '',
      '### Optional',
      '',
      '- `settings` (see [below for nested schema](#nestedblock--settings))',
      '- `tags` (Set of String) Tags',
      '',
      '<a id="nestedblock--settings"></a>',
      '### Nested Schema for `settings`',
      '',
      'Optional:',
      '',
      '- `token` (String, Sensitive) A token',
      '',
    ].join('\n');
    expect(schemaFromDoc(doc)).toEqual({
      version: 0,
      block: {
        attributes: {
          id: { type: 'string', required: true },
          tags: { type: ['set', 'string'], optional: true },
        },
        block_types: {
          settings: {
            nesting_mode: 'single',
            block: {
              attributes: { token: { type: 'string', optional: true, sensitive: true } },
              block_types: {},
            },
          },
        },
      },
    });
  });

  it('compares with a real `terraform providers schema -json`, type by type and attribute by attribute', () => {
    const real = structuredClone(schema) as SchemaDocument;
    const group =
      real.provider_schemas['registry.terraform.io/okta/okta']?.resource_schemas.okta_group?.block;
    delete group?.attributes?.skip_users;
    expect(compareSchemas(schema, real)).toEqual(['resource_schemas okta_group.skip_users: only in ours']);
  });
});

describe('the catalog, against the schema', () => {
  const catalog = oktaCatalog();

  it('has every type the provider registers', () => {
    expect(registered.filter((type) => !catalog.has(type))).toEqual([]);
  });

  it('names only attributes the type has: in names (top level), replace-forcing and secret attributes', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const type of registered) {
      const entry = catalog.get(type);
      const block = resources[type]?.block;
      if (!entry || !block) continue;
      const names = allNames(block);
      for (const template of entry.names) {
        for (const part of parseTemplate(template)) {
          if (typeof part === 'string') continue;
          checked++;
          const root = part.path.split(/[.[]/)[0] ?? '';
          if (!topLevel(block, root)) wrong.push(`${type}: name uses ${root}`);
        }
      }
      for (const [kind, attributes] of [
        ['replace', entry.replaceAttrs],
        ['secret', entry.secretAttrs],
      ] as const) {
        for (const attribute of attributes) {
          checked++;
          const leaf = attribute.split('.').pop() ?? attribute;
          if (!names.has(leaf) && !MISSING_FROM_DOCS.has(`${type}.${attribute}`))
            wrong.push(`${type}: ${kind} ${attribute}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
    expect(wrong).toEqual([]);
  });
});
