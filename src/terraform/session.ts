// One Terraform session for a mode: install, credentials preflight, provider cache, backend init, workspace,
// validate; then plan (streamed into the summary) and, for apply, apply that very plan file.

import * as core from '@actions/core';
import { mkdtemp, open, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ActionError } from '../errors.js';
import { checkOktaCredentials, readOktaConfiguration } from '../okta/credentials.js';
import { FingerprintBuilder } from '../plan/fingerprint.js';
import { planChunks } from '../plan/input.js';
import { summarizePlan } from '../plan/summarize.js';
import type { PlanSummary } from '../plan/types.js';
import type { Settings } from '../settings.js';
import { backendIdentity, writeBackendConfig } from './backend.js';
import { PLUGIN_CACHE_STATE, restorePluginCache } from './cache.js';
import { installTerraform } from './install.js';
import { currentPlatform } from './releases.js';
import { TerraformRunner } from './runner.js';
import { resolveVersionRequest } from './version-request.js';

export interface TerraformSession {
  readonly runner: TerraformRunner;
  /** The backend's type and location (never credentials), for the fingerprint. */
  readonly backend: string;
  /** A private directory in RUNNER_TEMP for this run's files (plan file, backend settings). */
  readonly dir: string;
}

export interface PlanResult {
  readonly planFile: string;
  /** `terraform show -json` of the plan, kept while it streamed into the summary. Holds secrets in the clear. */
  readonly jsonPlanFile: string;
  readonly hasChanges: boolean;
  readonly summary: PlanSummary;
  /** Each changed object's digest (fingerprint.ts), to say what differs from a reviewed plan. */
  readonly digests: ReadonlyMap<string, string>;
}

/** The environment Terraform runs in: the runner's, minus the action's inputs, plus what the settings ask for. */
export function terraformEnv(settings: Settings, pluginCacheDir: string | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(settings.processEnv)) {
    if (value !== undefined && !name.startsWith('INPUT_')) env[name] = value;
  }
  env.TF_IN_AUTOMATION = 'true';
  env.TF_INPUT = '0';
  if (pluginCacheDir) env.TF_PLUGIN_CACHE_DIR = pluginCacheDir;
  // The workspace input wins; `workspace select` refuses to run while TF_WORKSPACE overrides it.
  if (settings.terraform.workspace) delete env.TF_WORKSPACE;
  if (settings.terraform.maxApiCapacity) env.MAX_API_CAPACITY = String(settings.terraform.maxApiCapacity);
  return env;
}

/** A typo in working-directory would otherwise "plan" an empty configuration: no changes, all green. */
async function requireConfiguration(settings: Settings): Promise<void> {
  const names = await readdir(settings.workingDirectoryPath).catch(() => [] as string[]);
  if (!names.some((name) => name.endsWith('.tf') || name.endsWith('.tf.json'))) {
    throw new ActionError(
      'invalid-input',
      `working-directory ${settings.workingDirectory} has no Terraform files (.tf): give the directory of the org's root module, relative to the repository`,
    );
  }
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

export async function startSession(settings: Settings): Promise<TerraformSession> {
  const tf = settings.terraform;
  await requireConfiguration(settings);
  checkOktaCredentials(await readOktaConfiguration(settings.workingDirectoryPath), settings.processEnv);
  const request = await resolveVersionRequest({
    input: tf.version,
    inputName: 'terraform-version',
    distribution: tf.distribution,
    directory: settings.workingDirectoryPath,
    root: settings.repositoryPath,
  });
  const installed = await installTerraform({
    setup: tf.setup,
    distribution: tf.distribution,
    request,
    ...(tf.releasesUrl ? { releasesUrl: tf.releasesUrl } : {}),
    ...(tf.releasesPublicKey ? { releasesPublicKey: tf.releasesPublicKey } : {}),
  });
  const dir = await mkdtemp(join(settings.tempDir, 'okta-tf-'));
  const platform = currentPlatform();
  const pluginCacheDir =
    settings.processEnv.TF_PLUGIN_CACHE_DIR || join(settings.tempDir, 'okta-tf-plugin-cache');
  const cache = await restorePluginCache({
    dir: pluginCacheDir,
    workingDirectory: settings.workingDirectoryPath,
    os: platform.os,
    arch: platform.arch,
    distribution: installed.distribution,
    version: installed.version,
  });
  if (cache) core.saveState(PLUGIN_CACHE_STATE, JSON.stringify(cache));
  const runner = new TerraformRunner({
    binary: installed.binary,
    cwd: settings.workingDirectoryPath,
    env: terraformEnv(settings, cache?.dir),
    lockTimeout: tf.lockTimeout,
  });
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
  const backend = await backendIdentity(settings.workingDirectoryPath, settings.processEnv.TF_DATA_DIR);
  return { runner, backend, dir };
}

export async function planAndSummarize(session: TerraformSession, settings: Settings): Promise<PlanResult> {
  const tf = settings.terraform;
  const varFiles = [...tf.varFiles];
  if (tf.variables.trim()) {
    const path = join(session.dir, 'variables.tfvars');
    await writeFile(path, tf.variables, { mode: 0o600 });
    varFiles.push(path);
  }
  const planFile = join(session.dir, 'plan.tfplan');
  let hasChanges: boolean;
  try {
    hasChanges = await session.runner.plan({
      planFile,
      varFiles,
      targets: tf.targets,
      refresh: tf.refresh,
      ...(tf.parallelism ? { parallelism: tf.parallelism } : {}),
    });
  } finally {
    // The values may be secrets; the plan file has what apply needs.
    await rm(join(session.dir, 'variables.tfvars'), { force: true });
  }
  const jsonPlanFile = join(session.dir, 'plan.json');
  const json = teeToFile(session.runner.showJson(planFile), jsonPlanFile);
  const fingerprint = new FingerprintBuilder();
  const summary = await summarizePlan(planChunks(json), { env: settings.env, fingerprint });
  return { planFile, jsonPlanFile, hasChanges, summary, digests: fingerprint.objectDigests() };
}
