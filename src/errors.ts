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

/** The message of anything thrown, on one line: Error or not. */
export function errorMessage(e: unknown): string {
  let text: string;
  if (e instanceof Error) text = e.message;
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
