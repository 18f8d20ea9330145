// Inputs read into settings, in process: the org in the review's header, and bad input failing the step with one
// line and failure-reason invalid-input (e2e/action.test.ts runs one such case through the bundle).

import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../../testkit/fixtures.js';
import { runInProcess } from '../../testkit/in-process.js';

const EXAMPLE = readFileSync('examples/plans/pull-request.json');

describe('the org in the header', () => {
  const plan = readFileSync(
    fixturePath('generated-terraform-1.11.4/s03_update_in_place_and_outputs/show.json'),
  );

  it('comes from OKTA_ORG_NAME and OKTA_BASE_URL when the provider block does not name it', async () => {
    const run = await runInProcess(
      { 'plan-json': 'plan.json' },
      { files: { 'plan.json': plan }, env: { OKTA_ORG_NAME: 'acme', OKTA_BASE_URL: 'oktapreview.com' } },
    );
    expect(run.code).toBe(0);
    expect(run.stepSummary).toMatch(/^### Okta plan for acme\.oktapreview\.com$/m);
  });

  it('is left out when nothing names it', async () => {
    const run = await runInProcess({ 'plan-json': 'plan.json' }, { files: { 'plan.json': plan } });
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
      /the input mode must be one of auto, plan, apply, approvals, drift, discover, import, not "destroy"/,
    ],
    [
      'import-types outside mode import',
      { 'import-types': 'okta_group' },
      {},
      /import-types is for mode: import: remove it, or set mode: import/,
    ],
    [
      'mode import without import-types',
      { mode: 'import' },
      {},
      /mode: import needs import-types: the okta\/okta types to bring under Terraform, among okta_group, okta_group_rule, okta_app_/,
    ],
    [
      'users to import',
      { mode: 'import', 'import-types': 'okta_group,okta_user' },
      {},
      /import-types names okta_user: users are not imported/,
    ],
    [
      'a type onboarding does not list',
      { mode: 'import', 'import-types': 'okta_group\nokta_brand' },
      {},
      /import-types names okta_brand, which onboarding does not list; use some of okta_group, /,
    ],
    [
      'mode import on a tag',
      { mode: 'import', 'import-types': 'okta_group' },
      {},
      /mode: import opens a pull request against the branch it runs on, and this run is on no ref: run it on a branch/,
    ],
    ['a boolean that is not one', { setup: 'yes' }, {}, /the input setup must be true or false, not "yes"/],
    ['a bad lock-timeout', { 'lock-timeout': 'soon' }, {}, /lock-timeout must be a duration like 30s or 5m/],
    [
      'an Okta plan that does not exist',
      { 'okta-rate-limits': 'platinum' },
      {},
      /the input okta-rate-limits is not valid: "platinum" is not an Okta plan \(one of developer-free, .*\); give your Okta plan/,
    ],
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
  ])('%s', async (_what, inputs, files, message) => {
    const run = await runInProcess(inputs, { files });
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
