// The okta-tf command line, run as a shell runs it.

import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
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
    expect(JSON.parse(readFileSync(out, 'utf8')).highRisk).toBe(6);
  });

  it('shows help', () => {
    const run = runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: okta-tf summarize PLAN_JSON\|-/);
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
    [['summarize'], /^okta-tf: missing PLAN_JSON/],
    [['frobnicate'], /^okta-tf: unknown command "frobnicate"/],
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
