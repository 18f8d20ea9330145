// The action plans in one job and applies in another (separate checkouts, nothing shared on disk but the remote
// state), with the real terraform, on Terraform's http backend served by the harness and on a real PostgreSQL.

import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startPostgres, type Postgres } from '../../testkit/postgres.js';
import { startStateServer, type StateServer } from '../../testkit/state-server.js';
import { runStep, type ActionRun } from '../../testkit/action-step.mjs';
import { httpBackend as httpBackendConfig } from '../../testkit/workflow.js';

jest.setTimeout(180_000);

const USERNAME = 'okta-ci';
const PASSWORD = 'S3cret-${p}ass%{w}-7f2c91';
const OKTA_TOKEN = '00aBcDeFgHiJkLmNoPqRsTuVwXyZ-token-91827';

const CONFIG = {
  'orgs/acme/main.tf': `terraform {
  backend "http" {}
}

resource "terraform_data" "engineering" {
  input = "Engineering"
}

resource "terraform_data" "admins" {
  input = "Okta admins"
}
`,
};

let server: StateServer;
let postgres: Postgres | undefined;

beforeAll(async () => {
  server = await startStateServer({ username: USERNAME, password: PASSWORD });
});

afterAll(async () => {
  await server.close();
  await postgres?.stop();
});

const httpBackend = (name: string) =>
  httpBackendConfig(server, name, { username: USERNAME, password: PASSWORD });

/** Every file under `dir` the action wrote, except Terraform's own working files (see the note in the test). */
function filesUnder(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, name);
    if (/(^|\/)\.terraform(\/|$)|\.tfplan$/.test(name) || !statSync(path).isFile()) continue;
    found.push(path);
  }
  return found;
}

/** The secret values appear nowhere: not in the log (bar the runner's own ::add-mask:: commands), outputs or files. */
function expectNoSecrets(run: ActionRun, secrets: readonly string[]): void {
  const log = `${run.stdout}\n${run.stderr}`
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  const files = filesUnder(run.job).map((path) => readFileSync(path, 'utf8'));
  for (const secret of secrets) {
    expect(log).not.toContain(secret);
    expect(JSON.stringify(run.outputs)).not.toContain(secret);
    for (const text of files) expect(text).not.toContain(secret);
  }
}

describe('http backend: plan job and apply job share only the remote state', () => {
  it('plans, applies in another checkout, then plans no changes', async () => {
    const inputs = {
      'working-directory': 'orgs/acme',
      setup: 'false',
      'backend-config': httpBackend('acme'),
    };
    const plan = await runStep({ ...inputs, mode: 'plan' }, { files: CONFIG });
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(0);
    expect(plan.outputs).toMatchObject({ 'to-add': '2', 'has-changes': 'true', 'to-destroy': '0' });
    expect(existsSync(plan.outputs['plan-path'] ?? '')).toBe(true);
    expect(plan.stdout).toContain('::add-mask::');
    expect(plan.stdout).toMatch(/::group::terraform init[\s\S]*::group::terraform plan/);
    // Terraform's output (values from the configuration and from Okta) can't issue workflow commands.
    expect(plan.stdout).toMatch(/::stop-commands::([0-9a-f-]{36})\n[^]*Plan: 2 to add[^]*\n::\1::\n/);
    expect(server.state('acme')).toBeUndefined();
    expectNoSecrets(plan, [PASSWORD]);

    const apply = await runStep(
      { ...inputs, mode: 'apply', 'auto-approve': 'true', parallelism: '2' },
      { files: CONFIG },
    );
    expect(apply.code).toBe(0);
    expect(apply.job).not.toBe(plan.job);
    expect(apply.stdout).toContain('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');
    const state = JSON.parse(server.state('acme')?.toString('utf8') ?? '{}') as { resources?: unknown[] };
    expect(state.resources).toHaveLength(2);
    expectNoSecrets(apply, [PASSWORD]);

    const again = await runStep({ ...inputs, mode: 'plan' }, { files: CONFIG });
    expect(again.code).toBe(0);
    expect(again.outputs).toMatchObject({ 'to-add': '0', 'has-changes': 'false' });
    expect(server.requests.every((r) => r.authorized)).toBe(true);
  });

  it('a manual run refuses to apply without an approved fingerprint, before touching the state', async () => {
    const run = await runStep(
      { 'working-directory': 'orgs/acme', setup: 'false', 'backend-config': httpBackend('unreviewed') },
      { files: CONFIG, env: { GITHUB_EVENT_NAME: 'workflow_dispatch' } },
    );
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('plan-not-found');
    expect(run.stdout).toContain('approved-fingerprint: ${{ needs.plan.outputs.fingerprint }}');
    expect(server.requests.some((r) => r.path.includes('unreviewed'))).toBe(false);
  });

  it('fails with state-locked and the holder’s lock ID when another run holds the lock', async () => {
    server.holdLock('locked', { ID: 'a1b2c3d4-0000-4000-8000-000000000001', Who: 'alice@runner-7' });
    const run = await runStep(
      {
        'working-directory': 'orgs/acme',
        setup: 'false',
        mode: 'plan',
        'lock-timeout': '1s',
        'backend-config': httpBackend('locked'),
      },
      { files: CONFIG },
    );
    server.releaseLock('locked');
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('state-locked');
    expect(run.stdout).toContain(
      '::error::state-locked: the state is locked by another run (the backend does not say which), lock ID ' +
        'a1b2c3d4-0000-4000-8000-000000000001; waited lock-timeout 1s.',
    );
    expect(run.stepSummary).toContain('state-locked');
  });

  it('fails init with init-failed when the backend refuses the credentials', async () => {
    const run = await runStep(
      {
        'working-directory': 'orgs/acme',
        setup: 'false',
        'backend-config': httpBackend('acme').replace(PASSWORD, 'wrong-password-123'),
      },
      { files: CONFIG },
    );
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('init-failed');
    expect(run.stdout).toMatch(/::error::init-failed: .*requires auth/);
    expectNoSecrets(run, ['wrong-password-123', PASSWORD]);
  });
});

