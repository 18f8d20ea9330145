// What every mode is given besides its settings: the run's I/O, its one GitHub client, how to start Terraform, and
// the run's secrets.
// main.ts builds the real ones; the in-process tests (testkit/in-process.ts) pass the same, pointed at stand-ins.

import type { GitHubClient } from '../github/octokit.js';
import type { Outputs } from '../outputs.js';
import type { SecretScrubber } from '../plan/redact.js';
import type { Runtime } from '../runtime.js';
import type { Settings } from '../settings.js';
import type { SessionOptions, TerraformSession } from '../terraform/session.js';

export interface ModeContext {
  readonly runtime: Runtime;
  /** Undefined when the run has no repository (GITHUB_REPOSITORY unset: a run outside GitHub). */
  readonly github: GitHubClient | undefined;
  readonly startTerraform: (options: SessionOptions) => Promise<TerraformSession>;
  /**
   * The run's one scrubber: every secret the action knows (inputs, credentials, the plan's). Text is scrubbed
   * before it is cut to fit; runtime and GitHub client scrub again on the way out (main.ts).
   */
  readonly secrets: SecretScrubber;
  /** Fires when the job is cancelled (main.ts: the runner's SIGINT/SIGTERM). */
  readonly cancel: AbortSignal;
}

export type ModeRunner = (settings: Settings, context: ModeContext) => Promise<Outputs>;
