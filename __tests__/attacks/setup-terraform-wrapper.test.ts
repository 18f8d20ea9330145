// Attack (j) of issue 12: with hashicorp/setup-terraform's default wrapper on PATH and `setup: false`, every
// terraform call's stdout (the whole `show -json`, sensitive values in the clear) became a step output. As the
// runner starts the action (dist/index.js built from src/ by the global setup), with a wrapper that does what
// setup-terraform's does: the real binary renamed terraform-bin beside it, each call's stdout, stderr and exit code
// written to GITHUB_OUTPUT with @actions/core's heredoc format.

import { describe, expect, it } from '@jest/globals';
import { chmodSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { runAction } from '../../testkit/action-step.mjs';

const WRAPPER = `#!/usr/bin/env node
// setup-terraform's wrapper/terraform.js, in short: run terraform-bin, echo its output, and set the outputs.
const { spawnSync } = require('node:child_process');
const { appendFileSync } = require('node:fs');
const { join } = require('node:path');
const bin = join(process.env.TERRAFORM_CLI_PATH || __dirname, 'terraform-bin');
const result = spawnSync(bin, process.argv.slice(2), { encoding: 'utf8' });
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
const file = process.env.GITHUB_OUTPUT;
if (file) {
  for (const [name, value] of [['stdout', result.stdout], ['stderr', result.stderr], ['exitcode', String(result.status)]]) {
    appendFileSync(file, name + '<<ghadelimiter_wrapper\\n' + value + '\\nghadelimiter_wrapper\\n');
  }
}
process.exit(result.status ?? 1);
`;

/** The wrapper on PATH, and the real binary as terraform-bin beside it or in TERRAFORM_CLI_PATH. */
function wrappedTerraform(layout: 'beside' | 'cli-path'): { path: string; cliPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'setup-terraform-'));
  const cliPath = layout === 'beside' ? dir : mkdtempSync(join(tmpdir(), 'setup-terraform-bin-'));
  const real = execFileSync('sh', ['-c', 'command -v terraform'], { encoding: 'utf8' }).trim();
  symlinkSync(real, join(cliPath, 'terraform-bin'));
  writeFileSync(join(dir, 'terraform'), WRAPPER);
  chmodSync(join(dir, 'terraform'), 0o755);
  return { path: dir, cliPath };
}

describe('(j) setup-terraform’s wrapper on PATH', () => {
  it.each(['beside', 'cli-path'] as const)(
    'is bypassed (terraform-bin %s): no terraform output becomes a step output',
    (layout) => {
      const secret = 'wrapper-SECRET-j-4242';
      const wrapper = wrappedTerraform(layout);
      const run = runAction(
        { 'working-directory': 'orgs/acme', setup: 'false' },
        {
          'orgs/acme/main.tf':
            'variable "api_key" {\n  type      = string\n  sensitive = true\n}\n\n' +
            'resource "terraform_data" "hook" {\n  input = var.api_key\n}\n',
          'orgs/acme/secret.auto.tfvars': `api_key = "${secret}"\n`,
        },
        { PATH: `${wrapper.path}:${process.env.PATH ?? ''}`, TERRAFORM_CLI_PATH: wrapper.cliPath },
      );
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(
        `is setup-terraform's wrapper, which copies each call's output into step outputs`,
      );
      expect(Object.keys(run.outputs)).not.toContain('stdout');
      expect(Object.keys(run.outputs)).not.toContain('exitcode');
      expect(JSON.stringify(run.outputs)).not.toContain(secret);
      expect(run.outputs['to-add']).toBe('1');
    },
  );
});
