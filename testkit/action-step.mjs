// Runs the bundled action and CLI as processes, the way the runner and a shell do: INPUT_* variables (with
// action.yml's defaults), GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_STATE, RUNNER_TEMP. Plain JavaScript, so the
// demo and the benches (run by node, unbuilt) use the same runner as the tests.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

export const ROOT = join(import.meta.dirname, '..');

/**
 * @typedef {{ code: number | null, stdout: string, stderr: string }} ProcessResult
 * @typedef {ProcessResult & {
 *   outputs: Record<string, string>,
 *   stepSummary: string,
 *   workspace: string,
 *   job: string,
 *   state: Record<string, string>,
 * }} ActionRun
 *   `job` is the job's directory (runner-temp, the step files, the tool cache), reused by later steps of the same
 *   job; `state` is what the step saved with core.saveState, as the runner hands it to the post step (STATE_*).
 * @typedef {{
 *   files?: Record<string, string | Buffer>,
 *   env?: Record<string, string>,
 *   job?: string,
 *   workspace?: string,
 *   toolCache?: string,
 *   script?: 'index.js' | 'post.js',
 *   state?: Record<string, string>,
 * }} StepOptions
 *   `files` are written into the workspace first; `job` runs in an earlier run's job directory (a later step of the
 *   same job); `workspace` uses an existing checkout instead of a new one; `script` is dist/index.js (default) or
 *   dist/post.js; `state` the STATE_* values for a post step.
 */

/** Parses a GITHUB_OUTPUT (or GITHUB_STATE) file: name=value lines and name<<DELIMITER blocks. */
export function parseOutputFile(/** @type {string} */ text) {
  /** @type {Record<string, string>} */
  const outputs = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const block = /^([^=<]+)<<(.+)$/.exec(line);
    if (block) {
      const end = lines.indexOf(block[2] ?? '', i + 1);
      outputs[block[1] ?? ''] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

/**
 * The defaults action.yml declares: the runner sets INPUT_* for every input, defaulted or given. Expressions like
 * ${{ github.token }} are the runner's to evaluate: callers give such inputs themselves.
 * @returns {Record<string, string>}
 */
export function inputDefaults() {
  /** @type {{ inputs: Record<string, { default?: unknown }> }} */
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
  return Object.fromEntries(
    Object.entries(action.inputs).map(([name, input]) => {
      const text = String(input.default ?? '');
      return [name, text.includes('${{') ? '' : text];
    }),
  );
}

/** INPUT_* variables for `inputs` over action.yml's defaults, as the runner names them. */
export function inputEnv(/** @type {Record<string, string>} */ inputs) {
  return Object.fromEntries(
    Object.entries({ ...inputDefaults(), ...inputs }).map(([name, value]) => [
      `INPUT_${name.replace(/ /g, '_').toUpperCase()}`,
      value,
    ]),
  );
}

/**
 * The directories and environment of one step.
 * @param {Record<string, string>} inputs
 * @param {StepOptions} options
 */
export function prepareStep(inputs, options) {
  const job = options.job ?? mkdtempSync(join(tmpdir(), 'okta-tf-action-'));
  const workspace = options.workspace ?? join(job, 'workspace');
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
  const stateEnv = Object.fromEntries(Object.entries(options.state ?? {}).map(([k, v]) => [`STATE_${k}`, v]));
  /** @type {Record<string, string>} */
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: options.toolCache ?? join(job, 'tool-cache'),
    GITHUB_ACTIONS: 'true',
    ...(process.env.TF_CLI_CONFIG_FILE ? { TF_CLI_CONFIG_FILE: process.env.TF_CLI_CONFIG_FILE } : {}),
    ...inputEnv(inputs),
    ...stateEnv,
    ...options.env,
  };
  /** @returns {ActionRun} */
  const finish = (/** @type {ProcessResult} */ result) => ({
    ...result,
    outputs: parseOutputFile(readFileSync(files.output, 'utf8')),
    stepSummary: readFileSync(files.summary, 'utf8'),
    state: existsSync(files.state) ? parseOutputFile(readFileSync(files.state, 'utf8')) : {},
    workspace,
    job,
  });
  return { env, workspace, job, script: join(ROOT, 'dist', options.script ?? 'index.js'), finish };
}

/**
 * Runs dist/index.js with `inputs` as INPUT_* variables, in a fresh workspace holding `files`, blocking.
 * @param {Record<string, string>} inputs
 * @param {Record<string, string | Buffer>} [files]
 * @param {Record<string, string>} [env]
 * @returns {ActionRun}
 */
export function runAction(inputs, files = {}, env = {}) {
  const step = prepareStep(inputs, { files, env });
  const result = spawnSync(process.execPath, [step.script], {
    cwd: step.workspace,
    encoding: 'utf8',
    env: step.env,
  });
  return step.finish({ code: result.status, stdout: result.stdout, stderr: result.stderr });
}

/**
 * The same, without blocking: servers the caller runs in its own process (state backend, releases mirror, cache
 * service, Okta emulator, provider stand-in) must keep answering while the step runs. `onSpawn` gets the step's
 * process (its own process group, as the runner kills a step's whole tree) to signal it, as the runner does on
 * cancellation.
 * @param {Record<string, string>} inputs
 * @param {StepOptions} [options]
 * @param {(child: import('node:child_process').ChildProcess) => void} [onSpawn]
 * @returns {Promise<ActionRun>}
 */
export async function runStep(inputs, options = {}, onSpawn) {
  const step = prepareStep(inputs, options);
  const child = spawn(process.execPath, [step.script], {
    cwd: step.workspace,
    env: step.env,
    detached: onSpawn !== undefined,
  });
  onSpawn?.(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (/** @type {Buffer} */ data) => (stdout += data.toString('utf8')));
  child.stderr.on('data', (/** @type {Buffer} */ data) => (stderr += data.toString('utf8')));
  /** @type {number | null} */
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  return step.finish({ code, stdout, stderr });
}

/**
 * Runs dist/cli.js with `args`, `stdin` piped in.
 * @param {string[]} args
 * @param {string | Buffer} [stdin]
 * @returns {ProcessResult}
 */
export function runCli(args, stdin) {
  const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input: stdin,
    maxBuffer: 1 << 28,
    env: { PATH: process.env.PATH ?? '' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
