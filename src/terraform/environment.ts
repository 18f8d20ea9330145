// The environment Terraform runs in: the runner's, minus what only the action's own step may use, plus what the
// settings ask for.

import type { Environment } from '../runtime.js';
import type { TerraformSettings } from '../settings.js';

/**
 * What only the action's own step may use: the runner's files for its outputs, summary, environment and state (what
 * the step says is the action's to say), and the run's runtime tokens (its artifacts are the records an apply trusts,
 * modes/run-records.ts; OIDC tokens name the workflow). No Terraform process (a provider, an external data source,
 * a provisioner of the configuration under review) gets them.
 */
const STEP_FILES = new Set([
  'GITHUB_OUTPUT',
  'GITHUB_STEP_SUMMARY',
  'GITHUB_ENV',
  'GITHUB_PATH',
  'GITHUB_STATE',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_RUNTIME_URL',
  'ACTIONS_CACHE_URL',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_URL',
]);

/**
 * The environment Terraform runs in: the runner's, minus the action's inputs and the step's files, plus what the
 * settings ask for.
 */
export function terraformEnv(
  processEnv: Environment,
  terraform: Pick<TerraformSettings, 'workspace' | 'maxApiCapacity'>,
  pluginCacheDir: string | undefined,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(processEnv)) {
    if (value !== undefined && !name.startsWith('INPUT_') && !STEP_FILES.has(name)) env[name] = value;
  }
  env.TF_IN_AUTOMATION = 'true';
  env.TF_INPUT = '0';
  if (pluginCacheDir) env.TF_PLUGIN_CACHE_DIR = pluginCacheDir;
  // The workspace input wins; `workspace select` refuses to run while TF_WORKSPACE overrides it.
  if (terraform.workspace) delete env.TF_WORKSPACE;
  if (terraform.maxApiCapacity) env.MAX_API_CAPACITY = String(terraform.maxApiCapacity);
  return env;
}
