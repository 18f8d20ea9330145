// The job being cancelled. The runner sends the step's node process SIGINT, then SIGTERM 7.5 s later, then kills
// the process tree 2.5 s after that (GitHub's workflow cancellation reference). Terraform is a child: it gets
// nothing unless the action passes it on, and an apply killed mid-way loses the state and keeps the lock. So the
// first signal becomes an AbortSignal that a running apply turns into SIGINT for Terraform; the post step finishes
// what a killed main step could not.

import type { Log } from './runtime.js';

export interface Cancellation {
  readonly signal: AbortSignal;
  /** Stops listening (the step is done). */
  dispose(): void;
}

/**
 * Listens for SIGINT and SIGTERM for the length of a run (never on import); a `given` cancellation (the in-process
 * tests') is used instead of the process's signals.
 */
export function listenForCancellation(log: Log, given?: AbortSignal): Cancellation {
  if (given) return { signal: given, dispose: () => undefined };
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      log.info(`${name} again: still waiting for Terraform to save the state.`);
      return;
    }
    log.warning(`${name}: the job is being cancelled.`);
    controller.abort(new Error(`${name}: the job was cancelled`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
