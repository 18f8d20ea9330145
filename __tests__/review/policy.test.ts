// A repository's review policy (.okta-review.yml): read as YAML, checked against the published JSON Schema, each
// mistake one line naming the key and the fix; rules turned off, severities changed and allowlists honoured, in the
// summary, the outputs and the review, the way the action runs (in process, inputs as the runner gives them).

import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { ActionError } from '../../src/errors.js';
import { PROVIDER_HAZARD } from '../../src/review/provider-hazards.js';
import { PRIORITY_SHADOWING } from '../../src/review/rule-order.js';
import { parsePolicy } from '../../src/review/policy.js';
import { POLICY_SCHEMA, RULE_IDS } from '../../src/review/policy-schema.js';
import { ALL_RULES } from '../../src/review/rules/index.js';
import { runInProcess } from '../../testkit/in-process.js';

// The example pull request plan: one group becomes USER_ADMIN (admin-granted, critical), and five changes of
// high-risk types no rule speaks for (type-risk, low).
const EXAMPLE = readFileSync('examples/plans/pull-request.json');

/** The one-line message a policy text fails with. */
function failure(text: string): string {
  try {
    parsePolicy(text, '.okta-review.yml');
  } catch (error) {
    expect(error).toBeInstanceOf(ActionError);
    return (error as ActionError).message;
  }
  throw new Error('the policy was accepted');
}

describe('the review policy file', () => {
  it('is published as schemas/okta-review.schema.json, naming every rule', () => {
    expect(JSON.parse(readFileSync('schemas/okta-review.schema.json', 'utf8'))).toEqual(POLICY_SCHEMA);
    // Besides the per-change rules: the type-only fallback, and the rules judged across objects.
    expect([...RULE_IDS].sort()).toEqual(
      [...new Set(ALL_RULES.map((r) => r.id)), 'type-risk', PRIORITY_SHADOWING, PROVIDER_HAZARD].sort(),
    );
  });

  it('turns rules off, changes severities and sets allowlists', () => {
    const policy = parsePolicy(
      [
        'version: 1',
        'rules:',
        '  hook-destination: off',
        '  long-session: low',
        '  type-risk: { enabled: false }',
        '  admin-granted: { severity: high }',
        'allow:',
        '  hook-hosts: [logs.acme.example, "*.splunkcloud.com"]',
        '  admin-roles-for-groups: [HELP_DESK_ADMIN]',
      ].join('\n'),
      '.okta-review.yml',
    );
    expect([...policy.off].sort()).toEqual(['hook-destination', 'type-risk']);
    expect(Object.fromEntries(policy.severity)).toEqual({ 'long-session': 'low', 'admin-granted': 'high' });
    expect(policy.allow.hookHosts).toEqual(['logs.acme.example', '*.splunkcloud.com']);
    expect(policy.allow.adminRolesForGroups).toEqual(['HELP_DESK_ADMIN']);
  });

  it.each([
    ['version: 1\nrule:\n  x: off', /rule: not a key of the policy/],
    ['version: 1\nrules:\n  long-sesion: off', /rules\.long-sesion: no such rule \(rules: mfa-weakened, /],
    ['version: 1\nrules:\n  long-session: severe', /rules\.long-session: must be off, a severity/],
    ['rules: {}', /version: missing \(add version: 1\)/],
    ['version: 2', /version: must be 1/],
    ['version: 1\nallow:\n  hook-host: [a.example]', /allow\.hook-host: not a key of the policy/],
    ['version: 1\nallow:\n  hook-hosts: ["https://a.example/x"]', /allow\.hook-hosts\.0: must match pattern/],
    ['version: 1\nrules: [unclosed', /it is not YAML \(line \d+\)/],
  ])('fails on a mistake with one line naming the key: %s', (text, says) => {
    const message = failure(text);
    expect(message).toMatch(/^the review policy \.okta-review\.yml is not valid: /);
    expect(message).toMatch(says);
    expect(message).not.toContain('\n');
  });
});

describe('the review policy in a run', () => {
  it('judges by the built-in rules when the repository has no policy', async () => {
    const run = await runInProcess({ 'plan-json': 'plan.json' }, { files: { 'plan.json': EXAMPLE } });
    expect(run.code).toBe(0);
    expect(run.outputs['highest-severity']).toBe('critical');
    expect(Number(run.outputs.findings)).toBe(4);
    expect(run.stepSummary).toContain('Every member of the group becomes USER\\_ADMIN.');
  });

  it('reads .okta-review.yml from the checkout, and the review says what it changed', async () => {
    const run = await runInProcess(
      { 'plan-json': 'plan.json' },
      {
        files: {
          'plan.json': EXAMPLE,
          '.okta-review.yml':
            'version: 1\nrules:\n  type-risk: off\nallow:\n  admin-roles-for-groups: [USER_ADMIN]\n',
        },
      },
    );
    expect(run.code).toBe(0);
    expect(run.outputs.findings).toBe('0');
    expect(run.outputs['highest-severity']).toBe('none');
    expect(run.stepSummary).toContain(
      "_Judged by the review policy `.okta-review.yml`: rules off: `type-risk`. The apply's block-on still judges by the built-in rules._",
    );
  });

  it('fails the run on a bad policy file, before anything is planned', async () => {
    const run = await runInProcess(
      { 'plan-json': 'plan.json', 'review-policy': 'policies/okta.yml' },
      { files: { 'plan.json': EXAMPLE, 'policies/okta.yml': 'version: 1\nrules:\n  mfa-weakend: off\n' } },
    );
    expect(run.outputs['failure-reason']).toBe('invalid-input');
    expect(run.stdout).toContain(
      '::error::invalid-input: the review policy policies/okta.yml is not valid: rules.mfa-weakend: no such rule',
    );
  });

  it('fails when the named policy file is missing, or outside the checkout', async () => {
    const missing = await runInProcess(
      { 'plan-json': 'plan.json', 'review-policy': 'nope.yml' },
      { files: { 'plan.json': EXAMPLE } },
    );
    expect(missing.outputs['failure-reason']).toBe('invalid-input');
    expect(missing.stdout).toContain("the review policy nope.yml can't be read (ENOENT)");
    const outside = await runInProcess(
      { 'plan-json': 'plan.json', 'review-policy': '/etc/passwd' },
      { files: { 'plan.json': EXAMPLE } },
    );
    expect(outside.outputs['failure-reason']).toBe('invalid-input');
    expect(outside.stdout).toContain('the input review-policy names "/etc/passwd", which is outside');
  });
});
