// The releases mirror must be faithful enough that an installer passing against it would pass against the real
// sites: the indexes, checksums, signatures and zips are checked here with independent tools (openpgp, unzip, gpg).

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { extractZip } from '@actions/tool-cache';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMessage, readKey, readSignature, verify } from 'openpgp';
import {
  compareVersionsDesc,
  DEFAULT_PLATFORMS,
  startReleasesMirror,
  type ReleasesMirror,
} from '../../testkit/releases-mirror.js';

const VERSIONS = ['1.9.8', '1.11.4', '1.12.0-beta1'];
const SCRIPT = '#!/bin/sh\necho hello-from-mirror\n';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function get(mirror: ReleasesMirror, path: string): Promise<Buffer> {
  const res = await fetch(mirror.url + path);
  if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

/** undefined when the signature verifies, else openpgp's reason. */
async function signatureProblem(armoredKey: string, data: Buffer, sig: Buffer): Promise<string | undefined> {
  try {
    const result = await verify({
      message: await createMessage({ binary: new Uint8Array(data) }),
      signature: await readSignature({ binarySignature: new Uint8Array(sig) }),
      verificationKeys: await readKey({ armoredKey }),
      expectSigned: true,
      format: 'binary',
    });
    await result.signatures[0]?.verified;
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** The checksum SHA256SUMS lists for each file name. */
function parseSums(text: string): Map<string, string> {
  return new Map(
    text
      .trimEnd()
      .split('\n')
      .map((line) => {
        const [hash = '', name = ''] = line.split('  ');
        return [name, hash];
      }),
  );
}

const LAYOUTS = [
  {
    product: 'terraform',
    dir: (v: string) => `/terraform/${v}`,
    sig: (v: string) => `terraform_${v}_SHA256SUMS.sig`,
  },
  { product: 'tofu', dir: (v: string) => `/tofu/v${v}`, sig: (v: string) => `tofu_${v}_SHA256SUMS.gpgsig` },
];

describe('releases mirror', () => {
  let mirror: ReleasesMirror;
  let work: string;

  beforeAll(async () => {
    mirror = await startReleasesMirror({ versions: VERSIONS, executable: SCRIPT });
    work = mkdtempSync(join(tmpdir(), 'releases-mirror-'));
  });
  afterAll(async () => {
    await mirror.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('publishes a HashiCorp index.json listing every version and build', async () => {
    const index = JSON.parse((await get(mirror, '/terraform/index.json')).toString()) as {
      name: string;
      versions: Record<
        string,
        { version: string; shasums: string; shasums_signatures: string[]; builds: unknown[] }
      >;
    };
    expect(index.name).toBe('terraform');
    expect(Object.keys(index.versions).sort()).toEqual([...VERSIONS].sort());
    const release = index.versions['1.11.4'];
    expect(release?.shasums).toBe('terraform_1.11.4_SHA256SUMS');
    expect(release?.shasums_signatures).toContain('terraform_1.11.4_SHA256SUMS.72D7468F.sig');
    expect(release?.builds).toHaveLength(DEFAULT_PLATFORMS.length);
    expect(release?.builds).toContainEqual({
      name: 'terraform',
      version: '1.11.4',
      os: 'linux',
      arch: 'amd64',
      filename: 'terraform_1.11.4_linux_amd64.zip',
      url: `${mirror.url}/terraform/1.11.4/terraform_1.11.4_linux_amd64.zip`,
    });
    for (const name of release?.shasums_signatures ?? []) await get(mirror, `/terraform/1.11.4/${name}`);
  });

  it('publishes an OpenTofu api.json, newest first, whose every file is served', async () => {
    const api = JSON.parse((await get(mirror, '/tofu/api.json')).toString()) as {
      versions: Array<{ id: string; files: string[] }>;
    };
    expect(api.versions.map((v) => v.id)).toEqual(['1.12.0-beta1', '1.11.4', '1.9.8']);
    for (const { id, files } of api.versions) {
      expect(files).toContain(`tofu_${id}_linux_arm64.zip`);
      expect(files).toContain(`tofu_${id}_SHA256SUMS.gpgsig`);
      for (const file of files) await get(mirror, `/tofu/v${id}/${file}`);
    }
  });

  it.each(LAYOUTS)(
    '$product: SHA256SUMS lists the served zips, sorted, and its signature verifies',
    async (l) => {
      for (const version of VERSIONS) {
        const sums = await get(mirror, `${l.dir(version)}/${l.product}_${version}_SHA256SUMS`);
        const listed = parseSums(sums.toString());
        expect([...listed.keys()]).toEqual([...listed.keys()].sort());
        expect(listed.size).toBe(DEFAULT_PLATFORMS.length);
        for (const [name, hash] of listed)
          expect(sha256(await get(mirror, `${l.dir(version)}/${name}`))).toBe(hash);
        const sig = await get(mirror, `${l.dir(version)}/${l.sig(version)}`);
        expect(sig[0]).not.toBe('-'.charCodeAt(0)); // binary, like the real sites, not armored
        expect(await signatureProblem(mirror.publicKeyArmored, sums, sig)).toBeUndefined();
      }
    },
  );

  it('states the fingerprint of the published key', async () => {
    const key = await readKey({ armoredKey: mirror.publicKeyArmored });
    expect(mirror.fingerprint).toBe(key.getFingerprint().toUpperCase());
    expect(mirror.fingerprint).toMatch(/^[0-9A-F]{40}$/);
    expect(mirror.signingPublicKeyArmored).toBe(mirror.publicKeyArmored);
  });

  it.each(LAYOUTS)(
    '$product: the zip opens with unzip and tool-cache, and the executable runs',
    async (l) => {
      const zip = join(work, `${l.product}.zip`);
      writeFileSync(zip, await get(mirror, `${l.dir('1.11.4')}/${l.product}_1.11.4_linux_amd64.zip`));
      expect(execFileSync('unzip', ['-l', zip], { encoding: 'utf8' })).toMatch(
        new RegExp(`\\s${l.product}\\n`),
      );
      expect(spawnSync('unzip', ['-tq', zip]).status).toBe(0);

      const dest = await extractZip(zip, join(work, `${l.product}-extracted`));
      const exe = join(dest, l.product);
      expect(statSync(exe).mode & 0o777).toBe(0o755);
      expect(execFileSync(exe, { encoding: 'utf8' })).toBe('hello-from-mirror\n');
    },
  );

  it('names the windows executable with .exe', async () => {
    const zip = join(work, 'windows.zip');
    writeFileSync(zip, await get(mirror, '/terraform/1.9.8/terraform_1.9.8_windows_arm64.zip'));
    expect(execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' })).toBe('terraform.exe\n');
  });

  it('verifies with GnuPG too (.ci/run installs it when missing)', async () => {
    const home = mkdtempSync(join(tmpdir(), 'gnupg-'));
    try {
      const key = join(home, 'key.asc');
      writeFileSync(key, mirror.publicKeyArmored);
      const sums = join(home, 'SUMS');
      writeFileSync(sums, await get(mirror, '/terraform/1.11.4/terraform_1.11.4_SHA256SUMS'));
      writeFileSync(`${sums}.sig`, await get(mirror, '/terraform/1.11.4/terraform_1.11.4_SHA256SUMS.sig'));
      const env = { ...process.env, GNUPGHOME: home };
      execFileSync('gpg', ['--batch', '--quiet', '--import', key], { env, stdio: 'pipe' });
      const result = spawnSync('gpg', ['--batch', '--verify', `${sums}.sig`, sums], {
        env,
        encoding: 'utf8',
      });
      expect(result.stderr).toContain('Good signature from "Test Releases <releases@example.invalid>"');
      expect(result.status).toBe(0);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('answers 404 for anything else and records every request', async () => {
    const before = mirror.downloads();
    expect((await fetch(`${mirror.url}/terraform/9.9.9/terraform_9.9.9_linux_amd64.zip`)).status).toBe(404);
    expect((await fetch(`${mirror.url}/tofu/1.11.4/tofu_1.11.4_SHA256SUMS`)).status).toBe(404);
    expect((await fetch(`${mirror.url}/`)).status).toBe(404);
    expect(mirror.requests.slice(-3)).toEqual([
      { method: 'GET', path: '/terraform/9.9.9/terraform_9.9.9_linux_amd64.zip' },
      { method: 'GET', path: '/tofu/1.11.4/tofu_1.11.4_SHA256SUMS' },
      { method: 'GET', path: '/' },
    ]);
    expect(mirror.downloads()).toBe(before + 1);
  });
});

describe('tampered releases mirror', () => {
  it('wrong-key signs with a key other than the one it publishes, and that key verifies', async () => {
    const mirror = await startReleasesMirror({
      versions: ['1.11.4'],
      platforms: [{ os: 'linux', arch: 'amd64' }],
      executable: SCRIPT,
      tamper: 'wrong-key',
    });
    try {
      for (const l of LAYOUTS) {
        const dir = l.dir('1.11.4');
        const sums = await get(mirror, `${dir}/${l.product}_1.11.4_SHA256SUMS`);
        const sig = await get(mirror, `${dir}/${l.sig('1.11.4')}`);
        expect(await signatureProblem(mirror.publicKeyArmored, sums, sig)).toMatch(
          /Could not find signing key with key ID/,
        );
        expect(await signatureProblem(mirror.signingPublicKeyArmored, sums, sig)).toBeUndefined();
      }
    } finally {
      await mirror.close();
    }
  });

  it.each([
    { tamper: 'zip', shaMatches: false, verifies: true },
    { tamper: 'sums', shaMatches: true, verifies: false },
    { tamper: 'signature', shaMatches: true, verifies: false },
    { tamper: 'wrong-key', shaMatches: true, verifies: false },
  ] as const)('$tamper breaks exactly what it should', async ({ tamper, shaMatches, verifies }) => {
    const mirror = await startReleasesMirror({
      versions: ['1.11.4'],
      platforms: [{ os: 'linux', arch: 'amd64' }],
      executable: SCRIPT,
      tamper,
    });
    try {
      for (const l of LAYOUTS) {
        const dir = l.dir('1.11.4');
        const sums = await get(mirror, `${dir}/${l.product}_1.11.4_SHA256SUMS`);
        const zip = await get(mirror, `${dir}/${l.product}_1.11.4_linux_amd64.zip`);
        const sig = await get(mirror, `${dir}/${l.sig('1.11.4')}`);
        expect(parseSums(sums.toString()).get(`${l.product}_1.11.4_linux_amd64.zip`) === sha256(zip)).toBe(
          shaMatches,
        );
        const problem = await signatureProblem(mirror.publicKeyArmored, sums, sig);
        expect(problem === undefined).toBe(verifies);
        // Whatever was tampered with, the zip is still a sound archive: only the checks may reject it.
        const file = join(tmpdir(), `tampered-${process.pid}-${tamper}-${l.product}.zip`);
        writeFileSync(file, zip);
        expect(spawnSync('unzip', ['-tq', file]).status).toBe(0);
        rmSync(file);
      }
    } finally {
      await mirror.close();
    }
  });
});

describe('compareVersionsDesc', () => {
  it('orders like semver, newest first', () => {
    const versions = [
      '1.9.0',
      '1.10.0-rc1',
      '1.10.0',
      '1.10.0-alpha20240101',
      '1.10.0-beta2',
      '1.10.0-beta10',
    ];
    expect(versions.sort(compareVersionsDesc)).toEqual([
      '1.10.0',
      '1.10.0-rc1',
      '1.10.0-beta2',
      '1.10.0-beta10',
      '1.10.0-alpha20240101',
      '1.9.0',
    ]);
  });
});
