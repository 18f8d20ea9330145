import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { affectedRoots, findRootModules, matrixOf } from '../../src/discover/roots.js';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');

function repository(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'okta-tf-roots-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('root modules', () => {
  it('finds the example orgs and the shared module they call', async () => {
    const roots = await findRootModules(EXAMPLES);
    expect(roots).toEqual([
      { directory: 'orgs/preview', modules: ['modules/okta-baseline'] },
      { directory: 'orgs/production', modules: ['modules/okta-baseline'] },
    ]);
  });

  it('a change to the shared module affects both orgs; one org’s file only that org', async () => {
    const roots = await findRootModules(EXAMPLES);
    const dirs = (files: string[]) => affectedRoots(roots, files).map((r) => r.directory);
    expect(dirs(['modules/okta-baseline/apps.tf'])).toEqual(['orgs/preview', 'orgs/production']);
    expect(dirs(['orgs/preview/main.tf', 'README.md'])).toEqual(['orgs/preview']);
    expect(dirs(['README.md', '.github/workflows/ci.yml'])).toEqual([]);
  });

  it('follows modules through modules, names the org from literals, and makes unique labels', async () => {
    const root = repository({
      'eu/prod/main.tf':
        'terraform {\n  backend "s3" {}\n}\nprovider "okta" {\n  org_name = "acme-eu"\n  base_url = "okta-emea.com"\n}\nmodule "a" {\n  source = "../../modules/a"\n}\n',
      'us/prod/main.tf': 'provider "okta" {}\nmodule "b" {\n  source = "../../modules/b"\n}\n',
      'modules/a/main.tf': 'module "b" {\n  source = "../b"\n}\n',
      'modules/b/main.tf': 'resource "okta_group" "g" {\n  name = "G"\n}\n',
      // A module with a provider block that another calls is not a root.
      'modules/c/main.tf': 'provider "okta" {}\n',
      'eu/prod/nested.tf': '# source = "../../modules/c"\n',
    });
    const roots = await findRootModules(root);
    expect(roots).toEqual([
      { directory: 'eu/prod', modules: ['modules/a', 'modules/b'], org: 'acme-eu.okta-emea.com' },
      { directory: 'modules/c', modules: [] },
      { directory: 'us/prod', modules: ['modules/b'] },
    ]);
    expect(matrixOf(roots).include).toEqual([
      { directory: 'eu/prod', label: 'eu-prod', key: 'EU_PROD', org: 'acme-eu.okta-emea.com' },
      { directory: 'modules/c', label: 'c', key: 'C' },
      { directory: 'us/prod', label: 'us-prod', key: 'US_PROD' },
    ]);
    expect(affectedRoots(roots, ['modules/b/main.tf']).map((r) => r.directory)).toEqual([
      'eu/prod',
      'us/prod',
    ]);
  });

  it('names the org from a provider block with nested blocks before its literals', async () => {
    const root = repository({
      'orgs/prod/main.tf':
        'provider "okta" {\n  retry {\n    max = 3\n  }\n  org_name = "acme"\n  base_url = "okta.com"\n}\n',
      'orgs/json/main.tf.json': JSON.stringify({
        terraform: { backend: { http: {} } },
        provider: { okta: { org_name: 'acme-json', base_url: 'oktapreview.com' } },
      }),
    });
    expect(await findRootModules(root)).toEqual([
      { directory: 'orgs/json', modules: [], org: 'acme-json.oktapreview.com' },
      { directory: 'orgs/prod', modules: [], org: 'acme.okta.com' },
    ]);
  });
});
