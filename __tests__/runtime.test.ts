// The run's I/O: actionsRuntime() is @actions/core on the runner's files; the in-process tests' recording runtime
// must read inputs and print the log exactly as it does, or the in-process layer would test something else.

import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionsRuntime, type Runtime } from '../src/runtime.js';
import { parseOutputFile } from '../testkit/action-step.mjs';
import { recordingRuntime } from '../testkit/in-process.js';

const INPUTS: Record<string, string> = {
  INPUT_FLAG_TRUE: 'True',
  INPUT_FLAG_FALSE: 'FALSE',
  INPUT_FLAG_BAD: 'yes',
  INPUT_LINES: '  a\n\n  b  \n   \nc',
  INPUT_TEXT: '  padded  ',
};

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

/** What `body` prints to stdout through @actions/core. */
async function printed(body: () => Promise<void> | void): Promise<string> {
  const write = process.stdout.write.bind(process.stdout);
  let text = '';
  process.stdout.write = ((chunk: string | Uint8Array) => {
    text += chunk.toString();
    return true;
  }) as typeof process.stdout.write;
  try {
    await body();
  } finally {
    process.stdout.write = write;
  }
  return text;
}

function reads(runtime: Runtime) {
  const boolean = (name: string) => {
    try {
      return runtime.getBooleanInput(name);
    } catch (e) {
      return e instanceof TypeError ? 'TypeError' : 'other';
    }
  };
  return {
    true: boolean('flag_true'),
    false: boolean('flag_false'),
    bad: boolean('flag_bad'),
    unset: boolean('unset'),
    lines: runtime.getMultilineInput('lines'),
    text: runtime.getInput('text'),
    missing: runtime.getInput('missing'),
  };
}

describe('the in-process runtime against @actions/core', () => {
  it('reads inputs as core does', () => {
    Object.assign(process.env, INPUTS);
    const real = reads(actionsRuntime());
    process.env = { ...saved };
    expect(real.true).toBe(true);
    expect(real.lines).toEqual(['a', 'b', '', 'c']);
    expect(reads(recordingRuntime(INPUTS))).toEqual(real);
    // It reads the step's variables, never this process's.
    expect(process.env.INPUT_TEXT).toBeUndefined();
  });

  it('prints the log as core does', async () => {
    const script = async (runtime: Runtime) => {
      runtime.info('plain line');
      runtime.warning('a warning');
      await runtime.group('terraform init', async () => runtime.info('inside'));
      runtime.setFailed('plan-failed: it broke');
    };
    const real = await printed(() => script(actionsRuntime({})));
    process.exitCode = undefined;
    const recording = recordingRuntime({});
    await script(recording);
    expect(recording.stdout()).toBe(real);
    expect(recording.failed()).toBe(true);
  });

  it('keeps outputs, state and the job summary as core writes them to the runner’s files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'okta-tf-runtime-'));
    const files = { GITHUB_OUTPUT: 'output', GITHUB_STATE: 'state', GITHUB_STEP_SUMMARY: 'summary' };
    for (const [name, file] of Object.entries(files)) {
      writeFileSync(join(dir, file), '');
      process.env[name] = join(dir, file);
    }
    const script = async (runtime: Runtime) => {
      runtime.setOutput('fingerprint', 'abc');
      runtime.setOutput('matrix', '{"include":[]}\nsecond line');
      runtime.saveState('plugin-cache', '{"dir":"/x"}');
      expect(await runtime.appendSummary('### One\n')).toBe(true);
      expect(await runtime.appendSummary('two\n')).toBe(true);
    };
    await printed(() => script(actionsRuntime()));
    const recording = recordingRuntime({});
    await script(recording);
    expect(recording.outputs).toEqual(parseOutputFile(readFileSync(join(dir, 'output'), 'utf8')));
    expect(recording.state).toEqual(parseOutputFile(readFileSync(join(dir, 'state'), 'utf8')));
    expect(recording.summary()).toBe(readFileSync(join(dir, 'summary'), 'utf8'));
    // Without a job summary (a run outside Actions) there is nowhere to write.
    expect(await actionsRuntime({}).appendSummary('x')).toBe(false);
  });
});
