// Trust for a downloaded release: the zip's SHA256 must be the one SHA256SUMS lists, and SHA256SUMS must carry a
// valid detached OpenPGP signature by the vendor's key (or the mirror's key the user gave). Both failures refuse
// the install; neither is ever a warning.

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import * as openpgp from 'openpgp';
import { ActionError, errorMessage } from '../errors.js';

/** `<sha256 hex>  <file name>` lines, by file name. */
export function parseSums(text: string): Map<string, string> {
  const sums = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([0-9a-fA-F]{64})\s+\*?(\S+)\s*$/.exec(line.trim());
    if (match) sums.set(match[2] as string, (match[1] as string).toLowerCase());
  }
  return sums;
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface TrustedKey {
  /** Whose key, for messages: "HashiCorp's release key". */
  readonly owner: string;
  readonly armored: string;
}

async function readKeys(key: TrustedKey): Promise<openpgp.PublicKey[]> {
  try {
    return await openpgp.readKeys({ armoredKeys: key.armored });
  } catch (e) {
    throw new ActionError(
      'invalid-input',
      `${key.owner} is not an ASCII-armored OpenPGP public key (${errorMessage(e)}): paste the whole "BEGIN PGP PUBLIC KEY BLOCK"`,
    );
  }
}

async function readSignature(bytes: Uint8Array): Promise<openpgp.Signature> {
  const text = Buffer.from(bytes.subarray(0, 64)).toString('latin1');
  return text.includes('-----BEGIN PGP SIGNATURE-----')
    ? openpgp.readSignature({ armoredSignature: Buffer.from(bytes).toString('utf8') })
    : openpgp.readSignature({ binarySignature: bytes });
}

/** Throws init-failed unless `signature` is a valid detached signature of `sums` by `key`. */
export async function verifySumsSignature(
  sums: Uint8Array,
  signature: Uint8Array,
  key: TrustedKey,
  sumsName: string,
): Promise<void> {
  const keys = await readKeys(key);
  try {
    const result = await openpgp.verify({
      message: await openpgp.createMessage({ binary: sums }),
      signature: await readSignature(signature),
      verificationKeys: keys,
      expectSigned: true,
    });
    for (const { verified } of result.signatures) await verified;
  } catch (e) {
    throw new ActionError(
      'init-failed',
      `the signature of ${sumsName} does not verify under ${key.owner} (${errorMessage(e)}): refusing to install. ` +
        'If you use a mirror that signs with its own key, give that key as releases-public-key',
    );
  }
}

/** Throws init-failed unless the file's SHA256 is the one `sums` lists for `name`. */
export async function verifyChecksum(
  path: string,
  name: string,
  sums: Map<string, string>,
  url: string,
): Promise<void> {
  const expected = sums.get(name);
  if (!expected) {
    throw new ActionError(
      'init-failed',
      `the signed SHA256SUMS does not list ${name}: refusing to install it`,
    );
  }
  const actual = await sha256File(path);
  if (actual !== expected) {
    throw new ActionError(
      'init-failed',
      `${name} from ${url} has SHA256 ${actual}, but the signed SHA256SUMS says ${expected}: the download was altered or corrupted, so nothing was installed`,
    );
  }
}
