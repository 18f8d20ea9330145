// Runs the bundled action and CLI as processes, the way the runner and a shell do.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '..', '..');

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Parses a GITHUB_OUTPUT file (name=value lines and name<<DELIMITER blocks). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const block = /^([^=<]+)<<(.+)$/.exec(line);
    if (block) {
      const [, name, delimiter] = block;
      const end = lines.indexOf(delimiter as string, i + 1);
      outputs[name as string] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

export interface ActionRun extends ProcessResult {
  outputs: Record<string, string>;
  stepSummary: string;
  workspace: string;
  /** The job's directory: runner-temp, the step files, the tool cache (reused by later steps of the same job). */
  job: string;
  /** What the step saved with core.saveState, as the runner hands it to the post step (STATE_* variables). */
  state: Record<string, string>;
}

/** The defaults action.yml declares: the runner sets INPUT_* for every input, defaulted or given. */
function inputDefaults(): Record<string, string> {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  // Expressions like ${{ github.token }} are the runner's to evaluate: tests give such inputs themselves.
  const value = (text = ''): string => (text.includes('${{') ? '' : text);
  return Object.fromEntries(
    Object.entries(action.inputs).map(([name, input]) => [name, value(input.default)]),
  );
}

export interface StepOptions {
  /** Files to write into the workspace before the step runs. */
  files?: Record<string, string | Buffer>;
  env?: Record<string, string>;
  /** Run in this job directory (from an earlier ActionRun) instead of a new one: a later step of the same job. */
  job?: string;
  /** dist/index.js (default) or dist/post.js. */
  script?: 'index.js' | 'post.js';
  /** STATE_* values for a post step. */
  state?: Record<string, string>;
}

function prepareStep(inputs: Record<string, string>, options: StepOptions) {
  const job = options.job ?? mkdtempSync(join(tmpdir(), 'okta-tf-action-'));
  const workspace = join(job, 'workspace');
  const runnerTemp = join(job, 'runner-temp');
  mkdirSync(runnerTemp, { recursive: true });
  mkdirSync(workspace, { recursive: true });
  for (const [path, content] of Object.entries(options.files ?? {})) {
    mkdirSync(join(workspace, path, '..'), { recursive: true });
    writeFileSync(join(workspace, path), content);
  }
  const step = mkdtempSync(join(job, 'step-'));
  const files = { output: join(step, 'output'), summary: join(step, 'summary'), state: join(step, 'state') };
  for (const file of Object.values(files)) writeFileSync(file, '');
  const inputEnv = Object.fromEntries(
    Object.entries({ ...inputDefaults(), ...inputs }).map(([name, value]) => [
      `INPUT_${name.toUpperCase()}`,
      value,
    ]),
  );
  const stateEnv = Object.fromEntries(Object.entries(options.state ?? {}).map(([k, v]) => [`STATE_${k}`, v]));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: join(job, 'tool-cache'),
    GITHUB_ACTIONS: 'true',
    ...(process.env.TF_CLI_CONFIG_FILE ? { TF_CLI_CONFIG_FILE: process.env.TF_CLI_CONFIG_FILE } : {}),
    ...inputEnv,
    ...stateEnv,
    ...options.env,
  };
  const finish = (result: ProcessResult): ActionRun => ({
    ...result,
    outputs: parseOutputFile(readFileSync(files.output, 'utf8')),
    stepSummary: readFileSync(files.summary, 'utf8'),
    state: existsSync(files.state) ? parseOutputFile(readFileSync(files.state, 'utf8')) : {},
    workspace,
    job,
  });
  return { env, workspace, script: join(ROOT, 'dist', options.script ?? 'index.js'), finish };
}

/** Runs dist/index.js with `inputs` as INPUT_* variables, in a fresh workspace holding `files`. */
export function runAction(
  inputs: Record<string, string>,
  files: Record<string, string | Buffer> = {},
  env: Record<string, string> = {},
): ActionRun {
  const step = prepareStep(inputs, { files, env });
  const result = spawnSync(process.execPath, [step.script], {
    cwd: step.workspace,
    encoding: 'utf8',
    env: step.env,
  });
  return step.finish({ code: result.status, stdout: result.stdout, stderr: result.stderr });
}

/**
 * The same, without blocking: servers the test runs in this process (state backend, releases mirror, cache
 * service) must keep answering while the step runs.
 */
export async function runStep(inputs: Record<string, string>, options: StepOptions = {}): Promise<ActionRun> {
  const step = prepareStep(inputs, options);
  const child = spawn(process.execPath, [step.script], { cwd: step.workspace, env: step.env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (data: Buffer) => (stdout += data.toString('utf8')));
  child.stderr.on('data', (data: Buffer) => (stderr += data.toString('utf8')));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  return step.finish({ code, stdout, stderr });
}

/** Runs dist/cli.js with `args`, `stdin` piped in. */
export function runCli(args: string[], stdin?: string | Buffer): ProcessResult {
  const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input: stdin,
    maxBuffer: 1 << 28,
    env: { PATH: process.env.PATH ?? '' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
