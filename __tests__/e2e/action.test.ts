// The bundled action (dist/index.js) run as the runner runs it: INPUT_* variables, GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY, RUNNER_TEMP.

import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { fixturePath } from '../../testkit/fixtures.js';
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
      'Plan: 1 to import, 8 to add, 5 to change, 3 to destroy. 6 high-risk, 2 changed outside Terraform.',
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
      'high-risk': '6',
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
    expect(run.stepSummary).toContain('#### High-risk changes (6)');
    expect(run.stepSummary).toContain('Attribute changes');
  });

  it('prints no secret anywhere', () => {
    const everything = [
      run.stdout,
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
    }
  });
});

describe('the org in the header', () => {
  const plan = readFileSync(
    fixturePath('generated-terraform-1.11.4/s03_update_in_place_and_outputs/show.json'),
  );

  it('comes from OKTA_ORG_NAME and OKTA_BASE_URL when the provider block does not name it', () => {
    const run = runAction(
      { 'plan-json': 'plan.json' },
      { 'plan.json': plan },
      { OKTA_ORG_NAME: 'acme', OKTA_BASE_URL: 'oktapreview.com' },
    );
    expect(run.code).toBe(0);
    expect(run.stepSummary).toMatch(/^### Okta plan for acme\.oktapreview\.com$/m);
  });

  it('is left out when nothing names it', () => {
    const run = runAction({ 'plan-json': 'plan.json' }, { 'plan.json': plan });
    expect(run.stepSummary).toMatch(/^### Okta plan$/m);
  });
});

describe('bad input fails the step with one line and failure-reason invalid-input', () => {
  it.each([
    [
      'a state file',
      { 'plan-json': 'state.json' },
      { 'state.json': readFileSync(fixturePath('terraform-json/no_changes__state.json')) },
      /a Terraform state, not a plan/,
    ],
    ['truncated JSON', { 'plan-json': 'plan.json' }, { 'plan.json': EXAMPLE.subarray(0, 999) }, /truncated/],
    ['a missing file', { 'plan-json': 'nowhere.json' }, {}, /nowhere\.json does not exist/],
    [
      'an unknown mode',
      { mode: 'destroy' },
      {},
      /the input mode must be one of auto, plan, apply, drift, discover, not "destroy"/,
    ],
    ['a boolean that is not one', { setup: 'yes' }, {}, /the input setup must be true or false, not "yes"/],
    ['a bad lock-timeout', { 'lock-timeout': 'soon' }, {}, /lock-timeout must be a duration like 30s or 5m/],
    [
      'a directory without Terraform files',
      { 'working-directory': 'orgs/prodution' },
      { 'orgs/production/main.tf': '' },
      /working-directory orgs\/prodution has no Terraform files \(\.tf\)/,
    ],
    [
      'a directory outside the repository',
      { 'plan-json': 'plan.json', 'working-directory': '../elsewhere' },
      {},
      /outside the repository/,
    ],
  ])('%s', (_what, inputs, files, message) => {
    const run = runAction(inputs, files);
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('invalid-input');
    expect(run.outputs['to-add']).toBeUndefined();
    const errors = run.stdout.split('\n').filter((line) => line.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^::error::invalid-input: /);
    expect(errors[0]).toMatch(message);
    expect(run.stdout).not.toMatch(/\n\s+at /);
    expect(run.stepSummary).toContain('Okta Terraform run failed: `invalid-input`');
  });
});
