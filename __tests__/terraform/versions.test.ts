import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readModuleConfiguration } from '../../src/configuration/module.js';
import { resolveVersionRequest, type VersionRequest } from '../../src/terraform/version-request.js';
import { newestSatisfying, parseConstraints } from '../../src/terraform/versions.js';

const RELEASES = [
  '0.12.31',
  '1.5.7',
  '1.9.0',
  '1.9.8',
  '1.10.5',
  '1.11.4',
  '1.12.0-beta1',
  '1.12.0-rc1',
  '2.0.0-alpha1',
];

function pick(...constraints: string[]): string | undefined {
  return newestSatisfying(
    RELEASES,
    constraints.map((c) => parseConstraints(c) ?? []),
  );
}

describe('version constraints (go-version, as required_version reads them)', () => {
  it.each([
    ['~> 1.9', '1.11.4'],
    ['~> 1.9.0', '1.9.8'],
    ['~> 1', '1.11.4'],
    ['>= 1.5, < 1.10', '1.9.8'],
    ['1.10.5', '1.10.5'],
    ['= 1.9.0', '1.9.0'],
    ['!= 1.11.4', '1.10.5'],
    ['> 1.11.4', undefined],
    ['< 1.0', '0.12.31'],
    ['<= 1.5.7', '1.5.7'],
  ])('%s picks %s', (constraint, expected) => {
    expect(pick(constraint)).toBe(expected);
  });

  it('never picks a prerelease unless the constraint names one', () => {
    expect(pick('>= 1.11')).toBe('1.11.4');
    expect(pick('1.12.0-rc1')).toBe('1.12.0-rc1');
    expect(pick('>= 1.12.0-beta1')).toBe('1.12.0-rc1');
  });

  it('latest is the newest stable release; every set must hold', () => {
    expect(newestSatisfying(RELEASES, [])).toBe('1.11.4');
    expect(pick('>= 1.5', '< 1.10')).toBe('1.9.8');
  });

  it('rejects what is not a constraint', () => {
    for (const text of ['~>', 'one.two', '>= 1.5,', '1.x']) expect(parseConstraints(text)).toBeUndefined();
  });
});

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'okta-tf-versions-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

async function request(
  files: Record<string, string>,
  input = '',
  distribution: 'terraform' | 'opentofu' = 'terraform',
) {
  const root = repo({ 'orgs/prod/.keep': '', ...files });
  const directory = join(root, 'orgs/prod');
  return resolveVersionRequest({
    input,
    inputName: 'terraform-version',
    distribution,
    required: (await readModuleConfiguration(directory)).requiredVersions,
    directory,
    root,
  });
}

function chosen(r: VersionRequest): string | undefined {
  const candidates = r.pattern ? RELEASES.filter((v) => r.pattern?.test(v)) : RELEASES;
  return newestSatisfying(candidates, r.constraints);
}

describe('which version to install', () => {
  it('takes the input first, exact versions skip the index', async () => {
    const r = await request(
      { 'orgs/prod/versions.tf': 'terraform { required_version = "~> 1.9.0" }' },
      '1.10.5',
    );
    expect(r).toMatchObject({ exact: '1.10.5', source: 'the input terraform-version' });
    expect((await request({}, 'latest')).constraints).toEqual([]);
    expect(chosen(await request({}, '~> 1.9'))).toBe('1.11.4');
  });

  it('then required_version, from every file of the root module (comments ignored)', async () => {
    const r = await request({
      'orgs/prod/versions.tf': '# required_version = "0.12"\nterraform {\n  required_version = ">= 1.5"\n}\n',
      'orgs/prod/other.tf.json': JSON.stringify({ terraform: [{ required_version: '< 1.10' }] }),
      'orgs/prod/.terraform-version': '1.5.7',
    });
    expect(r.source).toBe('required_version in other.tf.json, versions.tf');
    expect(chosen(r)).toBe('1.9.8');
  });

  it('then the nearest version file up to the repository root', async () => {
    expect(await request({ '.terraform-version': '1.9.0\n' })).toMatchObject({
      exact: '1.9.0',
      source: '.terraform-version in .',
    });
    const nearer = await request({
      '.terraform-version': '1.9.0',
      'orgs/.tool-versions': 'nodejs 20\nterraform 1.10.5\n',
    });
    expect(nearer).toMatchObject({ exact: '1.10.5', source: '.tool-versions in orgs' });
    expect(chosen(await request({ '.terraform-version': '1.9' }))).toBe('1.9.8');
    expect(chosen(await request({ '.terraform-version': 'latest:^1\\.10' }))).toBe('1.10.5');
    const tofu = await request(
      { '.terraform-version': '1.9.0', '.opentofu-version': '1.8.3' },
      '',
      'opentofu',
    );
    expect(tofu).toMatchObject({ exact: '1.8.3', source: '.opentofu-version in .' });
  });

  it('else the latest release', async () => {
    const r = await request({});
    expect(r.constraints).toEqual([]);
    expect(r.source).toMatch(/latest/);
  });

  it('names the file when a version cannot be read', async () => {
    await expect(request({ 'orgs/prod/main.tf': 'terraform { required_version = "one" }' })).rejects.toThrow(
      /required_version "one" in main.tf is not a version constraint/,
    );
    await expect(request({ '.terraform-version': 'min-required' })).rejects.toThrow(/needs required_version/);
    await expect(request({}, 'banana')).rejects.toThrow(/the input terraform-version has "banana"/);
  });
});
