// What every mode is given besides its settings: the run's I/O, its one GitHub client, and how to start Terraform.
// main.ts builds the real ones; the in-process tests (testkit/in-process.ts) pass the same, pointed at stand-ins.

import type { GitHubClient } from '../github/octokit.js';
import type { Outputs } from '../outputs.js';
import type { Runtime } from '../runtime.js';
import type { Settings } from '../settings.js';
import type { SessionOptions, TerraformSession } from '../terraform/session.js';

export interface ModeContext {
  readonly runtime: Runtime;
  /** Undefined when the run has no repository (GITHUB_REPOSITORY unset: a run outside GitHub). */
  readonly github: GitHubClient | undefined;
  readonly startTerraform: (options: SessionOptions) => Promise<TerraformSession>;
}

export type ModeRunner = (settings: Settings, context: ModeContext) => Promise<Outputs>;
