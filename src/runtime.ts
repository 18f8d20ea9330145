// The I/O of one run behind one small interface: what the runner gives a step (inputs, the log, outputs, the job
// summary, state for the post step). actionsRuntime() is the runner's, through @actions/core; the in-process tests
// record one in memory (testkit/in-process.ts), so a mode runs there exactly as it runs on a runner.

import * as core from '@actions/core';
import { writeFailure } from './errors.js';
import type { Writable } from 'node:stream';
import { truncateToBudget, byteLength } from './render/markdown.js';

export type Environment = Readonly<Record<string, string | undefined>>;

/** What the parts that only talk (Terraform, the GitHub client, the cache) need. */
export interface Log {
  info(message: string): void;
  warning(message: string): void;
  /** Runs `body` inside a collapsed log group. */
  group<T>(title: string, body: () => Promise<T>): Promise<T>;
  /** Where a child process's output is echoed (exec echoes its stderr to the same stream). */
  readonly commandOutput: Writable;
}

export interface Runtime extends Log {
  /** The step's environment (process.env on a runner). */
  readonly env: Environment;
  /** An input, as @actions/core reads it (INPUT_*, trimmed; '' when unset). */
  getInput(name: string): string;
  /** YAML 1.2 booleans, as @actions/core reads them; throws a TypeError for anything else. */
  getBooleanInput(name: string): boolean;
  /** Lines, as @actions/core reads them. */
  getMultilineInput(name: string): string[];
  setSecret(value: string): void;
  setOutput(name: string, value: string): void;
  setFailed(message: string): void;
  saveState(name: string, value: string): void;
  getState(name: string): string;
  /** Appends markdown to the job summary; false when the run has none (outside GitHub Actions). */
  appendSummary(markdown: string): Promise<boolean>;
  /** A workflow annotation on a line of a repository file: a pull request shows it in its diff. */
  annotate(level: AnnotationLevel, message: string, where: Annotation): void;
}

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  readonly title: string;
  /** Relative to the repository root. */
  readonly file: string;
  readonly line: number;
}

/** Runs a write to one of the runner's step files, a refused write (a full disk) named as the file it was. */
function stepFile<T>(variable: string, env: Environment, write: () => T): T {
  try {
    return write();
  } catch (e) {
    throw writeFailure(e, `the step's ${variable} file (${env[variable] ?? 'not set'})`) ?? e;
  }
}

export function actionsRuntime(env: Environment = process.env): Runtime {
  return {
    env,
    getInput: (name) => core.getInput(name),
    getBooleanInput: (name) => core.getBooleanInput(name),
    getMultilineInput: (name) => core.getMultilineInput(name),
    info: (message) => core.info(message),
    warning: (message) => core.warning(message),
    group: (title, body) => core.group(title, body),
    commandOutput: process.stdout,
    setSecret: (value) => core.setSecret(value),
    setOutput: (name, value) => stepFile('GITHUB_OUTPUT', env, () => core.setOutput(name, value)),
    setFailed: (message) => core.setFailed(message),
    saveState: (name, value) => stepFile('GITHUB_STATE', env, () => core.saveState(name, value)),
    getState: (name) => core.getState(name),
    async appendSummary(markdown) {
      if (!env.GITHUB_STEP_SUMMARY) return false;
      try {
        await core.summary.addRaw(markdown, true).write();
      } catch (e) {
        throw writeFailure(e, `the step's GITHUB_STEP_SUMMARY file (${env.GITHUB_STEP_SUMMARY})`) ?? e;
      }
      return true;
    },
    annotate(level, message, { title, file, line }) {
      core[level](message, { title, file, startLine: line });
    },
  };
}

/**
 * The runtime every part of a run is given (main.ts): each value passed to setSecret is masked in the log and
 * learnt by the run's scrubber, and nothing leaves through it (outputs, the job summary, the log, the failure)
 * with a known secret in it. The runner masks only the log; outputs and the summary go to GitHub as written.
 */
export function scrubbingRuntime(
  runtime: Runtime,
  secrets: { add(value: string): void; scrub(text: string): string },
): Runtime {
  const clean = (text: string): string => secrets.scrub(text);
  return {
    ...runtime,
    info: (message) => runtime.info(clean(message)),
    warning: (message) => runtime.warning(clean(message)),
    group: (title, body) => runtime.group(clean(title), body),
    setSecret: (value) => secrets.add(value),
    // A sha256 (the fingerprint) holds no secret, and a short numeric secret must not cut into one.
    setOutput: (name, value) => runtime.setOutput(name, /^[0-9a-f]{64}$/.test(value) ? value : clean(value)),
    setFailed: (message) => runtime.setFailed(clean(message)),
    appendSummary: (markdown) => runtime.appendSummary(clean(markdown)),
    annotate: (level, message, where) =>
      runtime.annotate(level, clean(message), { ...where, title: clean(where.title) }),
  };
}

/** GitHub's limit on what one step writes to its job summary: beyond it the summary is refused, and shows nothing. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;

/**
 * The runtime with one size budget for the step's whole job summary: the review, an apply report and a failure
 * share it, so together they never exceed GitHub's limit. What does not fit is cut at a line break, with a note.
 */
export function budgetedSummary(runtime: Runtime, limit = STEP_SUMMARY_LIMIT): Runtime {
  let used = 0;
  return {
    ...runtime,
    async appendSummary(markdown) {
      // core.summary ends each addition with a line break.
      const room = limit - used - 2;
      if (room < 200) return false;
      const text = truncateToBudget(
        markdown,
        room,
        "_The rest was cut: the step's job summary is at GitHub's 1 MiB limit. The `summary-json` output has the whole plan._",
      );
      used += byteLength(text) + 2;
      return runtime.appendSummary(text);
    },
  };
}
