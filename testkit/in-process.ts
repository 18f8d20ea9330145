// Runs the action's main step from src/ in this process, the way the runner runs dist/index.js: the same INPUT_*
// variables and environment (action-step.mjs prepares both), main.ts's run() with every collaborator real
// (settings, Terraform, the GitHub client), only the step's I/O recorded in memory instead of the runner's files,
// and the GitHub client's waits shortened for the local stand-in. The result has the shape of a process run, with
// the log as the runner would show it (::warning::, ::error::, ::group:: lines), so one assertion reads both.

import * as core from '@actions/core';
import { EOL } from 'node:os';
import { Writable } from 'node:stream';
import { run, type RunOptions } from '../src/main.js';
import { run as runPostStep } from '../src/post.js';
import type { Environment, Runtime } from '../src/runtime.js';
import { prepareStep, type ActionRun, type StepOptions } from './action-step.mjs';

/** Test timing for the GitHub stand-in: 1 ms per second of retry-after, no spacing between writes. */
export const FAST_GITHUB = { retryAfterBaseValue: 1, unspacedWrites: true } as const;
/**
 * Pushes of a refused state: 3 tries, 100 ms then 200 ms apart, each stopped after 1.5 s (the action's defaults: 4
 * tries, 2, 4 and 8 s apart, 60 s each).
 */
export const FAST_STATE_PUSH = { tries: 3, firstDelayMs: 100, pushMs: 1_500 } as const;

export interface RecordingRuntime extends Runtime {
  /** The log, as the runner would print it. */
  readonly stdout: () => string;
  readonly outputs: Record<string, string>;
  readonly state: Record<string, string>;
  readonly summary: () => string;
  /**
   * Values passed to setSecret. As on the runner, each is shown as *** in every log line written after it was
   * registered (the ::add-mask:: line itself is never shown), and in none written before.
   */
  readonly secrets: string[];
  readonly failed: () => boolean;
}

/**
 * @actions/core's own readers, over this step's INPUT_* variables: each read sets the one variable it reads in
 * process.env for the moment of the read, so the parsing is the library's, not a copy of it.
 */
function coreRead<T>(env: Environment, name: string, read: (name: string) => T): T {
  const key = `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
  const saved = process.env[key];
  const value = env[key];
  if (value === undefined) delete process.env[key];
  else process.env[key] = value;
  try {
    return read(name);
  } finally {
    if (saved === undefined) delete process.env[key];
    else process.env[key] = saved;
  }
}

export function recordingRuntime(env: Environment, state: Record<string, string> = {}): RecordingRuntime {
  let stdout = '';
  let summary = '';
  let failed = false;
  const outputs: Record<string, string> = {};
  const saved: Record<string, string> = {};
  const secrets: string[] = [];
  const masked = (text: string): string =>
    [...secrets].sort((a, b) => b.length - a.length).reduce((t, secret) => t.split(secret).join('***'), text);
  const line = (text: string): void => {
    stdout += `${masked(text)}\n`;
  };
  return {
    env,
    getInput: (name) => coreRead(env, name, (n) => core.getInput(n)),
    getBooleanInput: (name) => coreRead(env, name, (n) => core.getBooleanInput(n)),
    getMultilineInput: (name) => coreRead(env, name, (n) => core.getMultilineInput(n)),
    info: line,
    warning: (message) => line(`::warning::${message}`),
    // As @actions/core writes it (its escaping aside).
    annotate: (level, message, { title, file, line: at }) =>
      line(`::${level} title=${title},file=${file},line=${at}::${message}`),
    async group(title, body) {
      line(`::group::${title}`);
      try {
        return await body();
      } finally {
        line('::endgroup::');
      }
    },
    commandOutput: new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        stdout += masked(chunk.toString());
        done();
      },
    }),
    setSecret: (value) => secrets.push(value),
    setOutput: (name, value) => {
      outputs[name] = value;
    },
    setFailed: (message) => {
      failed = true;
      line(`::error::${message}`);
    },
    saveState: (name, value) => {
      saved[name] = value;
    },
    getState: (name) => state[name] ?? '',
    async appendSummary(markdown) {
      // core.summary.addRaw(markdown, true) ends what it adds with a line break.
      summary += `${markdown}${EOL}`;
      return true;
    },
    stdout: () => stdout,
    outputs,
    state: saved,
    summary: () => summary,
    secrets,
    failed: () => failed,
  };
}

/** A run's result, and what it masked (the runner shows each as *** from then on). */
export type InProcessRun = ActionRun & { readonly secrets: readonly string[] };

function result(runtime: RecordingRuntime, step: { workspace: string; job: string }): InProcessRun {
  return {
    secrets: [...runtime.secrets],
    code: runtime.failed() ? 1 : 0,
    stdout: runtime.stdout(),
    stderr: '',
    outputs: { ...runtime.outputs },
    stepSummary: runtime.summary(),
    state: { ...runtime.state },
    workspace: step.workspace,
    job: step.job,
  };
}

/** The action's main step (or, with script: 'post.js', its post step) from src/, in this process. */
export async function runInProcess(
  inputs: Record<string, string>,
  options: StepOptions = {},
  runOptions: RunOptions = {},
): Promise<InProcessRun> {
  const step = prepareStep(inputs, options);
  const runtime = recordingRuntime(step.env, options.state);
  const restore = withRunnerVariables(step.env);
  const release = captureLibraryOutput(runtime);
  try {
    if (options.script === 'post.js') await runPostStep(runtime);
    else
      await run(runtime, {
        githubTiming: FAST_GITHUB,
        statePushRetry: FAST_STATE_PUSH,
        // Never the process's signals: jest's own SIGINT is not a cancelled job.
        cancel: new AbortController().signal,
        ...runOptions,
      });
  } finally {
    release();
    restore();
  }
  return result(runtime, step);
}

/**
 * What libraries write to the step's stdout themselves (@actions/artifact logs through @actions/core): into the
 * run's log, as the runner shows it, and each ::add-mask:: registered as the runner does.
 */
function captureLibraryOutput(runtime: RecordingRuntime): () => void {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array): boolean => {
    for (const line of chunk.toString().split(/\r?\n/)) {
      const mask = /^::add-mask::(.*)$/.exec(line);
      if (mask) runtime.setSecret(mask[1] ?? '');
      else if (line) runtime.info(line);
    }
    return true;
  }) as typeof process.stdout.write;
  return () => {
    process.stdout.write = write;
  };
}

/**
 * The variables that libraries read from process.env themselves, not through the runtime: @actions/artifact's
 * runtime token and results service. Set for the run, as the runner sets them for the step's process.
 */
const RUNNER_VARIABLES = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL'] as const;

function withRunnerVariables(env: Environment): () => void {
  const saved = RUNNER_VARIABLES.map((name) => [name, process.env[name]] as const);
  for (const name of RUNNER_VARIABLES) {
    const value = env[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
