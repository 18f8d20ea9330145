// The files onboarding writes. An object Terraform could not import gets no configuration, and then its import block
// would fail every plan: it is left out and named. The files go to a branch everyone with read access reads: a line
// that holds a secret the run knows (one okta/okta does not mark sensitive, learned from the plan) is replaced by a
// comment naming the attribute, on disk too, and named in the pull request.

import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withoutSecrets, writeImportConfiguration } from '../../src/okta/import-configuration.js';
import { SecretScrubber } from '../../src/plan/redact.js';

const SECRET = 'hook-shared-secret-0123456789abcdef';

describe('withoutSecrets', () => {
  it('replaces each line holding a known secret, and keeps every other line as it is', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'okta-tf-import-secrets-'));
    const generated = [
      'resource "okta_event_hook" "audit" {',
      '  name    = "Audit"',
      `  headers = [{ key = "x-token", value = "${SECRET}" }]`,
      '}',
      '',
      'resource "okta_group" "contractors" {',
      '  name = "Contractors"',
      '}',
      '',
    ].join('\n');
    writeFileSync(join(directory, 'okta_event_hook.tf'), generated);
    writeFileSync(join(directory, 'okta_group.tf'), 'resource "okta_group" "a" {\n  name = "A"\n}\n');
    const secrets = new SecretScrubber();
    secrets.add(SECRET);
    const { texts, leftOut } = await withoutSecrets(
      directory,
      ['okta_event_hook.tf', 'okta_group.tf'],
      secrets,
    );
    expect(leftOut).toEqual(['okta_event_hook.audit: headers']);
    const kept = readFileSync(join(directory, 'okta_event_hook.tf'), 'utf8');
    expect(kept).not.toContain(SECRET);
    expect(kept).toBe(
      generated.replace(
        /^ {2}headers = .*$/m,
        '  # headers: a secret, left out by the import: set it from a sensitive variable',
      ),
    );
    expect(texts.get('okta_event_hook.tf')).toBe(kept);
    expect(texts.get('okta_group.tf')).toBe('resource "okta_group" "a" {\n  name = "A"\n}\n');
  });
});

describe('writeImportConfiguration', () => {
  it('leaves out the import blocks of objects Terraform wrote no configuration for, and says which', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'okta-tf-import-partial-'));
    const formatted: string[][] = [];
    const written = await writeImportConfiguration(
      directory,
      [
        { type: 'okta_group', id: '00g1', name: 'Contractors' },
        { type: 'okta_auth_server_policy', id: '00p1', name: 'Partners', importId: 'aus1/00p1' },
      ],
      {
        // As Terraform does when one import fails: the file holds the others, and the plan fails.
        generate: async (file) => {
          writeFileSync(
            file,
            '# __generated__ by Terraform\nresource "okta_group" "contractors" {\n  name = "Contractors"\n}\n',
          );
          throw new Error('Cannot import non-existent remote object');
        },
        format: async (files) => void formatted.push([...files]),
      },
    );
    expect(written.imported).toEqual({ okta_group: 1 });
    expect(written.notGenerated.map((t) => t.address)).toEqual(['okta_auth_server_policy.partners']);
    expect(written.generationError).toBe('Cannot import non-existent remote object');
    expect(written.files).toEqual(['okta-imports.tf', 'okta_group.tf']);
    expect(formatted).toEqual([['okta-imports.tf', 'okta_group.tf']]);
    const imports = readFileSync(join(directory, 'okta-imports.tf'), 'utf8');
    expect(imports).toContain('to = okta_group.contractors');
    expect(imports).not.toContain('aus1/00p1');
    expect(existsSync(join(directory, 'okta-generated.tf'))).toBe(false);
  });

  it("fails with Terraform's error when it wrote no file at all", async () => {
    const directory = mkdtempSync(join(tmpdir(), 'okta-tf-import-none-'));
    await expect(
      writeImportConfiguration(directory, [{ type: 'okta_group', id: '00g1', name: 'A' }], {
        generate: () => Promise.reject(new Error('Error: Invalid provider configuration')),
        format: () => Promise.resolve(),
      }),
    ).rejects.toThrow('Invalid provider configuration');
  });
});
