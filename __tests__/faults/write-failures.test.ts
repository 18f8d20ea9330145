// Issue 28 (c): a write the runner refuses (its disk full, a pipe gone) is a named failure with a reason, the failed
// plan's comment and workflow commands switched on again; never a crash. /dev/full refuses every write with ENOSPC,
// as a full RUNNER_TEMP does; the real terraform writes the output.

import { describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { ActionError } from '../../src/errors.js';
import type { Log } from '../../src/runtime.js';
import { reportCrashes } from '../../src/crash.js';
import { SavedOutput, withoutWorkflowCommands } from '../../src/terraform/command-log.js';
import { TerraformRunner } from '../../src/terraform/runner.js';
import { runStep } from '../../testkit/action-step.mjs';
import { rejection } from '../../testkit/plans.js';

jest.setTimeout(120_000);

function recordingLog(): Log & { text(): string } {
  let text = '';
  const commandOutput = new PassThrough();
  commandOutput.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return {
    info: (message) => void (text += `${message}\n`),
    warning: (message) => void (text += `::warning::${message}\n`),
    group: async (title, body) => {
      text += `::group::${title}\n`;
      try {
        return await body();
      } finally {
        text += '::endgroup::\n';
      }
    },
    commandOutput,
    text: () => text,
  };
}

describe('a full disk under the plan', () => {
  it('fails the plan with write-failed naming the file, and switches workflow commands on again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'okta-tf-full-'));
    writeFileSync(join(dir, 'main.tf'), 'resource "terraform_data" "a" {\n  input = "x"\n}\n');
    const log = recordingLog();
    const runner = new TerraformRunner({
      binary: 'terraform',
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TF_IN_AUTOMATION: 'true' },
      lockTimeout: '5s',
      log,
    });
    await runner.init([]);
    const plan = runner.plan({
      planFile: join(dir, 'plan.tfplan'),
      varFiles: [],
      targets: [],
      refresh: true,
      outputFile: '/dev/full',
    });
    const e = await rejection(plan);
    expect(e).toBeInstanceOf(ActionError);
    expect((e as ActionError).reason).toBe('write-failed');
    expect((e as ActionError).message).toMatch(
      /^the runner's disk is full: writing the output of terraform plan \(\/dev\/full\) failed \(ENOSPC: no space left on device, write\): free space on the runner/,
    );
    const tokens = [...log.text().matchAll(/::stop-commands::(\S+)/g)].map((m) => m[1]);
    expect(tokens.length).toBeGreaterThan(0);
    for (const token of tokens) expect(log.text()).toContain(`::${token}::`);
  });
});

describe('the saved output of a command', () => {
  it('holds every chunk written before it is closed, however fast they came', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'okta-tf-saved-'));
    const saved = new SavedOutput(join(dir, 'plan.txt'));
    const line = `${'x'.repeat(99)}\n`;
    for (let i = 0; i < 20_000; i++) saved.stream.write(line);
    await saved.close('the output');
    expect(readFileSync(join(dir, 'plan.txt'), 'utf8').length).toBe(20_000 * 100);
  });
});

describe("the runner's step files refusing writes", () => {
  const PLAN_JSON = join(import.meta.dirname, '..', '..', 'examples', 'plans', 'pull-request.json');

  // GITHUB_STEP_SUMMARY on a full disk, with the failure comment: unreadable-plans.test.ts.
  it.each([['GITHUB_OUTPUT']])(
    '%s on a full disk: the step fails with write-failed and an error line, not a crash',
    async (file) => {
      const files = { 'plan.json': readFileSync(PLAN_JSON) };
      const run = await runStep(
        { mode: 'plan', 'plan-json': 'plan.json' },
        { files, env: { [file]: '/dev/full' } },
      );
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(
        new RegExp(
          `^::error::write-failed: the runner's disk is full: writing the step's ${file} file \\(/dev/full\\) failed \\(ENOSPC`,
          'm',
        ),
      );
      expect(run.stderr).not.toMatch(/\n\s+at /);
    },
  );
});

describe('an error nothing caught', () => {
  it('still ends the step with a reason and an error line, workflow commands switched on again', async () => {
    const said: string[] = [];
    const runtime = {
      info: (message: string) => void said.push(message),
      setFailed: (message: string) => void said.push(`::error::${message}`),
      setOutput: (name: string, value: string) => void said.push(`output ${name}=${value}`),
    };
    const exit = jest.spyOn(process, 'exit').mockImplementation(() => undefined as never);
    const before = new Set(process.listeners('uncaughtException'));
    reportCrashes(runtime);
    const handler = process.listeners('uncaughtException').find((l) => !before.has(l));
    try {
      // A Terraform command is printing (workflow commands off) when a stream's 'error' event finds no listener.
      let release = (): void => undefined;
      const running = withoutWorkflowCommands(
        runtime,
        () => new Promise<void>((resolve) => (release = resolve)),
      );
      const token = /::stop-commands::(\S+)/.exec(said.join('\n'))?.[1];
      const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      handler?.(full, 'uncaughtException');
      expect(said).toContain(`::${token}::`);
      expect(said.join('\n')).toMatch(/::error::write-failed: the runner's disk is full/);
      expect(said).toContain('output failure-reason=write-failed');
      expect(exit).toHaveBeenCalledWith(1);
      release();
      await running;
    } finally {
      exit.mockRestore();
      if (handler) {
        process.off('uncaughtException', handler);
        const rejection = process.listeners('unhandledRejection').at(-1);
        if (rejection) process.off('unhandledRejection', rejection);
      }
    }
  });
});
