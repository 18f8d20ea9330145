// Okta credentials preflight: when the configuration uses okta/okta, the org and one complete way to authenticate
// must be there (provider block or OKTA_* variables) before Terraform spends minutes on init and refresh only to
// fail with "no Okta credentials provided".

import type { ModuleConfiguration } from '../configuration/module.js';
import { ActionError } from '../errors.js';

/** The provider's settings and the variables it falls back to (okta/okta config.go). */
const SETTINGS = {
  org_name: 'OKTA_ORG_NAME',
  base_url: 'OKTA_BASE_URL',
  http_proxy: 'OKTA_HTTP_PROXY',
  api_token: 'OKTA_API_TOKEN',
  access_token: 'OKTA_ACCESS_TOKEN',
  client_id: 'OKTA_API_CLIENT_ID',
  private_key: 'OKTA_API_PRIVATE_KEY',
  private_key_id: 'OKTA_API_PRIVATE_KEY_ID',
  scopes: 'OKTA_API_SCOPES',
} as const;

type Setting = keyof typeof SETTINGS;

/** Variables whose values are credentials: masked wherever they are set. */
export const CREDENTIAL_VARIABLES = [
  'OKTA_API_TOKEN',
  'OKTA_ACCESS_TOKEN',
  'OKTA_API_PRIVATE_KEY',
  'OKTA_API_PRIVATE_KEY_ID',
  'OKTA_API_CLIENT_ID',
] as const;

function missingParts(
  block: ReadonlySet<string>,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  const has = (setting: Setting): boolean => block.has(setting) || Boolean(env[SETTINGS[setting]]?.trim());
  const missing: string[] = [];
  if (!has('http_proxy')) {
    if (!has('org_name'))
      missing.push('OKTA_ORG_NAME (your org\'s subdomain, e.g. "acme" for acme.okta.com)');
    if (!has('base_url')) missing.push('OKTA_BASE_URL (okta.com, oktapreview.com or okta-emea.com)');
  }
  if (has('api_token') || has('access_token')) return missing;
  const oauth: Setting[] = ['client_id', 'private_key', 'scopes'];
  const oauthMissing = oauth.filter((s) => !has(s)).map((s) => SETTINGS[s]);
  if (oauthMissing.length === oauth.length) {
    missing.push(
      'credentials: OKTA_API_CLIENT_ID + OKTA_API_PRIVATE_KEY + OKTA_API_SCOPES (OAuth service app, recommended), or OKTA_API_TOKEN, or OKTA_ACCESS_TOKEN',
    );
  } else {
    missing.push(...oauthMissing.map((v) => `${v} (the OAuth service app's other settings are set)`));
  }
  return missing;
}

/** Throws credentials-missing naming every variable to set. */
export function checkOktaCredentials(
  configuration: Pick<ModuleConfiguration, 'usesOkta' | 'providers'>,
  env: Readonly<Record<string, string | undefined>>,
): void {
  if (!configuration.usesOkta) return;
  // Each `provider "okta"` block (an alias is a block of its own) must be complete with what the variables add.
  const okta = configuration.providers
    .filter((p) => p.name === 'okta')
    .map((p) => new Set(p.attributes.keys()));
  const blocks = okta.length > 0 ? okta : [new Set<string>()];
  const missing = [...new Set(blocks.flatMap((block) => missingParts(block, env)))];
  if (missing.length === 0) return;
  throw new ActionError(
    'credentials-missing',
    `the configuration uses okta/okta but ${missing.join('; ')} ${missing.length === 1 ? 'is' : 'are'} not set: ` +
      "add them to the job's env from secrets (env: OKTA_API_TOKEN: ${{ secrets.OKTA_API_TOKEN }}), or set them in the provider block",
  );
}
