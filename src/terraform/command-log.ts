// How every Terraform command is logged: the tail of its output kept for classifying a failure, its output saved to
// a file when it must not reach the log yet, workflow commands switched off while it prints, and how long it took.

import { randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { Writable } from 'node:stream';
import { errorMessage, writeFailure } from '../errors.js';
import type { Log } from '../runtime.js';

/** Keeps the tail of a command's output for classifying failures, without holding a huge log in memory. */
export class OutputTail {
  private text = '';
  constructor(private readonly limit = 512 * 1024) {}
  add(chunk: Buffer | string): void {
    this.text += chunk.toString();
    if (this.text.length > this.limit * 2) this.text = this.text.slice(-this.limit);
  }
  toString(): string {
    return this.text;
  }
}

/**
 * A command's output saved to an owner-only file. A write the file refuses (a full disk) is kept, not thrown from the
 * stream (an unhandled 'error' event would end the process mid-command); close() throws it as write-failed.
 */
export class SavedOutput {
  private failure: unknown;
  private readonly file: WriteStream;
  /** What the command's output is written to: once the file failed, the rest goes nowhere, and the command runs on. */
  readonly stream: Writable;

  constructor(private readonly path: string) {
    this.file = createWriteStream(path, { mode: 0o600 });
    this.file.on('error', (e: unknown) => {
      this.failure ??= e;
    });
    this.stream = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        if (this.failure !== undefined || this.file.destroyed) done();
        else this.file.write(chunk, () => done());
      },
    });
  }

  async close(what: string): Promise<void> {
    // Every chunk handed to the file first (the stream queues them while the file writes), then the file closed.
    await new Promise<void>((resolve) => this.stream.end(() => resolve()));
    await new Promise<void>((resolve) => {
      this.file.once('close', () => resolve());
      if (this.file.destroyed) resolve();
      else this.file.end();
    });
    if (this.failure === undefined) return;
    const named = writeFailure(this.failure, `${what} (${this.path})`);
    throw named ?? (this.failure instanceof Error ? this.failure : new Error(errorMessage(this.failure)));
  }
}

/**
 * Terraform prints values from the configuration and from Okta (names, descriptions...). A line there starting
 * with "::" would be a workflow command to the runner (::add-mask::, ::error::...), so commands are off meanwhile.
 */
export async function withoutWorkflowCommands<T>(log: Pick<Log, 'info'>, run: () => Promise<T>): Promise<T> {
  const token = randomUUID();
  log.info(`::stop-commands::${token}`);
  stopped.add(token);
  try {
    return await run();
  } finally {
    stopped.delete(token);
    log.info(`::${token}::`);
  }
}

/** Tokens of the workflow commands switched off now: a crash must switch them on again, or its ::error:: is text. */
const stopped = new Set<string>();

/** Switches workflow commands on again, wherever a crash left them off. */
export function resumeWorkflowCommands(log: Pick<Log, 'info'>): void {
  for (const token of stopped) log.info(`::${token}::`);
  stopped.clear();
}

/** Says how long a Terraform command took: most of a run's time is Terraform and Okta's API, and that shows it. */
export async function timed<T>(log: Log, title: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await run();
  } finally {
    log.info(`${title}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}
