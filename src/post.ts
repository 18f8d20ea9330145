// The post step (post-if: always()): finishes an apply the main step did not (modes/unfinished-apply.ts); when the
// main step succeeded (it empties the cache's state when it fails), saves the provider cache it restored; then
// removes the run's files that hold secrets, unless keep-run-files (run-files.ts). The cache and the removal only
// ever warn.

import { errorMessage } from './errors.js';
import { createGitHubClient } from './github/octokit.js';
import {
  finishUnfinishedApply,
  parseUnfinishedApply,
  UNFINISHED_APPLY_STATE,
} from './modes/unfinished-apply.js';
import { actionsRuntime, scrubbingRuntime, type Runtime } from './runtime.js';
import { removeRunFiles } from './run-files.js';
import { readSettings } from './settings.js';
import { SecretScrubber } from './plan/redact.js';
import { scrubAroundMarkers } from './render/marker.js';
import { PLUGIN_CACHE_STATE, savePluginCache, type PluginCacheState } from './terraform/cache.js';
import { TerraformRunner } from './terraform/runner.js';
import { terraformEnv } from './terraform/environment.js';

async function finishApply(runtime: Runtime, secrets: SecretScrubber): Promise<void> {
  const record = parseUnfinishedApply(runtime.getState(UNFINISHED_APPLY_STATE));
  if (!record) return;
  const settings = readSettings(runtime);
  const terraform = new TerraformRunner({
    binary: record.binary,
    cwd: record.workingDirectory,
    env: terraformEnv(settings.processEnv, settings.terraform, undefined),
    lockTimeout: settings.terraform.lockTimeout,
    log: runtime,
  });
  const scrub = (text: string): string => scrubAroundMarkers(text, (part) => secrets.scrub(part));
  const github = settings.github.repository
    ? createGitHubClient(settings.github, runtime, {}, scrub)
    : undefined;
  runtime.setFailed(await finishUnfinishedApply(record, terraform, github, runtime));
}

export async function run(runner: Runtime = actionsRuntime()): Promise<void> {
  const secrets = new SecretScrubber((secret) => runner.setSecret(secret));
  const runtime = scrubbingRuntime(runner, secrets);
  try {
    await finishApply(runtime, secrets);
  } catch (e) {
    runtime.setFailed(
      `internal-error: the post step could not finish the interrupted apply (${errorMessage(e)})`,
    );
  }
  try {
    const state = runtime.getState(PLUGIN_CACHE_STATE);
    if (state) await savePluginCache(JSON.parse(state) as PluginCacheState, runtime);
  } catch (e) {
    runtime.warning(`Provider cache not saved (${errorMessage(e)}).`);
  }
  await cleanUp(runtime);
}

/** The run's files removed, unless keep-run-files; settings the main step refused still leave RUNNER_TEMP to clean. */
async function cleanUp(runtime: Runtime): Promise<void> {
  let settings: ReturnType<typeof readSettings> | undefined;
  try {
    settings = readSettings(runtime);
  } catch {
    // The main step failed on the same settings and said why; RUNNER_TEMP is cleaned all the same.
  }
  if (settings?.keepRunFiles) return;
  const tempDir = settings?.tempDir ?? runtime.env.RUNNER_TEMP;
  if (!tempDir) return;
  try {
    await removeRunFiles({ tempDir, workingDirectory: settings?.workingDirectoryPath }, runtime);
  } catch (e) {
    runtime.warning(`The run's files were not all removed (${errorMessage(e)}): they hold secrets.`);
  }
}