describe('local backend lock held by a running terraform', () => {
  let holder: ChildProcess | undefined;
  afterAll(async () => {
    if (!holder || holder.exitCode !== null) return;
    const exited = new Promise((resolve) => holder?.on('close', resolve));
    holder.kill('SIGKILL');
    await exited;
  });

  it('names who holds it and since when', async () => {
    const files = { 'main.tf': 'resource "terraform_data" "x" {\n  input = "x"\n}\n' };
    const first = await runStep({ mode: 'apply', 'auto-approve': 'true', setup: 'false' }, { files });
    expect(first.code).toBe(0);
    // `terraform console` holds the state lock for as long as it runs.
    holder = spawn('terraform', ['console'], { cwd: first.workspace, stdio: ['pipe', 'ignore', 'ignore'] });
    const lockInfo = join(first.workspace, '.terraform.tfstate.lock.info');
    for (let i = 0; i < 100 && !existsSync(lockInfo); i++) await new Promise((r) => setTimeout(r, 50));
    const run = await runStep({ mode: 'plan', setup: 'false', 'lock-timeout': '1s' }, { job: first.job });
    expect(run.outputs['failure-reason']).toBe('state-locked');
    expect(run.stdout).toMatch(
      /::error::state-locked: the state is locked by \S+@\S+ since \d{4}-\d\d-\d\d [\d:.]+ \+0000 UTC, lock ID [0-9a-f-]{36}; waited lock-timeout 1s\..*terraform force-unlock [0-9a-f-]{36}/,
    );
  });
});

describe('plan inputs', () => {
  it('passes variables, var-file, target, refresh and parallelism to terraform plan', async () => {
    const run = await runStep(
      {
        mode: 'plan',
        setup: 'false',
        variables: 'group_name = "Sales"',
        'var-file': 'env/prod.tfvars',
        target: 'terraform_data.group',
        refresh: 'false',
        parallelism: '3',
      },
      {
        files: {
          'main.tf': `variable "group_name" {
  type = string
}

variable "rule" {
  type = string
}

resource "terraform_data" "group" {
  input = "\${var.group_name}/\${var.rule}"
}

resource "terraform_data" "other" {
  input = "untargeted"
}
`,
          'env/prod.tfvars': 'rule = "department eq Sales"\n',
        },
      },
    );
    expect(run.code).toBe(0);
    expect(run.outputs['to-add']).toBe('1');
    expect(run.stdout).toMatch(
      /-refresh=false -parallelism=3 -var-file=env\/prod\.tfvars -var-file=\S+variables\.tfvars -target=terraform_data\.group/,
    );
    expect(run.stdout).toContain('+ input  = "Sales/department eq Sales"');
    expect(filesUnder(run.job).filter((path) => path.endsWith('variables.tfvars'))).toEqual([]);
  });
});

describe('pg backend on a real PostgreSQL', () => {
  it('keeps each workspace’s state in the database across checkouts', async () => {
    postgres = await startPostgres();
    const files = {
      'main.tf':
        'terraform {\n  backend "pg" {}\n}\n\nresource "terraform_data" "group" {\n  input = "Sales"\n}\n',
    };
    const inputs = {
      setup: 'false',
      workspace: 'production',
      'backend-config': `conn_str=${postgres.connString}`,
    };
    const apply = await runStep({ ...inputs, mode: 'apply', 'auto-approve': 'true' }, { files });
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain('Created and switched to workspace "production"!');
    expectNoSecrets(apply, [postgres.connString]);

    const plan = await runStep({ ...inputs, mode: 'plan' }, { files });
    expect(plan.code).toBe(0);
    expect(plan.outputs).toMatchObject({ 'to-add': '0', 'has-changes': 'false' });
    expect(plan.stepSummary).toContain('production');

    // The same backend from a .tfbackend file in the repository instead of backend-config.
    const other = await runStep(
      { setup: 'false', workspace: 'staging', mode: 'plan', 'backend-config-file': 'state.pg.tfbackend' },
      { files: { ...files, 'state.pg.tfbackend': `conn_str = "${postgres.connString}"\n` } },
    );
    expect(other.code).toBe(0);
    expect(other.outputs).toMatchObject({ 'to-add': '1', 'has-changes': 'true' });
    expect(other.stdout).toContain(
      'init -input=false -no-color -lock-timeout=5m -backend-config=state.pg.tfbackend',
    );
  });
});

describe('Okta credentials preflight', () => {
  it('fails fast with credentials-missing naming the variable, and masks what is set', async () => {
    const run = await runStep(
      { mode: 'plan', setup: 'false' },
      {
        files: {
          'main.tf':
            'terraform {\n  required_providers {\n    okta = { source = "okta/okta" }\n  }\n}\n\nresource "okta_group" "g" {\n  name = "G"\n}\n',
        },
        env: { OKTA_ORG_NAME: 'acme', OKTA_API_TOKEN: OKTA_TOKEN },
      },
    );
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('credentials-missing');
    expect(run.stdout).toContain(
      '::error::credentials-missing: the configuration uses okta/okta but OKTA_BASE_URL',
    );
    expect(run.stdout).toContain(`::add-mask::${OKTA_TOKEN}`);
    expect(run.stdout).not.toContain('[command]');
    expectNoSecrets(run, [OKTA_TOKEN]);
  });
});
