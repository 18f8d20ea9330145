import { describe, expect, it } from '@jest/globals';
import type { TerraformSettings } from '../../src/settings.js';
import { terraformEnv } from '../../src/terraform/environment.js';

const TERRAFORM: TerraformSettings = {
  setup: true,
  distribution: 'terraform',
  version: '',
  backendConfig: [],
  backendConfigFiles: [],
  varFiles: [],
  variables: '',
  targets: [],
  refresh: true,
  lockTimeout: '5m',
};

describe("Terraform's environment", () => {
  const runner = {
    PATH: '/bin',
    OKTA_API_TOKEN: 't',
    'INPUT_BACKEND-CONFIG': 'password=x',
    TF_WORKSPACE: 'old',
    // The run's artifacts are records an apply trusts: no provider or data source under review may write them.
    ACTIONS_RUNTIME_TOKEN: 'runtime-token',
    ACTIONS_RESULTS_URL: 'https://results',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc',
  };

  it('is the runner’s, without the action’s inputs and the run’s tokens, non-interactive, with the plugin cache', () => {
    expect(terraformEnv(runner, TERRAFORM, '/cache')).toEqual({
      PATH: '/bin',
      OKTA_API_TOKEN: 't',
      TF_WORKSPACE: 'old',
      TF_IN_AUTOMATION: 'true',
      TF_INPUT: '0',
      TF_PLUGIN_CACHE_DIR: '/cache',
    });
  });

  it('lets the workspace input win over TF_WORKSPACE, and sets MAX_API_CAPACITY for okta/okta', () => {
    const env = terraformEnv(
      runner,
      { ...TERRAFORM, workspace: 'production', maxApiCapacity: 50 },
      undefined,
    );
    expect(env.TF_WORKSPACE).toBeUndefined();
    expect(env.MAX_API_CAPACITY).toBe('50');
    expect(env.TF_PLUGIN_CACHE_DIR).toBeUndefined();
  });
});
