// The step's last line of defence: an error that nothing awaited or listened for (a stream's 'error' event without
// a listener, a promise nobody awaited) must still end the step as a failure with a reason, as one `::error::` line
// the runner reads, with workflow commands switched on again. Then the process ends: what was running is in an
// unknown state, and the post step finishes an apply a killed step left.

import { asActionError } from './errors.js';
import type { Runtime } from './runtime.js';
import { resumeWorkflowCommands } from './terraform/command-log.js';

export function reportCrashes(runtime: Pick<Runtime, 'info' | 'setFailed' | 'setOutput'>): void {
  const report = (e: unknown): void => {
    resumeWorkflowCommands(runtime);
    const failure = asActionError(e);
    runtime.setFailed(`${failure.reason}: ${failure.message}`);
    try {
      runtime.setOutput('failure-reason', failure.reason);
    } catch {
      // The output file is what failed (a full disk): the error line above says so already.
    }
    process.exit(1);
  };
  process.on('uncaughtException', report);
  process.on('unhandledRejection', report);
}
