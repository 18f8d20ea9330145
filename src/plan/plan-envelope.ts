// A saved plan file, sealed for a workflow artifact: anyone with read access to the repository can download
// artifacts, and a plan file holds every secret of the plan in the clear. AES-256-GCM with a key drawn by scrypt
// from the plan-encryption-key secret and a salt of its own, so a weak secret is slow to guess offline. The header
// (what plan it is, for which target, made from which configuration) is in the clear but authenticated: the GCM
// tag covers it, so only a holder of the secret can make or alter either part.
//
// Layout: MAGIC | header length (u32, big-endian) | header JSON | ciphertext | tag (16 bytes).

import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  scrypt,
  timingSafeEqual,
} from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rm, stat } from 'node:fs/promises';

const MAGIC = Buffer.from('okta-tf-plan/1\n');
const TAG_BYTES = 16;
const MAX_HEADER_BYTES = 64 * 1024;
/** scrypt's cost: about 0.1 s and 32 MiB per seal or open, against millions of guesses a second without it. */
const KDF = { N: 2 ** 15, r: 8, p: 1 } as const;

/** What the sealed plan is; the envelope adds how it was sealed. */
export interface PlanHeader {
  readonly repository: string;
  readonly directory: string;
  readonly workspace: string;
  readonly label: string;
  /** The plan's fingerprint when it was made: the one its review shows. */
  readonly fingerprint: string;
  /** The configuration it was made from (configuration/digest.ts), before `terraform init`. */
  readonly configuration: string;
  readonly plannedAt: string;
  /** The workflow run that made it. */
  readonly run: string;
}

interface SealedHeader extends PlanHeader {
  readonly kdf: { readonly name: 'scrypt'; readonly salt: string } & typeof KDF;
  readonly iv: string;
  /** HMAC of the `variables` input under a key of its own: proves they are the same without showing them. */
  readonly bound: string;
}

export class PlanEnvelopeError extends Error {}

function deriveKeys(secret: string, salt: Buffer): Promise<{ cipher: Buffer; mac: Buffer }> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, 64, { ...KDF, maxmem: 64 * 1024 * 1024 }, (error, key) => {
      if (error) reject(error);
      else resolve({ cipher: key.subarray(0, 32), mac: key.subarray(32) });
    });
  });
}

const macOf = (key: Buffer, text: string): string => createHmac('sha256', key).update(text).digest('hex');

function prefixOf(header: SealedHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([MAGIC, length, json]);
}

/** Seals `planFile` into `target` (owner-only), binding `bound` (the variables input) without storing it. */
export async function sealPlan(
  planFile: string,
  target: string,
  options: { readonly secret: string; readonly header: PlanHeader; readonly bound: string },
): Promise<void> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const keys = await deriveKeys(options.secret, salt);
  const header: SealedHeader = {
    ...options.header,
    kdf: { name: 'scrypt', salt: salt.toString('base64'), ...KDF },
    iv: iv.toString('base64'),
    bound: macOf(keys.mac, options.bound),
  };
  const prefix = prefixOf(header);
  const cipher = createCipheriv('aes-256-gcm', keys.cipher, iv).setAAD(prefix);
  const out = await open(target, 'w', 0o600);
  try {
    await out.write(prefix);
    for await (const chunk of createReadStream(planFile)) await out.write(cipher.update(chunk as Buffer));
    await out.write(cipher.final());
    await out.write(cipher.getAuthTag());
  } finally {
    await out.close();
  }
}

export interface OpenedPlan {
  readonly header: PlanHeader;
  /** Whether `text` is what was bound when the plan was sealed. */
  binds(text: string): boolean;
}

async function readPrefix(file: string, size: number): Promise<{ prefix: Buffer; header: SealedHeader }> {
  const handle = await open(file, 'r');
  try {
    const start = Buffer.alloc(MAGIC.length + 4);
    await handle.read(start, 0, start.length, 0);
    const length = start.readUInt32BE(MAGIC.length);
    if (!start.subarray(0, MAGIC.length).equals(MAGIC) || length > MAX_HEADER_BYTES) {
      throw new PlanEnvelopeError('it is not a plan file this action sealed');
    }
    if (start.length + length + TAG_BYTES > size) throw new PlanEnvelopeError('it is cut short');
    const json = Buffer.alloc(length);
    await handle.read(json, 0, length, start.length);
    const header = JSON.parse(json.toString('utf8')) as SealedHeader;
    if (header.kdf?.name !== 'scrypt' || typeof header.iv !== 'string' || typeof header.bound !== 'string') {
      throw new PlanEnvelopeError('its header is not one this version reads');
    }
    return { prefix: Buffer.concat([start, json]), header };
  } catch (e) {
    if (e instanceof SyntaxError) throw new PlanEnvelopeError('its header is not JSON');
    throw e;
  } finally {
    await handle.close();
  }
}

/**
 * Opens a sealed plan into `target` (owner-only). Throws PlanEnvelopeError when it is not one, or does not open with
 * `secret` (another key, or altered): then `target` is removed, since nothing in it was authenticated.
 */
export async function openPlan(sealed: string, target: string, secret: string): Promise<OpenedPlan> {
  const { size } = await stat(sealed);
  const { prefix, header } = await readPrefix(sealed, size);
  const { kdf } = header;
  const keys = await deriveKeys(secret, Buffer.from(kdf.salt, 'base64'));
  const tag = Buffer.alloc(TAG_BYTES);
  const handle = await open(sealed, 'r');
  try {
    await handle.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
  } finally {
    await handle.close();
  }
  const decipher = createDecipheriv('aes-256-gcm', keys.cipher, Buffer.from(header.iv, 'base64'));
  decipher.setAAD(prefix).setAuthTag(tag);
  const out = await open(target, 'w', 0o600);
  try {
    const end = size - TAG_BYTES - 1;
    if (end >= prefix.length) {
      for await (const chunk of createReadStream(sealed, { start: prefix.length, end }))
        await out.write(decipher.update(chunk as Buffer));
    }
    let last: Buffer;
    try {
      last = decipher.final();
    } catch {
      // GCM's final step fails only when the tag does not match.
      throw new PlanEnvelopeError(
        'it does not open with plan-encryption-key (another key, or it was altered)',
      );
    }
    await out.write(last);
  } catch (e) {
    await out.close();
    await rm(target, { force: true });
    throw e;
  }
  await out.close();
  const plan: PlanHeader = {
    repository: header.repository,
    directory: header.directory,
    workspace: header.workspace,
    label: header.label,
    fingerprint: header.fingerprint,
    configuration: header.configuration,
    plannedAt: header.plannedAt,
    run: header.run,
  };
  if (!Object.values(plan).every((value) => typeof value === 'string')) {
    await rm(target, { force: true });
    throw new PlanEnvelopeError('its header lacks what this version needs');
  }
  return {
    header: plan,
    binds: (text) => {
      const expected = Buffer.from(macOf(keys.mac, text), 'hex');
      const actual = Buffer.from(header.bound, 'hex');
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
  };
}
