// The state backend's settings. `backend-config` lines go to Terraform in a private file, never on a command line
// (the runner echoes command lines, and other processes can read them), and their values are masked.

import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ActionError } from '../errors.js';
import { urlCredentials } from '../plan/redact.js';

export interface BackendSetting {
  readonly key: string;
  readonly value: string;
}

/** `key=value` lines; blank lines and `#` comments are skipped. Errors never quote a value. */
export function parseBackendConfig(text: string): BackendSetting[] {
  const settings: BackendSetting[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq > 0 ? line.slice(0, eq).trim() : '';
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) {
      throw new ActionError(
        'invalid-input',
        `backend-config line ${i + 1} is not key=value: write one setting per line, like bucket=acme-okta-state`,
      );
    }
    settings.push({ key, value: line.slice(eq + 1).trim() });
  });
  return settings;
}

/** Keys whose value is a credential whatever it looks like (a numeric password too). */
const SECRET_KEY = /pass|secret|token|key|credential|conn_str|sas|signature/i;
/**
 * Who, not how: a user name alone opens nothing, and masked it would garble the log wherever it appears ("ci" in
 * "capacity"). Its password is masked.
 */
const NAME_KEY = /^(username|user)$/i;

/**
 * Values worth masking: every value of a credential key, and any other value but user names, booleans and numbers (they carry
 * no secret, and masking them would garble every log line); plus the credentials inside URLs (user:password,
 * ?access_token=...), which Terraform's errors may quote on their own.
 */
export function backendSecrets(settings: readonly BackendSetting[]): string[] {
  return settings.flatMap(({ key, value }) => {
    if (value === '' || NAME_KEY.test(key)) return [];
    const plain = /^(true|false|-?\d+(\.\d+)?)$/i.test(value) && !SECRET_KEY.test(key);
    return plain ? [] : [value, ...urlCredentials(value)];
  });
}

/** An HCL string literal: Terraform would otherwise read `${` and `%{` in a password as template syntax. */
export function hclString(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, '%%{')
    // Any other control character, as \uNNNN (none belongs in a setting, but none may break the file either).
    .replace(/\p{Cc}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `"${escaped}"`;
}

export function backendConfigText(settings: readonly BackendSetting[]): string {
  return settings.map(({ key, value }) => `${key} = ${hclString(value)}\n`).join('');
}

/** Writes the settings to a file only this user can read, for `-backend-config=FILE`. */
export async function writeBackendConfig(settings: readonly BackendSetting[], dir: string): Promise<string> {
  const path = join(dir, 'backend.tfbackend');
  await writeFile(path, backendConfigText(settings), { mode: 0o600 });
  await chmod(path, 0o600);
  return path;
}

/** Settings that say where state is, never who may read it. */
const LOCATION_KEYS = [
  'address',
  'bucket',
  'key',
  'prefix',
  'region',
  'path',
  'workspace_dir',
  'workspace_key_prefix',
  'storage_account_name',
  'container_name',
  'resource_group_name',
  'hostname',
  'organization',
  'workspaces',
  'schema_name',
  'conn_str',
  'endpoint',
];

/** A URL without user, password and query (a pg conn_str carries its password in either). */
function withoutCredentials(value: string): string {
  try {
    const url = new URL(value);
    url.username = '';
    url.password = '';
    url.search = '';
    return url.toString();
  } catch {
    return value.includes('@') || /password/i.test(value) ? '(not a URL)' : value;
  }
}

/**
 * The backend's type and location, from what `terraform init` recorded in the data directory: part of the
 * fingerprint, so a plan reviewed against one state can't be applied to another.
 */
export async function backendIdentity(
  workingDirectory: string,
  dataDir: string | undefined,
): Promise<string> {
  let recorded: unknown;
  try {
    const path = join(workingDirectory, dataDir || '.terraform', 'terraform.tfstate');
    recorded = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return 'local';
  }
  const backend = (recorded as { backend?: { type?: unknown; config?: Record<string, unknown> } } | null)
    ?.backend;
  if (!backend || typeof backend.type !== 'string') return 'local';
  return backendIdentityOf(backend.type, backend.config ?? {});
}

/** A backend's type and location (LOCATION_KEYS, credentials taken out) from its configuration. */
export function backendIdentityOf(type: string, config: Readonly<Record<string, unknown>>): string {
  const location: Record<string, unknown> = {};
  for (const key of LOCATION_KEYS) {
    const value = config[key];
    if (value === undefined || value === null || value === '') continue;
    location[key] = typeof value === 'string' ? withoutCredentials(value) : value;
  }
  return `${type} ${JSON.stringify(location)}`;
}

/** Whether two identities name one backend: no backend block at all is the local backend with its defaults. */
export function sameBackend(a: string, b: string): boolean {
  const plain = (identity: string) => (identity === 'local {}' ? 'local' : identity);
  return plain(a) === plain(b);
}
