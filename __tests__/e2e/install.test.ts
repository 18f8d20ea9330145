// Installing Terraform and OpenTofu from a releases mirror in the harness that serves the real formats (index.json /
// api.json, SHA256SUMS, detached OpenPGP signatures, zips), signed with a test key: verified installs, the tool
// cache on a second run, and refusals for every kind of tampering.

import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  startReleasesMirror,
  type MirrorOptions,
  type ReleasesMirror,
} from '../../testkit/releases-mirror.js';
import { runStep } from '../../testkit/action-step.mjs';

jest.setTimeout(120_000);

// The zips hold a stand-in that runs the real terraform, so the installed binary can plan.
const TERRAFORM = execFileSync('which', ['terraform'], { encoding: 'utf8' }).trim();
const STAND_IN = `#!/bin/sh\nexec ${TERRAFORM} "$@"\n`;
const FILES = { 'main.tf': 'resource "terraform_data" "group" {\n  input = "Engineering"\n}\n' };

let mirror: ReleasesMirror | undefined;

afterEach(async () => {
  await mirror?.close();
  mirror = undefined;
});

async function start(options: Partial<MirrorOptions> = {}): Promise<ReleasesMirror> {
  mirror = await startReleasesMirror({
    versions: ['1.9.8', '1.11.4', '1.12.0-beta1'],
    executable: STAND_IN,
    ...options,
  });
  return mirror;
}

function installed(job: string, tool: string): string[] {
  const dir = join(job, 'tool-cache', tool);
  return existsSync(dir) ? readdirSync(dir) : [];
}

describe('installing Terraform from the releases site', () => {
  it('installs the newest release meeting required_version, verified, and plans with it', async () => {
    const releases = await start();
    const run = await runStep(
      { mode: 'plan', 'releases-url': releases.url, 'releases-public-key': releases.publicKeyArmored },
      { files: { ...FILES, 'versions.tf': 'terraform {\n  required_version = ">= 1.9, < 2.0"\n}\n' } },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Terraform 1.11.4 (required_version in versions.tf) from the releases site, signature and SHA256 verified',
    );
    expect(run.stdout).toContain(
      `[command]${join(run.job, 'tool-cache', 'terraform', '1.11.4', 'amd64', 'terraform')} init`,
    );
    expect(run.outputs['to-add']).toBe('1');
    expect(releases.requests.map((r) => r.path)).toEqual([
      '/terraform/index.json',
      '/terraform/1.11.4/terraform_1.11.4_SHA256SUMS',
      '/terraform/1.11.4/terraform_1.11.4_SHA256SUMS.sig',
      '/terraform/1.11.4/terraform_1.11.4_linux_amd64.zip',
    ]);
  });

  it('reuses the tool cache on a second run: no request at all for an exact version', async () => {
    const releases = await start();
    const inputs = {
      mode: 'plan',
      'terraform-version': '1.9.8',
      'releases-url': releases.url,
      'releases-public-key': releases.publicKeyArmored,
    };
    const first = await runStep(inputs, { files: FILES });
    expect(first.code).toBe(0);
    expect(releases.downloads()).toBe(1);
    const requests = releases.requests.length;
    const second = await runStep(inputs, { job: first.job });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Terraform 1.9.8 (the input terraform-version) from the tool cache');
    expect(releases.requests.length).toBe(requests);
    expect(installed(first.job, 'terraform')).toEqual(['1.9.8']);
  });

  it('installs OpenTofu from its layout', async () => {
    const releases = await start({ versions: ['1.8.3', '1.9.0'] });
    const run = await runStep(
      {
        mode: 'plan',
        distribution: 'opentofu',
        'releases-url': releases.url,
        'releases-public-key': releases.publicKeyArmored,
      },
      { files: { ...FILES, '.opentofu-version': '1.8.3\n' } },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('OpenTofu 1.8.3 (.opentofu-version in .) from the releases site');
    expect(releases.requests.map((r) => r.path)).toEqual([
      '/tofu/api.json',
      '/tofu/v1.8.3/tofu_1.8.3_SHA256SUMS',
      '/tofu/v1.8.3/tofu_1.8.3_SHA256SUMS.gpgsig',
      '/tofu/v1.8.3/tofu_1.8.3_linux_amd64.zip',
    ]);
    expect(installed(run.job, 'tofu')).toEqual(['1.8.3']);
  });
});

describe('refusing what does not verify (init-failed, nothing installed)', () => {
  async function refused(options: Partial<MirrorOptions>, withKey = true) {
    const releases = await start(options);
    const run = await runStep(
      {
        mode: 'plan',
        'terraform-version': '1.11.4',
        'releases-url': releases.url,
        ...(withKey ? { 'releases-public-key': releases.publicKeyArmored } : {}),
      },
      { files: FILES },
    );
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('init-failed');
    expect(installed(run.job, 'terraform')).toEqual([]);
    expect(run.stdout).not.toContain('[command]');
    return { run, releases };
  }

  it('a zip whose SHA256 is not the signed one', async () => {
    const { run } = await refused({ tamper: 'zip' });
    expect(run.stdout).toMatch(
      /::error::init-failed: terraform_1\.11\.4_linux_amd64\.zip from http:\/\/127\.0\.0\.1:\d+\/terraform\/1\.11\.4\/terraform_1\.11\.4_linux_amd64\.zip has SHA256 [0-9a-f]{64}, but the signed SHA256SUMS says [0-9a-f]{64}: the download was altered or corrupted, so nothing was installed/,
    );
  });

  it('SHA256SUMS changed after signing (swapped zips with matching sums): the zip is never fetched', async () => {
    const { run, releases } = await refused({ tamper: 'sums' });
    expect(run.stdout).toContain(
      '::error::init-failed: the signature of terraform_1.11.4_SHA256SUMS does not verify under the key given as releases-public-key',
    );
    expect(releases.downloads()).toBe(0);
  });

  it('a corrupted signature, and a signature by another key', async () => {
    expect((await refused({ tamper: 'signature' })).run.stdout).toMatch(
      /does not verify under the key given/,
    );
    await mirror?.close();
    expect((await refused({ tamper: 'wrong-key' })).run.stdout).toMatch(/Could not find signing key/);
  });

  it("a mirror signing with its own key when releases-public-key is not given: only HashiCorp's key is trusted", async () => {
    const { run } = await refused({}, false);
    expect(run.stdout).toMatch(
      /::error::init-failed: the signature of terraform_1\.11\.4_SHA256SUMS does not verify under HashiCorp's release key .*give that key as releases-public-key/,
    );
  });

  it('a version the mirror does not have', async () => {
    const releases = await start();
    const run = await runStep(
      { mode: 'plan', 'terraform-version': '~> 1.13', 'releases-url': releases.url },
      { files: FILES },
    );
    expect(run.outputs['failure-reason']).toBe('init-failed');
    expect(run.stdout).toContain(
      '::error::init-failed: no Terraform release matches the input terraform-version',
    );
  });
});
