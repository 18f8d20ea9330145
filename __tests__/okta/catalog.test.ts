// The Okta catalog covers every okta/okta resource type, agrees with the reference files, and places types it does
// not know by their name.

import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORY_ORDER, lookupType, oktaCatalog } from '../../src/okta/catalog.js';
import { parseTemplate } from '../../src/okta/names.js';

/** The project's copy of the reference, and ../shared's when it is there (a newer list must not slip through). */
const REFERENCE_DIRS = ['reference/okta', join('..', 'shared', 'okta')].filter((dir) => existsSync(dir));

/** The file's rows; an empty reference file fails here, so the loops below never check nothing. */
function rows(dir: string, file: string): string[][] {
  const found = readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => line.split('\t'));
  if (found.length === 0) throw new Error(`${join(dir, file)} has no rows`);
  return found;
}

describe.each(REFERENCE_DIRS)('against %s', (dir) => {
  it('knows every registered resource type', () => {
    const types = rows(dir, 'resource-types.txt').map(([type]) => type as string);
    expect(types.length).toBeGreaterThanOrEqual(145);
    const missing = types.filter((type) => !oktaCatalog().has(type));
    expect(missing).toEqual([]);
  });

  it('knows the types added after v6.12 and the ones removed in v4', () => {
    const added = rows(dir, 'categories-post-v6.12.tsv').map(([type]) => type as string);
    const text = readFileSync(join(dir, 'resource-types.txt'), 'utf8');
    const removed = [...text.matchAll(/^# REMOVED (okta_\w+)/gm)].map((m) => m[1] as string);
    expect(removed.length).toBeGreaterThan(20);
    expect([...added, ...removed].filter((type) => !oktaCatalog().has(type))).toEqual([]);
  });

  it('uses the reference categories', () => {
    for (const [type, category, subcategory] of rows(dir, 'categories.tsv')) {
      const info = lookupType(type as string);
      expect({ type, category: info.category, subcategory: info.subcategory }).toEqual({
        type,
        category,
        subcategory,
      });
    }
  });

  it('uses the reference risks and reasons', () => {
    for (const [type, deleteRisk, updateRisk, reason] of rows(dir, 'risk.tsv')) {
      const info = lookupType(type as string);
      expect({ type, deleteRisk: info.deleteRisk, updateRisk: info.updateRisk, reason: info.reason }).toEqual(
        {
          type,
          deleteRisk,
          updateRisk,
          reason,
        },
      );
    }
  });

  it('uses the reference replace-forcing attributes', () => {
    for (const [type, attributes] of rows(dir, 'replace-attrs.tsv')) {
      const actual = [...lookupType(type as string).replaceAttrs].sort();
      expect([type, actual]).toEqual([type, (attributes ?? '').split(',').sort()]);
    }
  });
});

describe('every catalog entry', () => {
  const entries = [...oktaCatalog().values()];

  it('has a category shown in the review, a noun and at least one name template', () => {
    for (const entry of entries) {
      expect(CATEGORY_ORDER).toContain(entry.category);
      expect(entry.noun.length).toBeGreaterThan(0);
      expect(entry.names.length).toBeGreaterThan(0);
    }
  });

  it('has templates whose placeholders are attribute paths', () => {
    const templates = entries.flatMap((entry) => entry.names);
    for (const template of templates) expect(template).not.toMatch(/\{(?![@#]?[A-Za-z0-9_.]+\})/);
    const placeholders = templates.flatMap(parseTemplate).filter((part) => typeof part !== 'string');
    expect(placeholders.length).toBeGreaterThan(100);
    for (const part of placeholders) expect(part.path).toMatch(/^[a-z0-9_.]+$/);
  });

  it('marks the secrets the provider does not', () => {
    expect(lookupType('okta_inline_hook').secretAttrs).toEqual(['auth.value', 'headers.*.value']);
    expect(lookupType('okta_event_hook').secretAttrs).toEqual(['auth.value', 'headers.*.value']);
    expect(lookupType('okta_domain_certificate').secretAttrs).toEqual(['private_key']);
    expect(lookupType('okta_email_smtp_server').secretAttrs).toEqual(['password']);
  });
});

describe('types the catalog does not know', () => {
  it.each([
    ['okta_app_brand_new_kind', 'Applications & assignments'],
    ['okta_policy_rule_future', 'Policies & rules'],
    ['okta_oauth2_v1_clients_role_read_only_admin', 'Admin roles & resource sets'],
    ['okta_group_future_thing', 'Groups & group rules'],
    ['okta_zzz_unheard_of', 'Other Okta objects'],
    ['aws_s3_bucket', 'Other'],
    ['terraform_data', 'Other'],
  ])('%s goes to %s', (type, category) => {
    const info = lookupType(type);
    expect(info.category).toBe(category);
    expect(info.known).toBe(false);
    expect(info.names).toContain('{name}');
  });

  it('says a newer okta type needs a human look', () => {
    expect(lookupType('okta_zzz_unheard_of').reason).toMatch(/review it by hand/);
    expect(lookupType('okta_app_brand_new_kind').reason).toMatch(/newer than this action's catalog/);
  });
});
