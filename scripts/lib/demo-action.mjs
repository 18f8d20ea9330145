// One step of the demo (and of bench:okta): the bundled action run as the runner runs it (testkit/action-step.mjs),
// then the lines that tell the story printed, with the job summary unless `quiet`. A step that fails throws, unless
// `mayFail` (a refusal the story shows).
import { performance } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStep } from '../../testkit/action-step.mjs';

/**
 * @param {{ title: string, repo: string, mode: string, inputs: Record<string,string>, extraInputs?: Record<string,string>, env: Record<string,string>, quiet?: boolean, mayFail?: boolean }} run
 */
export async function runAction({
  title,
  repo,
  mode,
  inputs,
  extraInputs = {},
  env,
  quiet = false,
  mayFail = false,
}) {
  const started = performance.now();
  const step = await runStep(
    { ...inputs, mode, ...extraInputs },
    { workspace: repo, env, toolCache: join(tmpdir(), 'okta-tf-demo-tool-cache') },
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const log = `${step.stdout}${step.stderr}`;
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
    `\n━━━━ ${title} (exit ${step.code}, ${seconds} s) ━━━━\n${steps}\n${quiet ? '' : `\n${step.stepSummary}`}`,
  );
  if (step.code !== 0 && !mayFail) throw new Error(`${title} failed:\n${log}`);
  return {
    title,
    code: step.code,
    summary: step.stepSummary,
    outputs: step.outputs,
    log,
    seconds: Number(seconds),
  };
}
