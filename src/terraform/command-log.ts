// How every Terraform command is logged: the tail of its output kept for classifying a failure, workflow commands
// switched off while it prints, and how long it took.

import { randomUUID } from 'node:crypto';
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
 * Terraform prints values from the configuration and from Okta (names, descriptions...). A line there starting
 * with "::" would be a workflow command to the runner (::add-mask::, ::error::...), so commands are off meanwhile.
 */
export async function withoutWorkflowCommands<T>(log: Log, run: () => Promise<T>): Promise<T> {
  const token = randomUUID();
  log.info(`::stop-commands::${token}`);
  try {
    return await run();
  } finally {
    log.info(`::${token}::`);
  }
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
