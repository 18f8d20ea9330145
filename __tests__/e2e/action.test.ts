// The bundled action (dist/index.js) run as the runner runs it: INPUT_* variables, GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY, RUNNER_TEMP.

import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { runAction } from '../../testkit/action-step.mjs';

const EXAMPLE = readFileSync('examples/plans/pull-request.json');
const EXAMPLE_TOKEN = '00aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789ab';

describe('summarizing a plan', () => {
  const run = runAction(
    { 'plan-json': 'plan.json', 'working-directory': 'orgs/acme' },
    { 'orgs/acme/plan.json': EXAMPLE },
  );

  it('succeeds, and says what it found in the log', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Plan: 1 to import, 8 to add, 5 to change, 3 to destroy. 4 high-risk, 2 changed outside Terraform.',
    );
  });

  it('writes every output', () => {
    expect(run.outputs).toMatchObject({
      'to-add': '8',
      'to-change': '5',
      'to-destroy': '3',
      'to-replace': '1',
      'to-import': '1',
      'to-move': '1',
      'to-forget': '0',
      'has-changes': 'true',
      'high-risk': '4',
      drift: '2',
    });
    expect(run.outputs['failure-reason']).toBeUndefined();
  });

  it('writes the summary JSON where the output says', () => {
    const path = run.outputs['summary-json'] as string;
    expect(existsSync(path)).toBe(true);
    const summary = JSON.parse(readFileSync(path, 'utf8'));
    expect(summary.formatVersion).toBe(1);
    expect(summary.terraform).toEqual({ add: 8, change: 5, destroy: 3, import: 1, forget: 0 });
    expect(summary.changes.map((c: { name: string }) => c.name)).toContain('App Slack ← group Engineering');
  });

  it('puts the review in the job summary', () => {
    expect(run.stepSummary).toContain('### Okta plan for acme.okta.com');
    expect(run.stepSummary).toContain('directory `orgs/acme`');
    expect(run.stepSummary).toContain('#### High-risk changes (4): high or critical');
    expect(run.stepSummary).toContain('Attribute changes');
  });

  it('prints no secret anywhere, and masks each one before Terraform could print it', () => {
    // The runner takes ::add-mask:: lines in and never shows them: the rest is what a reader of the log sees.
    const masked = run.stdout.split('\n').filter((line) => line.startsWith('::add-mask::'));
    const everything = [
      run.stdout
        .split('\n')
        .filter((line) => !line.startsWith('::add-mask::'))
        .join('\n'),
      run.stderr,
      run.stepSummary,
      readFileSync(run.outputs['summary-json'] as string, 'utf8'),
    ].join('\n');
    for (const secret of [
      EXAMPLE_TOKEN,
      'Winter-is-coming-2026!',
      '9f8e7d6c5b4a39281706f5e4d3c2b1a0',
      '1a2b3c4d5e6f70819203a4b5c6d7e8f9',
    ]) {
      expect(everything).not.toContain(secret);
      expect(masked.some((line) => line.includes(secret))).toBe(true);
    }
  });
});

describe('bad input, as the runner sees it', () => {
  it('fails the process with one ::error:: line and failure-reason invalid-input', () => {
    const run = runAction({ 'plan-json': 'plan.json' }, { 'plan.json': EXAMPLE.subarray(0, 999) });
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('invalid-input');
    expect(run.stdout.split('\n').filter((line) => line.startsWith('::error::'))).toEqual([
      expect.stringMatching(/^::error::invalid-input: .*truncated/),
    ]);
    expect(run.stepSummary).toContain('Okta Terraform run failed: `invalid-input`');
  });
});
