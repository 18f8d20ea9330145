// One Terraform session: install, provider cache, backend init, workspace, validate; then plan into a file, show
// that plan as JSON, and apply that very plan file. It runs Terraform and nothing else: what the plan means is
// plan/'s to say, whether it may be applied the modes'.

import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { providerLogEnv, throttleLines, throttlingIn, type BucketThrottling } from './provider-log.js';
import { join } from 'node:path';
import type { ModuleConfiguration } from '../configuration/module.js';
import { ActionError, errorMessage } from '../errors.js';
import type { Environment, Log, Runtime } from '../runtime.js';
import type { TerraformSettings } from '../settings.js';
import { confirmedByState, type ApplyReport } from './apply-log.js';
import { backendIdentity, writeBackendConfig } from './backend.js';
import { PLUGIN_CACHE_STATE, restorePluginCache } from './cache.js';
import { installTerraform } from './install.js';
import { currentPlatform } from './releases.js';
import { TerraformRunner } from './runner.js';
import {
  pushErroredState,
  recoveryCommand,
  stateInstances,
  type ErroredState,
  type RecoveryOptions,
} from './state-recovery.js';
import { terraformEnv } from './environment.js';
import { resolveVersionRequest } from './version-request.js';

export interface SessionOptions {
  readonly terraform: TerraformSettings;
  /** The root module, absolute. */
  readonly workingDirectory: string;
  /** The checkout: version files are searched up to here. */
  readonly repositoryPath: string;
  /** RUNNER_TEMP: the session's private directory (plan file, backend settings) is made here. */
  readonly tempDir: string;
  /** The runner's environment, which Terraform's processes inherit (minus the action's inputs). */
  readonly processEnv: Environment;
  /** The configuration's required_version settings, for the version to install. */
  readonly requiredVersions: ModuleConfiguration['requiredVersions'];
  /** Fires when the job is cancelled: a running apply is stopped with SIGINT and waited for. */
  readonly cancel?: AbortSignal;
  /** How often, and how patiently, a state the backend refused is pushed again (state-recovery.ts's defaults). */
  readonly statePushRetry?: Pick<RecoveryOptions, 'tries' | 'firstDelayMs' | 'pushMs'>;
}

/** What a session logs, and the post step's state it leaves (the provider cache to save). */
export type SessionLog = Log & Pick<Runtime, 'saveState'>;

export interface SavedPlan {
  readonly planFile: string;
  /** Terraform's -detailed-exitcode said the plan changes something. */
  readonly hasChanges: boolean;
  /**
   * Puts the plan's text in the log. Held back until the plan's secrets are masked: call it once the plan's JSON
   * has been read.
   */
  printOutput(): Promise<void>;
}

export interface PlanJson {
  /** `terraform show -json` of the plan, owner-only, written as the chunks stream by. Holds secrets in the clear. */
  readonly path: string;
  readonly chunks: AsyncIterable<Buffer>;
}

export interface TerraformSession {
  /** The backend's type and location (never credentials), for the fingerprint. */
  readonly backend: string;
  /** The waits okta/okta logged for Okta's rate limits since the last call (provider-log.ts). */
  throttling(): Promise<BucketThrottling[]>;
  /** The terraform (or tofu) binary: the post step uses it to push a state a killed apply left. */
  readonly binary: string;
  /** With generateConfigOut, Terraform also writes the configuration of what import blocks bring in. */
  plan(options?: { readonly generateConfigOut?: string }): Promise<SavedPlan>;
  /** The plan's JSON, or without a plan file the state's (no refresh). */
  showJson(planFile?: string): PlanJson;
  /** `terraform fmt` of files the action wrote. */
  format(files: readonly string[]): Promise<void>;
  /**
   * Never throws for a failed apply: the report (as the saved state confirms it) comes back with the classified
   * failure. A state the backend refused is pushed again here, and kept privately when it can't be.
   */
  apply(planFile: string): Promise<ApplyResult>;
}

export interface ApplyResult {
  readonly report: ApplyReport;
  readonly failure?: ActionError;
  /** Set when Terraform could not save the state itself (errored.tfstate). */
  readonly erroredState?: ErroredState;
}

/** Passes the chunks on while writing them to `path` (owner-only: plan JSON holds sensitive values). */
async function* teeToFile(chunks: AsyncIterable<Buffer>, path: string): AsyncGenerator<Buffer> {
  const file = await open(path, 'w', 0o600);
  try {
    for await (const chunk of chunks) {
      await file.write(chunk);
      yield chunk;
    }
  } finally {
    await file.close();
  }
}

async function initialize(runner: TerraformRunner, options: SessionOptions, dir: string): Promise<void> {
  const tf = options.terraform;
  const secretFile =
    tf.backendConfig.length > 0 ? await writeBackendConfig(tf.backendConfig, dir) : undefined;
  try {
    await runner.init([...tf.backendConfigFiles, ...(secretFile ? [secretFile] : [])]);
  } finally {
    // Init has copied what it needs into .terraform/; the settings file must not outlive it.
    if (secretFile) await rm(secretFile, { force: true });
  }
  if (tf.workspace) await runner.selectWorkspace(tf.workspace);
  await runner.validate();
}

