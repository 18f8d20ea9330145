// The configuration digest a plan file is applied by: the same checkout gives the same digest; a change to the root
// module, a local module it calls or a var-file gives another; what Terraform writes itself does not count.

import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { configurationDigest } from '../../src/configuration/digest.js';

function checkout(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'okta-tf-digest-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const FILES = {
  'orgs/acme/main.tf': 'module "base" {\n  source = "../../modules/base"\n}\n',
  'orgs/acme/acme.tfvars': 'name = "acme"\n',
  'modules/base/main.tf': 'resource "okta_group" "g" {\n  name = "G"\n}\n',
  'modules/other/main.tf': 'resource "okta_group" "o" {\n  name = "O"\n}\n',
};

async function digest(files: Record<string, string>, varFiles = ['acme.tfvars']): Promise<string> {
  const root = checkout(files);
  return configurationDigest(join(root, 'orgs/acme'), root, varFiles);
}

describe('configuration digest', () => {
  it('is the same for the same checkout, wherever it is', async () => {
    expect(await digest(FILES)).toMatch(/^[0-9a-f]{64}$/);
    expect(await digest(FILES)).toBe(await digest(FILES));
  });

  it.each([
    ['the root module', { 'orgs/acme/main.tf': `${FILES['orgs/acme/main.tf']}# edited\n` }],
    ['a local module it calls', { 'modules/base/main.tf': 'resource "okta_group" "g" {\n  name = "H"\n}\n' }],
    ['a var-file', { 'orgs/acme/acme.tfvars': 'name = "other"\n' }],
    ['a new file beside the root module', { 'orgs/acme/README.md': 'notes\n' }],
    ['the lock file', { 'orgs/acme/.terraform.lock.hcl': 'provider "registry.terraform.io/okta/okta" {}\n' }],
  ])('changes with %s', async (_what, edit) => {
    expect(await digest({ ...FILES, ...edit })).not.toBe(await digest(FILES));
  });

  it("does not change with what Terraform writes, or a module the root doesn't call", async () => {
    const written = {
      'orgs/acme/.terraform/terraform.tfstate': '{"backend": {}}',
      'orgs/acme/terraform.tfstate': '{}',
      'modules/other/main.tf': 'resource "okta_group" "o" {\n  name = "P"\n}\n',
    };
    expect(await digest({ ...FILES, ...written })).toBe(await digest(FILES));
  });
});
