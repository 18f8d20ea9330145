// Runs the bundled action and CLI as processes, the way the runner and a shell do.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
}

/** Runs dist/index.js with `inputs` as INPUT_* variables, in a fresh workspace holding `files`. */
export function runAction(
  inputs: Record<string, string>,
  files: Record<string, string | Buffer> = {},
  env: Record<string, string> = {},
): ActionRun {
  const base = mkdtempSync(join(tmpdir(), 'okta-tf-action-'));
  const workspace = join(base, 'workspace');
  const runnerTemp = join(base, 'runner-temp');
  mkdirSync(runnerTemp, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(workspace, path, '..'), { recursive: true });
    writeFileSync(join(workspace, path), content);
  }
  mkdirSync(workspace, { recursive: true });
  const outputFile = join(base, 'output');
  const summaryFile = join(base, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const inputEnv = Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
  );
  const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'index.js')], {
    cwd: workspace,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      RUNNER_TEMP: runnerTemp,
      GITHUB_ACTIONS: 'true',
      ...inputEnv,
      ...env,
    },
  });
  return {
    code: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    stepSummary: readFileSync(summaryFile, 'utf8'),
    workspace,
  };
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
