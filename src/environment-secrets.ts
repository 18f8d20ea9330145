// Which values of the runner's environment are credentials, so that the run's scrubber knows them before anything
// can print them: Terraform echoes values in its errors (a `tonumber(var.okta_api_token)` prints the token), and
// what the action posts, writes to the job summary or sets as an output goes to GitHub unmasked. They are:
// - okta/okta's credentials (OKTA_API_TOKEN, OKTA_ACCESS_TOKEN, the service app's key, ID and client ID), whatever
//   their length, and every other OKTA_* variable but the org, base URL, scopes and proxy (its URL's credentials);
// - every TF_VAR_* value: how a workflow usually hands Terraform a secret. Put settings that are not secret in a
//   .tfvars file, or they are redacted from the review too;
// - GITHUB_TOKEN, and every variable whose name says TOKEN, SECRET, PASSWORD, PRIVATE, CREDENTIAL or KEY (as a word).
// Apart from okta/okta's credentials, values under 8 characters are left alone: they are flags and short words
// that scrubbing would cut out of ordinary text, not credentials. Each value is learnt whole, line by line (a PEM
// key) and JSON-escaped (plan/redact.ts SecretScrubber.add).

import { CREDENTIAL_VARIABLES } from './okta/credentials.js';
import { urlCredentials } from './plan/redact.js';
import type { Environment } from './runtime.js';

export const MIN_ENVIRONMENT_SECRET_CHARS = 8;

const OKTA_SETTINGS = new Set(['OKTA_ORG_NAME', 'OKTA_BASE_URL', 'OKTA_API_SCOPES', 'OKTA_HTTP_PROXY']);
const SAYS_SECRET = /TOKEN|SECRET|PASSW(?:OR)?D|PRIVATE|CREDENTIAL/i;
const SAYS_KEY = /(?:^|[_-])(?:API)?KEYS?(?:$|[_-])/i;

function isCredentialName(name: string): boolean {
  if (name.startsWith('TF_VAR_') || name === 'GITHUB_TOKEN') return true;
  if (name.startsWith('OKTA_')) return !OKTA_SETTINGS.has(name);
  return SAYS_SECRET.test(name) || SAYS_KEY.test(name);
}

/** The credentials among the environment's values, as they are to be learnt. */
export function environmentSecrets(env: Environment): string[] {
  const found: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (!value?.trim()) continue;
    if ((CREDENTIAL_VARIABLES as readonly string[]).includes(name)) found.push(value);
    else if (name === 'OKTA_HTTP_PROXY') found.push(...urlCredentials(value));
    else if (isCredentialName(name) && value.trim().length >= MIN_ENVIRONMENT_SECRET_CHARS) found.push(value);
  }
  return [...new Set(found)];
}
