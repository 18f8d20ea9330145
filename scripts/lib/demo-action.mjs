// Runs the bundled action (dist/index.js) as the runner does: INPUT_* variables (with action.yml's defaults),
// GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP. Asynchronous: the emulator and the provider stand-in answer
// from this process while it runs.
import { performance } from 'node:perf_hooks';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const ACTION = resolve('dist/index.js');

function inputDefaults() {
  const action = parse(readFileSync('action.yml', 'utf8'));
  return Object.fromEntries(
    Object.entries(action.inputs).map(([name, input]) => [
      name,
      String(input.default ?? '').includes('${{') ? '' : String(input.default ?? ''),
    ]),
  );
}

/** Key=value and name<<DELIMITER blocks, as GITHUB_OUTPUT holds them. */
function parseOutputs(text) {
  const outputs = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const block = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (block) {
      const end = lines.indexOf(block[2], i + 1);
      outputs[block[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i].includes('=')) {
      outputs[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1);
    }
  }
  return outputs;
}

/**
 * @param {{ title: string, repo: string, mode: string, inputs: Record<string,string>, extraInputs?: Record<string,string>, env: Record<string,string>, quiet?: boolean }} run
 */
export async function runAction({ title, repo, mode, inputs, extraInputs = {}, env, quiet = false }) {
  const step = mkdtempSync(join(tmpdir(), 'okta-tf-demo-'));
  const runnerTemp = join(step, 'temp');
  mkdirSync(runnerTemp);
  const files = { output: join(step, 'output'), summary: join(step, 'summary') };
  for (const file of Object.values(files)) writeFileSync(file, '');
  const all = { ...inputDefaults(), ...inputs, mode, ...extraInputs };
  const started = performance.now();
  const child = spawn(process.execPath, [ACTION], {
    cwd: repo,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...(process.env.TF_CLI_CONFIG_FILE ? { TF_CLI_CONFIG_FILE: process.env.TF_CLI_CONFIG_FILE } : {}),
      GITHUB_WORKSPACE: repo,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      RUNNER_TEMP: runnerTemp,
      RUNNER_TOOL_CACHE: join(tmpdir(), 'okta-tf-demo-tool-cache'),
      ...Object.fromEntries(
        Object.entries(all).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
      ),
      ...env,
    },
  });
  let log = '';
  child.stdout.on('data', (data) => (log += data));
  child.stderr.on('data', (data) => (log += data));
  const code = await new Promise((done) => child.on('close', done));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const summary = readFileSync(files.summary, 'utf8');
  const outputs = parseOutputs(readFileSync(files.output, 'utf8'));
  const steps = log
    .split('\n')
    .filter((line) =>
      /^(terraform [a-z -]+: [\d.]+ s|::error::|::warning::|Terraform \d|Plan: |No changes|Applied)/.test(
        line,
      ),
    )
    .map((line) => `  ${line}`)
    .join('\n');
  process.stdout.write(
    `\n━━━━ ${title} (exit ${code}, ${seconds} s) ━━━━\n${steps}\n${quiet ? '' : `\n${summary}`}`,
  );
  if (code !== 0) throw new Error(`${title} failed:\n${log}`);
  return { title, summary, outputs, log, seconds: Number(seconds) };
}
