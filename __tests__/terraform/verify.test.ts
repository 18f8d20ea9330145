import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import {
  HASHICORP_FINGERPRINT,
  HASHICORP_PUBLIC_KEY,
  OPENTOFU_FINGERPRINT,
  OPENTOFU_PUBLIC_KEY,
} from '../../src/terraform/vendor-keys.js';
import { parseSums, sha256File, verifyChecksum, verifySumsSignature } from '../../src/terraform/verify.js';

describe('the embedded vendor keys', () => {
  it.each([
    ['HashiCorp', HASHICORP_PUBLIC_KEY, HASHICORP_FINGERPRINT],
    ['OpenTofu', OPENTOFU_PUBLIC_KEY, OPENTOFU_FINGERPRINT],
  ])(
    '%s: the published fingerprint, self-signatures valid today, a subkey that signs',
    async (_, armored, fingerprint) => {
      const key = await openpgp.readKey({ armoredKey: armored });
      expect(key.getFingerprint().toUpperCase()).toBe(fingerprint);
      await expect(key.verifyPrimaryKey()).resolves.toBeUndefined();
      await expect(key.getSigningKey()).resolves.toBeDefined();
    },
  );
});

describe('SHA256SUMS', () => {
  it('reads sha256sum lines, in either mode', () => {
    const a = 'a'.repeat(64);
    const b = 'B'.repeat(64);
    expect(parseSums(`${a}  terraform_1.11.4_linux_amd64.zip\n${b} *tofu.zip\r\nnot a line\n`)).toEqual(
      new Map([
        ['terraform_1.11.4_linux_amd64.zip', a],
        ['tofu.zip', 'b'.repeat(64)],
      ]),
    );
  });

  it('accepts the listed hash only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'okta-tf-verify-'));
    const zip = join(dir, 'x.zip');
    writeFileSync(zip, 'zip bytes');
    const sums = parseSums(`${await sha256File(zip)}  x.zip\n`);
    await expect(verifyChecksum(zip, 'x.zip', sums, 'http://mirror/x.zip')).resolves.toBeUndefined();
    await expect(verifyChecksum(zip, 'y.zip', sums, 'http://mirror/y.zip')).rejects.toThrow(
      /does not list y\.zip/,
    );
    writeFileSync(zip, 'other bytes');
    await expect(verifyChecksum(zip, 'x.zip', sums, 'http://mirror/x.zip')).rejects.toThrow(
      /altered or corrupted/,
    );
  });
});

describe('the signature of SHA256SUMS', () => {
  it('verifies binary and armored detached signatures by the trusted key only', async () => {
    const { privateKey, publicKey } = await openpgp.generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ name: 'Mirror' }],
      format: 'armored',
    });
    const signingKeys = await openpgp.readPrivateKey({ armoredKey: privateKey });
    const sums = new TextEncoder().encode(`${'c'.repeat(64)}  terraform.zip\n`);
    const message = await openpgp.createMessage({ binary: sums });
    const binary = await openpgp.sign({ message, signingKeys, detached: true, format: 'binary' });
    const armored = await openpgp.sign({ message, signingKeys, detached: true });
    const trusted = { owner: 'the mirror key', armored: publicKey };
    await expect(verifySumsSignature(sums, binary, trusted, 'SUMS')).resolves.toBeUndefined();
    await expect(
      verifySumsSignature(sums, new TextEncoder().encode(armored), trusted, 'SUMS'),
    ).resolves.toBeUndefined();
    const vendor = { owner: "HashiCorp's release key", armored: HASHICORP_PUBLIC_KEY };
    await expect(verifySumsSignature(sums, binary, vendor, 'SUMS')).rejects.toThrow(
      /^the signature of SUMS does not verify under HashiCorp's release key/,
    );
    const edited = new TextEncoder().encode(`${'d'.repeat(64)}  terraform.zip\n`);
    await expect(verifySumsSignature(edited, binary, trusted, 'SUMS')).rejects.toMatchObject({
      reason: 'init-failed',
    });
    await expect(
      verifySumsSignature(sums, binary, { owner: 'releases-public-key', armored: 'nonsense' }, 'SUMS'),
    ).rejects.toMatchObject({
      reason: 'invalid-input',
    });
  });
});