export async function startSession(options: SessionOptions, log: SessionLog): Promise<TerraformSession> {
  const tf = options.terraform;
  const request = await resolveVersionRequest({
    input: tf.version,
    inputName: 'terraform-version',
    distribution: tf.distribution,
    required: options.requiredVersions,
    directory: options.workingDirectory,
    root: options.repositoryPath,
  });
  const installed = await installTerraform(
    {
      setup: tf.setup,
      distribution: tf.distribution,
      request,
      ...(tf.releasesUrl ? { releasesUrl: tf.releasesUrl } : {}),
      ...(tf.releasesPublicKey ? { releasesPublicKey: tf.releasesPublicKey } : {}),
      ...(options.processEnv.TERRAFORM_CLI_PATH ? { cliPath: options.processEnv.TERRAFORM_CLI_PATH } : {}),
    },
    log,
  );
  const dir = await mkdtemp(join(options.tempDir, 'okta-tf-'));
  const providerLog = join(dir, 'provider.log');
  let throttleLinesTold = 0;
  const platform = currentPlatform();
  const cache = await restorePluginCache(
    {
      dir: options.processEnv.TF_PLUGIN_CACHE_DIR || join(options.tempDir, 'okta-tf-plugin-cache'),
      workingDirectory: options.workingDirectory,
      os: platform.os,
      arch: platform.arch,
      distribution: installed.distribution,
      version: installed.version,
    },
    log,
  );
  if (cache) log.saveState(PLUGIN_CACHE_STATE, JSON.stringify(cache));
  const runner = new TerraformRunner({
    binary: installed.binary,
    cwd: options.workingDirectory,
    env: {
      ...terraformEnv(options.processEnv, tf, cache?.dir),
      ...providerLogEnv(options.processEnv, providerLog),
    },
    lockTimeout: tf.lockTimeout,
    log,
    cancel: options.cancel,
  });
  await initialize(runner, options, dir);
  const backend = await backendIdentity(options.workingDirectory, options.processEnv.TF_DATA_DIR);

  return {
    backend,
    binary: installed.binary,
    async throttling() {
      const lines = await throttleLines(providerLog);
      const told = throttleLinesTold;
      throttleLinesTold = lines.length;
      return throttlingIn(lines.slice(told));
    },
    async plan(planOptions = {}) {
      const varFiles = [...tf.varFiles];
      const variablesFile = join(dir, 'variables.tfvars');
      if (tf.variables.trim()) {
        await writeFile(variablesFile, tf.variables, { mode: 0o600 });
        varFiles.push(variablesFile);
      }
      const planFile = join(dir, 'plan.tfplan');
      const outputFile = join(dir, 'plan.txt');
      try {
        const hasChanges = await runner.plan({
          planFile,
          varFiles,
          targets: tf.targets,
          refresh: tf.refresh,
          outputFile,
          ...planOptions,
          ...(tf.parallelism ? { parallelism: tf.parallelism } : {}),
        });
        return {
          planFile,
          hasChanges,
          printOutput: () => runner.printSaved(outputFile, 'terraform plan (output)'),
        };
      } finally {
        // The values may be secrets; the plan file has what apply needs.
        await rm(variablesFile, { force: true });
      }
    },
    showJson(planFile) {
      const path = join(dir, planFile ? 'plan.json' : 'state.json');
      return { path, chunks: teeToFile(runner.showJson(planFile), path) };
    },
    format: (files) => runner.format(files),
    async apply(planFile) {
      const outcome = await runner.apply(planFile, tf.parallelism);
      const erroredState = await pushErroredState(runner, log, {
        workingDirectory: options.workingDirectory,
        tempDir: options.tempDir,
        ...options.statePushRetry,
      });
      let instances: Map<string, string> | undefined;
      try {
        instances = stateInstances(await runner.statePull());
      } catch (e) {
        log.warning(`The state could not be read back after the apply (${errorMessage(e)}).`);
      }
      const report = confirmedByState(outcome.report, instances);
      const failure = applyFailure(outcome.failure, report, erroredState, options.workingDirectory);
      return { report, ...(failure ? { failure } : {}), ...(erroredState ? { erroredState } : {}) };
    },
  };
}

/** "Error: ..." lines that only say the state was not saved (or its lock not released): the push mends those. */
const STATE_SAVE_ONLY =
  /^Error: (Failed to (save|persist|write) state|Error releasing the state lock|Failed to upload state)/;

/**
 * Why the apply failed, once the state was pushed again and read back. A state never saved is its own failure
 * (state-not-saved, with the command that saves it); an apply whose only error was the state, pushed since and
 * confirmed, succeeded.
 */
function applyFailure(
  failure: ActionError | undefined,
  report: ApplyReport,
  erroredState: ErroredState | undefined,
  workingDirectory: string,
): ActionError | undefined {
  if (erroredState?.kind === 'not-saved') {
    return new ActionError(
      'state-not-saved',
      `Okta was changed but the backend refused the new state (${erroredState.cause}). It is kept, owner-only, in ` +
        `${erroredState.file} (the errored-state-path output): it holds secrets, so never upload it in the clear. ` +
        `Before any other plan or apply, once the backend is back, run: ${recoveryCommand(erroredState.file, workingDirectory)}`,
    );
  }
  if (report.unconfirmed.length > 0 && failure?.reason !== 'cancelled') {
    return new ActionError(
      'state-not-saved',
      `Terraform reported ${report.unconfirmed.length} object(s) applied that the backend's state does not hold ` +
        `(${report.unconfirmed
          .map((o) => o.address)
          .slice(0, 5)
          .join(', ')}): check the backend, then plan again before any apply`,
    );
  }
  const errors = report.diagnostics.split('\n').filter((line) => line.startsWith('Error: '));
  const stateOnly = errors.length > 0 && errors.every((line) => STATE_SAVE_ONLY.test(line));
  if (erroredState?.kind === 'pushed' && stateOnly && report.failed.length === 0) return undefined;
  return failure;
}
