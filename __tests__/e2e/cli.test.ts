// The okta-tf command line, run as a shell runs it.

import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath } from '../../testkit/fixtures.js';
import { runCli } from '../../testkit/action-step.mjs';

const EXAMPLE = 'examples/plans/pull-request.json';

describe('okta-tf summarize', () => {
  it('prints the review as markdown', () => {
    const run = runCli(['summarize', EXAMPLE, '--directory', 'orgs/acme', '--workspace', 'prod']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('### Okta plan for acme.okta.com');
    expect(run.stdout).toContain('directory `orgs/acme` · workspace `prod`');
  });

  it('prints the summary JSON, the same read from a file or from stdin', () => {
    const fromFile = runCli(['summarize', EXAMPLE, '--format', 'json']);
    const fromStdin = runCli(['summarize', '-', '--format', 'json'], readFileSync(EXAMPLE));
    expect(fromFile.code).toBe(0);
    expect(JSON.parse(fromFile.stdout).terraform).toEqual({
      add: 8,
      change: 5,
      destroy: 3,
      import: 1,
      forget: 0,
    });
    expect(fromStdin.stdout).toBe(fromFile.stdout);
  });

  it('writes to --out', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'okta-tf-cli-')), 'summary.json');
    const run = runCli(['summarize', EXAMPLE, '--format', 'json', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).highRisk).toBe(4);
  });

  it('shows help', () => {
    const run = runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: okta-tf summarize PLAN_JSON\|-/);
  });
});

describe('okta-tf review', () => {
  // The example plan makes a group USER_ADMIN: one critical finding (admin-granted), and five low ones.
  it('prints the findings and exits 2 when one is at or above --fail-on (high by default)', () => {
    const run = runCli(['review', EXAMPLE]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('#### Security findings (1 critical, 3 high)');
    expect(run.stderr).toBe('okta-tf: findings at or above high (--fail-on)\n');
    expect(runCli(['review', EXAMPLE, '--fail-on', 'none']).code).toBe(0);
    expect(runCli(['review', EXAMPLE, '--fail-on', 'low']).code).toBe(2);
  });

  it('prints them as JSON', () => {
    const run = runCli(['review', EXAMPLE, '--format', 'json', '--fail-on', 'none']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { findings: { rule: string }[]; highestSeverity: string };
    expect(out.highestSeverity).toBe('critical');
    expect(out.findings.map((f) => f.rule)).toContain('admin-granted');
  });

  it('prints them as SARIF 2.1.0, located on the .tf line that declares each object', () => {
    const dir = mkdtempSync(join(tmpdir(), 'okta-tf-sarif-'));
    writeFileSync(
      join(dir, 'roles.tf'),
      '# roles\n\n\nresource "okta_group_role" "it_admins_user_admin" {\n}\n',
    );
    const run = runCli(['review', EXAMPLE, '--format', 'sarif', '--directory', dir]);
    expect(run.code).toBe(2);
    const log = JSON.parse(run.stdout) as {
      version: string;
      runs: { tool: { driver: { rules: { id: string }[] } }; results: Record<string, unknown>[] }[];
    };
    expect(log.version).toBe('2.1.0');
    const [first] = log.runs;
    expect(first?.tool.driver.rules.map((r) => r.id)).toContain('admin-granted');
    const result = first?.results.find((r) => r.ruleId === 'admin-granted');
    expect(result).toMatchObject({
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: expect.stringMatching(/roles\.tf$/) },
            region: { startLine: 4 },
          },
        },
      ],
      properties: { severity: 'critical', 'security-severity': '9.5' },
    });
  });

  it('reads --policy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'okta-tf-policy-'));
    writeFileSync(join(dir, 'p.yml'), 'version: 1\nrules:\n  admin-granted: medium\n  type-risk: medium\n');
    const run = runCli(['review', EXAMPLE, '--policy', join(dir, 'p.yml')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('#### Security findings (4 medium)');
    const bad = runCli(['review', EXAMPLE, '--policy', join(dir, 'missing.yml')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^okta-tf: the review policy .*missing\.yml can't be read \(ENOENT\)/);
  });
});

describe('bad input: one line on stderr, exit code 1, no stack trace', () => {
  it.each([
    [['summarize', 'missing.json'], /^okta-tf: the plan file missing\.json does not exist/],
    [['summarize', fixturePath('terraform-json/invalid__plan.json')], /^okta-tf: the plan is not valid JSON/],
    [
      ['summarize', fixturePath('terraform-json/no_changes__state.json')],
      /^okta-tf: the input is a Terraform state, not a plan/,
    ],
    [['summarize', EXAMPLE, '--format', 'yaml'], /^okta-tf: --format must be markdown or json/],
    [['review', EXAMPLE, '--format', 'yaml'], /^okta-tf: --format must be markdown or json or sarif/],
    [['review', EXAMPLE, '--fail-on', 'severe'], /^okta-tf: --fail-on must be one of critical, high/],
    [['summarize'], /^okta-tf: missing PLAN_JSON/],
    [['frobnicate'], /^okta-tf: unknown command "frobnicate"/],
    [['unmanaged'], /^okta-tf: missing STATE_OR_PLAN_JSON/],
    [['import'], /^okta-tf: import needs --types, e.g. okta_group,okta_group_rule/],
    [
      ['unmanaged', fixturePath('terraform-json/no_changes__state.json')],
      /^okta-tf: okta-tf unmanaged asks Okta, so it needs the org \(OKTA_ORG_NAME and OKTA_BASE_URL/,
    ],
    [['summarize', EXAMPLE, '--colour'], /^okta-tf: Unknown option '--colour'/],
  ])('%j', (args, message) => {
    const run = runCli(args);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });

  it('a plan piped in that is not JSON', () => {
    const run = runCli(['summarize', '-'], 'not json at all');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^okta-tf: the plan is not valid JSON: the input is not a JSON object/);
  });
});
