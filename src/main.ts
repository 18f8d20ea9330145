// run(): settings → the mode, given its collaborators → outputs. The one place that fails the step.

import { ActionError, errorMessage } from './errors.js';
import { createGitHubClient, type ClientTiming } from './github/octokit.js';
import { runApplyMode } from './modes/apply.js';
import type { ModeContext, ModeRunner } from './modes/context.js';
import { runDiscoverMode } from './modes/discover.js';
import { runDriftMode } from './modes/drift.js';
import { runPlanMode } from './modes/plan.js';
import { SecretScrubber } from './plan/redact.js';
import { failureSummaryMarkdown } from './render/job-summary.js';
import { scrubAroundMarkers } from './render/marker.js';
import { actionsRuntime, scrubbingRuntime, type Runtime } from './runtime.js';
import { readSettings, type Mode, type Settings } from './settings.js';
import { startSession } from './terraform/session.js';

const MODES: Record<Mode, ModeRunner> = {
  plan: runPlanMode,
  apply: runApplyMode,
  drift: runDriftMode,
  discover: runDiscoverMode,
};

export interface RunOptions {
  /** How long the GitHub client waits (GitHub's own defaults unless a local stand-in answers). */
  readonly githubTiming?: ClientTiming;
}

function modeContext(
  settings: Settings,
  runtime: Runtime,
  secrets: SecretScrubber,
  options: RunOptions,
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
    startTerraform: (sessionOptions) => startSession(sessionOptions, runtime),
    secrets,
  };
}

export async function run(runner: Runtime = actionsRuntime(), options: RunOptions = {}): Promise<void> {
  // One scrubber for the run: what it learns is masked in the log at once, and scrubbed from all that leaves.
  const secrets = new SecretScrubber((secret) => runner.setSecret(secret));
  const runtime = scrubbingRuntime(runner, secrets);
  try {
    const settings = readSettings(runtime);
    const outputs = await MODES[settings.mode](settings, modeContext(settings, runtime, secrets, options));
    for (const [name, value] of Object.entries(outputs)) runtime.setOutput(name, value);
  } catch (e) {
    // Scrubbed before the job summary cuts it to fit.
    const message = secrets.scrub(errorMessage(e));
    if (e instanceof ActionError) {
      runtime.setOutput('failure-reason', e.reason);
      runtime.setFailed(`${e.reason}: ${message}`);
      await runtime.appendSummary(failureSummaryMarkdown(e.reason, message)).catch(() => false);
      return;
    }
    runtime.setFailed(`unexpected error (please report it): ${message}`);
  }
}
