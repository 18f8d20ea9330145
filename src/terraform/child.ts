// One Terraform process: started with the session's binary, directory and environment, its output handed over as
// it comes (in chunks, or in lines for `-json` streams), and SIGINT sent to it when the job is cancelled, which
// Terraform answers by finishing the calls in flight, saving the state and releasing the lock. Never killed on
// cancellation: the runner kills the step's process tree itself 10 s after cancelling (SIGINT, then SIGTERM 7.5 s
// later).

import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ChildExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface ChildOptions {
  readonly binary: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** Fires when the job is cancelled. */
  readonly cancel?: AbortSignal | undefined;
  /** Called once, when SIGINT is sent. */
  readonly onCancel?: () => void;
  /**
   * SIGKILL this long after SIGINT if it is still running: only for commands that save nothing (state push, pull),
   * stopped for taking too long; an apply is never killed by the action.
   */
  readonly killAfterMs?: number;
}

export type Output =
  | { readonly lines: false; stdout(chunk: Buffer): void; stderr(chunk: Buffer): void }
  | { readonly lines: true; stdout(line: string): void; stderr(line: string): void };

export function runChild(options: ChildOptions, output: Output): Promise<ChildExit> {
  const child = spawn(options.binary, options.args, {
    cwd: options.cwd,
    env: { ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let killer: NodeJS.Timeout | undefined;
  const interrupt = (): void => {
    options.onCancel?.();
    child.kill('SIGINT');
    if (options.killAfterMs !== undefined)
      killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
  };
  if (options.cancel?.aborted) interrupt();
  else options.cancel?.addEventListener('abort', interrupt, { once: true });
  if (output.lines) {
    createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (line) => output.stdout(line));
    createInterface({ input: child.stderr, crlfDelay: Infinity }).on('line', (line) => output.stderr(line));
  } else {
    child.stdout.on('data', (chunk: Buffer) => output.stdout(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.stderr(chunk));
  }
  return new Promise<ChildExit>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      options.cancel?.removeEventListener('abort', interrupt);
      clearTimeout(killer);
      resolve({ code, signal });
    });
  });
}
