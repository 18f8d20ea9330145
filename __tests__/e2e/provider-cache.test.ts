// The provider cache between jobs, through the real @actions/cache client and a stand-in for the Actions cache
// service (protocol v1) in the harness: restored before init, saved by the post step, keyed on the lock file.
// Terraform can't download a provider here, so the test puts the provider files where `terraform init` would.

import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCacheServer, type CacheServer } from '../../testkit/cache-server.js';
import { runStep, type ActionRun } from '../../testkit/action-step.mjs';

jest.setTimeout(120_000);

const PROVIDER = 'registry.terraform.io/hashicorp/null/3.2.4/linux_amd64/terraform-provider-null_v3.2.4_x5';
const LOCK = `provider "registry.terraform.io/hashicorp/null" {\n  version = "3.2.4"\n}\n`;
const files = (lock: string) => ({
  'main.tf': 'resource "terraform_data" "x" {\n  input = "x"\n}\n',
  '.terraform.lock.hcl': lock,
});

let service: CacheServer;
// Runners put RUNNER_TEMP at the same path on every job; the cache's version hash includes the path.
let pluginDir: string;

beforeAll(async () => {
  service = await startCacheServer();
  pluginDir = join(mkdtempSync(join(tmpdir(), 'okta-tf-plugins-')), 'plugin-cache');
});

afterAll(async () => {
  await service.close();
});

/** A job on a fresh runner: main step, then the post step with the state the main step saved. */
async function job(lock: string, installProvider: boolean): Promise<{ main: ActionRun; post: ActionRun }> {
  rmSync(pluginDir, { recursive: true, force: true });
  const env = { ...service.env(), TF_PLUGIN_CACHE_DIR: pluginDir };
  const main = await runStep({ mode: 'plan', setup: 'false' }, { files: files(lock), env });
  expect(main.code).toBe(0);
  if (installProvider) {
    mkdirSync(join(pluginDir, PROVIDER, '..'), { recursive: true });
    writeFileSync(join(pluginDir, PROVIDER), 'provider binary');
  }
  const post = await runStep({}, { job: main.job, env, script: 'post.js', state: main.state });
  expect(post.code).toBe(0);
  return { main, post };
}

describe('provider cache', () => {
  it('saves after the first job and restores in the next, keyed on OS, arch, version and lock file', async () => {
    const first = await job(LOCK, true);
    expect(first.main.stdout).toContain('Provider cache: nothing cached yet.');
    expect(first.post.stdout).toMatch(
      /Provider cache: saved okta-tf-providers-linux-amd64-terraform-1\.11\.4-[0-9a-f]{64}\./,
    );
    expect(service.entries()).toHaveLength(1);

    const second = await job(LOCK, false);
    const key = service.entries()[0]?.key ?? '';
    expect(second.main.stdout).toContain(`Provider cache: restored ${key}.`);
    expect(readFileSync(join(pluginDir, PROVIDER), 'utf8')).toBe('provider binary');
    expect(second.post.stdout).toContain(`Provider cache: ${key} was restored unchanged; nothing to save.`);
    expect(service.entries()).toHaveLength(1);
  });

  it('a new lock file restores the nearest cache and saves under its own key', async () => {
    const before = service.entries().length;
    const changed = await job(LOCK.replace('3.2.4', '3.2.3'), true);
    expect(changed.main.stdout).toMatch(
      /Provider cache: restored okta-tf-providers-linux-amd64-terraform-1\.11\.4-/,
    );
    expect(service.entries()).toHaveLength(before + 1);
  });

  it('keeps no cache of a job whose main step failed (the post step runs after failures, to finish applies)', async () => {
    rmSync(pluginDir, { recursive: true, force: true });
    const env = { ...service.env(), TF_PLUGIN_CACHE_DIR: pluginDir };
    const broken = { ...files(LOCK), 'main.tf': 'resource "terraform_data" "x" {\n  input = nope\n}\n' };
    const main = await runStep({ mode: 'plan', setup: 'false' }, { files: broken, env });
    expect(main.code).toBe(1);
    mkdirSync(join(pluginDir, PROVIDER, '..'), { recursive: true });
    writeFileSync(join(pluginDir, PROVIDER), 'provider binary');
    const before = service.entries().length;
    const post = await runStep({}, { job: main.job, env, script: 'post.js', state: main.state });
    expect(post.code).toBe(0);
    expect(post.stdout).not.toContain('Provider cache: saved');
    expect(service.entries()).toHaveLength(before);
  });

  it('without a lock file there is nothing to key on: no cache, no failure', async () => {
    rmSync(pluginDir, { recursive: true, force: true });
    const run = await runStep(
      { mode: 'plan', setup: 'false' },
      { files: { 'main.tf': 'resource "terraform_data" "x" {}\n' }, env: service.env() },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Provider cache: no .terraform.lock.hcl here');
    expect(run.state).toEqual({});
    expect(existsSync(pluginDir)).toBe(false);
  });

  it('an unreachable cache service is a warning, never a failure', async () => {
    const run = await runStep(
      { mode: 'plan', setup: 'false' },
      {
        files: files(LOCK),
        env: { ...service.env(), ACTIONS_CACHE_URL: 'http://127.0.0.1:9/', TF_PLUGIN_CACHE_DIR: pluginDir },
      },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/::warning::/);
    expect(run.outputs['to-add']).toBe('1');
  });
});
