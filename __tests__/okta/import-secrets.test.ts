// The files an import commits go to a branch everyone with read access reads: a line that holds a secret the run
// knows (one okta/okta does not mark sensitive, learned from the plan) is replaced by a comment naming the attribute,
// on disk too, and named in the pull request.

import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withoutSecrets } from '../../src/okta/import-configuration.js';
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
