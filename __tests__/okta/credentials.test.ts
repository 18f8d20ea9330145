import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readModuleConfiguration } from '../../src/configuration/module.js';
import { checkOktaCredentials } from '../../src/okta/credentials.js';

async function configuration(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'okta-tf-creds-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return readModuleConfiguration(dir);
}

const USES_OKTA = {
  'versions.tf':
    'terraform {\n  required_providers {\n    okta = { source = "okta/okta", version = "~> 6.0" }\n  }\n}\n',
};
const ORG = { OKTA_ORG_NAME: 'acme', OKTA_BASE_URL: 'okta.com' };

function failure(check: () => void): string {
  try {
    check();
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

describe('Okta credentials preflight', () => {
  it('does nothing when the configuration does not use okta/okta', async () => {
    const config = await configuration({ 'main.tf': 'resource "terraform_data" "x" {} # okta_group' });
    expect(config.usesOkta).toBe(false);
    expect(() => checkOktaCredentials(config, {})).not.toThrow();
  });

  it('accepts each complete way to authenticate', async () => {
    const config = await configuration(USES_OKTA);
    for (const auth of [
      { OKTA_API_TOKEN: 't' },
      { OKTA_ACCESS_TOKEN: 't' },
      { OKTA_API_CLIENT_ID: 'c', OKTA_API_PRIVATE_KEY: 'k', OKTA_API_SCOPES: 'okta.groups.manage' },
    ]) {
      expect(() => checkOktaCredentials(config, { ...ORG, ...auth })).not.toThrow();
    }
  });

  it('names each missing variable', async () => {
    const config = await configuration(USES_OKTA);
    expect(
      failure(() => checkOktaCredentials(config, { OKTA_ORG_NAME: 'acme', OKTA_API_TOKEN: 'secret-token' })),
    ).toBe(
      'the configuration uses okta/okta but OKTA_BASE_URL (okta.com, oktapreview.com or okta-emea.com) is not set: ' +
        "add them to the job's env from secrets (env: OKTA_API_TOKEN: ${{ secrets.OKTA_API_TOKEN }}), or set them in the provider block",
    );
    expect(failure(() => checkOktaCredentials(config, ORG))).toMatch(
      /OKTA_API_CLIENT_ID \+ OKTA_API_PRIVATE_KEY \+ OKTA_API_SCOPES .*or OKTA_API_TOKEN, or OKTA_ACCESS_TOKEN/,
    );
    const partial = failure(() => checkOktaCredentials(config, { ...ORG, OKTA_API_CLIENT_ID: '0oa1' }));
    expect(partial).toMatch(/OKTA_API_PRIVATE_KEY \(the OAuth .*; OKTA_API_SCOPES/);
  });

  it('counts what each provider block sets, aliases included', async () => {
    const config = await configuration({
      ...USES_OKTA,
      'providers.tf': `provider "okta" {
  org_name = "acme"
  base_url = "okta.com"
  api_token = var.token # from a variable
}
provider "okta" {
  alias    = "preview"
  org_name = "acme-preview"
  nested {
    base_url = "x"
  }
}
`,
    });
    expect(config.providers.map((p) => [...p.attributes.keys()].sort())).toEqual([
      ['api_token', 'base_url', 'org_name'],
      ['alias', 'org_name'],
    ]);
    expect(failure(() => checkOktaCredentials(config, {}))).toMatch(/OKTA_BASE_URL .*; credentials:/);
    expect(() =>
      checkOktaCredentials(config, { OKTA_BASE_URL: 'oktapreview.com', OKTA_API_TOKEN: 't' }),
    ).not.toThrow();
  });

  it('finds okta/okta in resources, provider blocks and the lock file', async () => {
    expect((await configuration({ 'a.tf': 'resource "okta_group" "g" {}' })).usesOkta).toBe(true);
    expect(
      (await configuration({ '.terraform.lock.hcl': 'provider "registry.terraform.io/okta/okta" {}' }))
        .usesOkta,
    ).toBe(true);
  });
});
