import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHcl, parseHclJson } from '../../src/configuration/hcl.js';
import { readModuleConfiguration } from '../../src/configuration/module.js';

function moduleDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'okta-tf-config-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('native syntax', () => {
  it('keeps reading a block after a nested block closes', () => {
    const file = parseHcl(`provider "okta" {
  request_timeout = 10
  retry {
    max = 3
  }
  org_name = "acme"
  base_url = "okta.com"
}
`);
    const [provider] = file.blocks;
    expect(provider?.labels).toEqual(['okta']);
    expect(provider?.body.attributes.get('org_name')).toBe('acme');
    expect(provider?.body.attributes.get('base_url')).toBe('okta.com');
    expect(provider?.body.blocks.map((b) => b.type)).toEqual(['retry']);
  });

  it('never takes # or // inside a string for a comment, nor } inside a string or heredoc for a block end', () => {
    const file = parseHcl(`module "m" {
  source = "git::https://example.com/okta.git//modules/m?ref=v1" # a comment
  note   = "closing } and # hash"
  policy = <<-EOT
    { "provider": "okta" }
    }
  EOT
  after = "still inside m"
}
/* provider "okta" { org_name = "commented" } */
// provider "okta" {}
# resource "okta_group" "x" {}
`);
    expect(file.blocks.map((b) => [b.type, ...b.labels])).toEqual([['module', 'm']]);
    const attributes = file.blocks[0]?.body.attributes;
    expect(attributes?.get('source')).toBe('git::https://example.com/okta.git//modules/m?ref=v1');
    expect(attributes?.get('note')).toBe('closing } and # hash');
    expect(attributes?.has('policy')).toBe(true);
    expect(attributes?.get('policy')).toBeUndefined();
    expect(attributes?.get('after')).toBe('still inside m');
  });

  it('decodes escapes, keeps $${ as text, and gives no literal for templates and expressions', () => {
    const file = parseHcl(
      'a = "tab\\there \\"q\\" \\u00e9"\nb = "$${not_a_template}"\nc = "${var.x}-suffix"\nd = var.x\ne = "x" # note\nf = { k = "}" }\ng = ["1", "2"]\n',
    );
    expect(Object.fromEntries(file.attributes)).toEqual({
      a: 'tab\there "q" é',
      b: '${not_a_template}',
      c: undefined,
      d: undefined,
      e: 'x',
      f: undefined,
      g: undefined,
    });
    expect(file.strings).toEqual(['tab\there "q" é', '${not_a_template}', 'x', '}', '1', '2']);
  });

  it('reads one-line blocks and blocks without labels', () => {
    const file = parseHcl('provider "okta" { org_name = "acme" }\nterraform {\n  backend "http" {}\n}\n');
    expect(file.blocks.map((b) => [b.type, ...b.labels])).toEqual([['provider', 'okta'], ['terraform']]);
    expect(file.blocks[0]?.body.attributes.get('org_name')).toBe('acme');
    expect(file.blocks[1]?.body.blocks.map((b) => [b.type, ...b.labels])).toEqual([['backend', 'http']]);
  });
});

describe('JSON syntax', () => {
  it('maps terraform, provider, module and resource objects onto blocks', () => {
    const file = parseHclJson(
      JSON.stringify({
        terraform: {
          required_version: '>= 1.5',
          backend: { s3: { bucket: 'state' } },
          required_providers: { okta: { source: 'okta/okta' } },
        },
        provider: {
          okta: [
            { org_name: 'acme', base_url: 'okta.com' },
            { alias: 'eu', org_name: 'acme-eu' },
          ],
        },
        module: { baseline: { source: '../modules/baseline' } },
        resource: { okta_group: { eng: { name: 'Engineering' } } },
      }),
    );
    expect(file.blocks.map((b) => [b.type, ...b.labels])).toEqual([
      ['terraform'],
      ['provider', 'okta'],
      ['provider', 'okta'],
      ['module', 'baseline'],
      ['resource', 'okta_group', 'eng'],
    ]);
    const terraform = file.blocks[0]?.body;
    expect(terraform?.attributes.get('required_version')).toBe('>= 1.5');
    expect(terraform?.blocks.map((b) => [b.type, ...b.labels])).toEqual([
      ['backend', 's3'],
      ['required_providers'],
    ]);
    expect(file.strings).toContain('okta/okta');
  });

  it('reads a file that is not JSON as empty', () => {
    expect(parseHclJson('{ not json').blocks).toEqual([]);
  });
});

describe('a module directory', () => {
  it('says what the action needs from .tf and .tf.json files alike', async () => {
    const dir = moduleDir({
      'main.tf':
        'terraform {\n  required_version = "~> 1.9"\n  backend "pg" {}\n}\nmodule "a" {\n  source = "./a"\n}\n',
      'providers.tf.json': JSON.stringify({ provider: { okta: { org_name: 'acme' } } }),
      'versions.tf.json': JSON.stringify({ terraform: [{ required_version: '< 2.0' }] }),
      'README.md': 'provider "okta" {}',
    });
    const configuration = await readModuleConfiguration(dir);
    expect(configuration.files).toEqual(['main.tf', 'providers.tf.json', 'versions.tf.json']);
    expect(configuration.requiredVersions).toEqual([
      { file: 'main.tf', constraint: '~> 1.9' },
      { file: 'versions.tf.json', constraint: '< 2.0' },
    ]);
    expect(configuration.providers.map((p) => [p.name, Object.fromEntries(p.attributes)])).toEqual([
      ['okta', { org_name: 'acme' }],
    ]);
    expect(configuration.moduleSources).toEqual(['./a']);
    expect(configuration.hasBackend).toBe(true);
    expect(configuration.usesOkta).toBe(true);
  });

  it('uses okta/okta only when the code says so, not a comment', async () => {
    const uses = async (files: Record<string, string>) =>
      (await readModuleConfiguration(moduleDir(files))).usesOkta;
    expect(await uses({ 'a.tf': '# source = "okta/okta"\nresource "terraform_data" "x" {}\n' })).toBe(false);
    expect(
      await uses({
        'a.tf': 'terraform {\n  required_providers {\n    okta = { source = "okta/okta" }\n  }\n}\n',
      }),
    ).toBe(true);
    expect(await uses({ 'a.tf': 'data "okta_group" "everyone" {\n  name = "Everyone"\n}\n' })).toBe(true);
    expect(
      await uses({ 'a.tf': '', '.terraform.lock.hcl': 'provider "registry.terraform.io/okta/okta" {\n}\n' }),
    ).toBe(true);
  });

  it('reads a missing directory as empty', async () => {
    const configuration = await readModuleConfiguration(join(tmpdir(), 'okta-tf-no-such-dir'));
    expect(configuration.files).toEqual([]);
    expect(configuration.usesOkta).toBe(false);
  });
});
