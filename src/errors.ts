// One error type for everything the action reports as a failure, and one way to read any thrown value.

export const FAILURE_REASONS = [
  'invalid-input',
  'credentials-missing',
  'init-failed',
  'plan-failed',
  'rate-limited',
  'state-locked',
  'plan-changed',
  'plan-not-found',
  'high-risk-not-approved',
  'apply-failed',
  'state-not-saved',
  'cancelled',
  'github-unavailable',
  'internal-error',
] as const;

export type FailureReason = (typeof FAILURE_REASONS)[number];

/** A failure with a reason (the `failure-reason` output) and a one-line message that names the problem and the fix. */
export class ActionError extends Error {
  override name = 'ActionError';
  constructor(
    readonly reason: FailureReason,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Any thrown value as the failure it is: an ActionError as it is; a full disk, a stack too deep for a value, or
 * anything else the action did not foresee, as internal-error with what happened. Every failure has a reason.
 */
export function asActionError(e: unknown): ActionError {
  if (e instanceof ActionError) return e;
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOSPC') {
    return new ActionError(
      'internal-error',
      `the runner's disk is full (${errorMessage(e)}): free space (or use a larger runner), then re-run`,
    );
  }
  return new ActionError('internal-error', `unexpected error (please report it): ${errorMessage(e)}`);
}

/** The message of anything thrown, on one line: Error or not. */
export function errorMessage(e: unknown): string {
  let text: string;
  // Error-like too: an error from another realm (a VM context) is no instanceof Error here.
  const message = (e as { message?: unknown } | null)?.message;
  if (e instanceof Error) text = e.message;
  else if (typeof e === 'object' && typeof message === 'string') text = message;
  else if (typeof e === 'string') text = e;
  else {
    try {
      text = JSON.stringify(e) ?? String(e);
    } catch {
      text = String(e);
    }
  }
  return text.replace(/\s*\r?\n\s*/g, ' ').trim() || 'unknown error';
}
