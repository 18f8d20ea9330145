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
  'not-approved',
  'approvals-unreadable',
  'apply-failed',
  'state-not-saved',
  'cancelled',
  'github-unavailable',
  'write-failed',
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

/** errno codes of a write the runner's disk or a pipe refused: the runner's trouble, not the action's. */
const WRITE_ERRORS: Readonly<Record<string, string>> = {
  ENOSPC: "the runner's disk is full",
  EDQUOT: "the runner's disk quota is used up",
  EFBIG: 'a file grew past the size the runner allows',
  EIO: "the runner's disk failed a write",
  EROFS: 'the file system is read-only',
  EPIPE: 'the reader of a pipe went away',
};

/** A failed write (a full disk, a broken pipe) as the failure it is, naming the file; undefined for anything else. */
export function writeFailure(e: unknown, what?: string): ActionError | undefined {
  const { code, path } = (e ?? {}) as { code?: unknown; path?: unknown };
  const cause = typeof code === 'string' ? WRITE_ERRORS[code] : undefined;
  if (!cause) return undefined;
  const where = what ?? (typeof path === 'string' ? path : undefined);
  return new ActionError(
    'write-failed',
    `${cause}: writing ${where ?? 'a file'} failed (${errorMessage(e)}): free space on the runner (RUNNER_TEMP and the checkout) or use a larger runner, then re-run`,
  );
}

/**
 * Any thrown value as the failure it is: an ActionError as it is; a failed write as write-failed; a stack too deep
 * for a value, or anything else the action did not foresee, as internal-error with what happened. Every failure has
 * a reason.
 */
export function asActionError(e: unknown): ActionError {
  if (e instanceof ActionError) return e;
  return (
    writeFailure(e) ??
    new ActionError('internal-error', `unexpected error (please report it): ${errorMessage(e)}`)
  );
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
