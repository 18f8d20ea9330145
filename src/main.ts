// run(): settings → the mode, given its collaborators → outputs. The one place that fails the step: every failure,
// foreseen or not, ends here with a reason.

import { listenForCancellation } from './cancellation.js';
import { reportCrashes } from './crash.js';
import { asActionError, errorMessage } from './errors.js';
import { createGitHubClient, type ClientTiming } from './github/octokit.js';
import { runApplyMode } from './modes/apply.js';
import { runApprovalsMode } from './modes/approvals.js';
import type { ModeContext, ModeRunner } from './modes/context.js';
import { runDiscoverMode } from './modes/discover.js';
import { runDriftMode } from './modes/drift.js';
import { runImportMode } from './modes/import.js';
import { runPlanMode } from './modes/plan.js';
import { SecretScrubber } from './plan/redact.js';
import { failureSummaryMarkdown } from './render/job-summary.js';
import { scrubAroundMarkers } from './render/marker.js';
import { actionsRuntime, budgetedSummary, scrubbingRuntime, type Runtime } from './runtime.js';
import { readSettings, type Mode, type Settings } from './settings.js';
import { PLUGIN_CACHE_STATE } from './terraform/cache.js';
import { startSession, type SessionOptions } from './terraform/session.js';

const MODES: Record<Mode, ModeRunner> = {
  plan: runPlanMode,
  apply: runApplyMode,
  approvals: runApprovalsMode,
  drift: runDriftMode,
  discover: runDiscoverMode,
  import: runImportMode,
};

export interface RunOptions {
  /** How long the GitHub client waits (GitHub's own defaults unless a local stand-in answers). */
  readonly githubTiming?: ClientTiming;
  /** The job's cancellation; by default the process's SIGINT and SIGTERM (the runner's). */
  readonly cancel?: AbortSignal;
  /** How patiently a refused state is pushed again (state-recovery.ts's defaults unless a test shortens them). */
  readonly statePushRetry?: SessionOptions['statePushRetry'];
}

function modeContext(
  settings: Settings,
  runtime: Runtime,
  secrets: SecretScrubber,
  options: RunOptions & { readonly cancel: AbortSignal },
): ModeContext {
  const { github } = settings;
  const client = github.repository
    ? createGitHubClient(github, runtime, options.githubTiming, (text) =>
        scrubAroundMarkers(text, (part) => secrets.scrub(part)),
      )
    : undefined;
  return {
    runtime,
    github: client,
    startTerraform: (sessionOptions) =>
      startSession(
        {
          ...sessionOptions,
          cancel: options.cancel,
          ...(options.statePushRetry ? { statePushRetry: options.statePushRetry } : {}),
        },
        runtime,
      ),
    secrets,
    cancel: options.cancel,
  };
}

export async function run(runner: Runtime = actionsRuntime(), options: RunOptions = {}): Promise<void> {
  // One scrubber for the run: what it learns is masked in the log at once, and scrubbed from all that leaves.
  const secrets = new SecretScrubber((secret) => runner.setSecret(secret));
  // One size budget for all the step writes to its job summary (GitHub refuses a step's summary over 1 MiB).
  const runtime = scrubbingRuntime(budgetedSummary(runner), secrets);
  const cancellation = listenForCancellation(runtime, options.cancel);
  const cancel = cancellation.signal;
  try {
    const settings = readSettings(runtime);
    const outputs = await MODES[settings.mode](
      settings,
      modeContext(settings, runtime, secrets, { ...options, cancel }),
    );
    for (const [name, value] of Object.entries(outputs)) runtime.setOutput(name, value);
  } catch (e) {
    const failure = asActionError(e);
    // Scrubbed before the job summary cuts it to fit.
    const message = secrets.scrub(failure.message);
    // The error line first: the runner's files (state, outputs, summary) may be what failed (a full disk).
    runtime.setFailed(`${failure.reason}: ${message}`);
    // The post step runs after a failure too (to finish an interrupted apply): it keeps no cache of a failed run.
    tellRunner(runtime, () => runtime.saveState(PLUGIN_CACHE_STATE, ''));
    tellRunner(runtime, () => runtime.setOutput('failure-reason', failure.reason));
    await runtime.appendSummary(failureSummaryMarkdown(failure.reason, message)).catch(() => false);
  } finally {
    cancellation.dispose();
  }
}

/** A write to the runner's step files while failing: when it fails too, the log says so, and the failure stands. */
function tellRunner(runtime: Runtime, write: () => void): void {
  try {
    write();
  } catch (e) {
    runtime.info(`The runner's step file was not written (${errorMessage(e)}).`);
  }
}

/** The step as the runner starts it (index.ts): run(), with a crash still reported as a failure with a reason. */
export async function main(): Promise<void> {
  const runtime = actionsRuntime();
  reportCrashes(runtime);
  await run(runtime);
}
