// A local stand-in for releases.hashicorp.com and OpenTofu's download site, so the installer can be tested offline
// against the same layouts, checksums and detached OpenPGP signatures, signed by a throwaway key.

import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32, deflateRawSync } from 'node:zlib';
import { createMessage, generateKey, sign, type PrivateKey } from 'openpgp';

export interface MirrorOptions {
  /** versions to publish, e.g. ['1.9.8', '1.11.4', '1.12.0-beta1'] */
  versions: string[];
  /** platforms to publish; default every combination of linux/darwin/windows × amd64/arm64 */
  platforms?: Array<{ os: string; arch: string }>;
  /** content of the executable put in every zip: a shell script is fine, e.g. '#!/bin/sh\nexec /usr/bin/terraform "$@"\n' */
  executable: string | Buffer;
  /** break one thing on purpose */
  tamper?: 'zip' | 'sums' | 'signature' | 'wrong-key';
}

export interface ReleasesMirror {
  /** base URL, without a trailing slash */
  readonly url: string;
  /** the test key's public key, ASCII-armored (what a user would pass as `releases-public-key`) */
  readonly publicKeyArmored: string;
  /** fingerprint of publicKeyArmored, uppercase hex */
  readonly fingerprint: string;
  /** the public key that really signed the sums: publicKeyArmored, except under tamper 'wrong-key' */
  readonly signingPublicKeyArmored: string;
  /** every request so far, in order (a live view) */
  readonly requests: ReadonlyArray<{ method: string; path: string }>;
  /** GET requests for .zip files so far (HEAD probes are not downloads) */
  downloads(): number;
  close(): Promise<void>;
}

export const DEFAULT_PLATFORMS: ReadonlyArray<{ os: string; arch: string }> = [
  'linux',
  'darwin',
  'windows',
].flatMap((os) => ['amd64', 'arm64'].map((arch) => ({ os, arch })));

/** HashiCorp names a second copy of the signature after its signing key's short id; installers may ask for it. */
const HASHICORP_KEY_SIG = '72D7468F';

// A fixed timestamp keeps every zip byte-identical from run to run.
const DOS_TIME = 0;
const DOS_DATE = ((2025 - 1980) << 9) | (1 << 5) | 1;

type Deflated = { crc: number; size: number; data: Buffer };

/** The fields the local and the central header share, in the same order, from `at` (the method field). */
function writeEntryFields(header: Buffer, at: number, content: Deflated, nameLength: number): void {
  header.writeUInt16LE(8, at); // method: deflate
  header.writeUInt16LE(DOS_TIME, at + 2);
  header.writeUInt16LE(DOS_DATE, at + 4);
  header.writeUInt32LE(content.crc, at + 6);
  header.writeUInt32LE(content.data.length, at + 10);
  header.writeUInt32LE(content.size, at + 14);
  header.writeUInt16LE(nameLength, at + 18);
}

/** A one-entry ZIP whose entry unzips as an executable on unix (mode 0755 in the external attributes). */
function zipOne(name: string, content: Deflated, comment = ''): Buffer {
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4); // version needed: deflate
  writeEntryFields(local, 8, content, nameBytes.length);

  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE((3 << 8) | 20, 4); // made by unix, so unzip honours the mode bits
  central.writeUInt16LE(20, 6);
  writeEntryFields(central, 10, content, nameBytes.length);
  central.writeUInt32LE((0o100755 << 16) >>> 0, 38); // 30-36 (extra, comment, disk, internal attrs) stay 0
  central.writeUInt32LE(0, 42); // the local header is at the start

  const commentBytes = Buffer.from(comment);
  const centralOffset = local.length + nameBytes.length + content.data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  end.writeUInt16LE(commentBytes.length, 20);

  return Buffer.concat([local, nameBytes, content.data, central, nameBytes, end, commentBytes]);
}

/** Semver order, newest first: a release sorts above its own pre-releases. */
export function compareVersionsDesc(a: string, b: string): number {
  const parse = (v: string): [number[], string[]] => {
    const [core = '', pre] = v.split(/-(.*)/s);
    return [core.split('.').map(Number), pre === undefined ? [] : pre.split('.')];
  };
  const [coreA, preA] = parse(a);
  const [coreB, preB] = parse(b);
  for (let i = 0; i < 3; i++) {
    const d = (coreB[i] ?? 0) - (coreA[i] ?? 0);
    if (d !== 0) return d;
  }
  if (preA.length === 0 || preB.length === 0) return preA.length - preB.length;
  for (let i = 0; i < Math.max(preA.length, preB.length); i++) {
    const x = preA[i];
    const y = preB[i];
    if (x === undefined || y === undefined) return x === undefined ? 1 : -1;
    if (x === y) continue;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) return Number(y) - Number(x);
    if (nx !== ny) return nx ? 1 : -1;
    return x < y ? 1 : -1;
  }
  return 0;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

interface Product {
  /** executable and file-name prefix: terraform or tofu */
  name: string;
  /** URL directory holding one version's files */
  dir: (version: string) => string;
  /** file name of the detached signature(s) of SHA256SUMS */
  signatures: (version: string) => string[];
}

const PRODUCTS: Product[] = [
  {
    name: 'terraform',
    dir: (v) => `/terraform/${v}`,
    signatures: (v) => [
      `terraform_${v}_SHA256SUMS.sig`,
      `terraform_${v}_SHA256SUMS.${HASHICORP_KEY_SIG}.sig`,
    ],
  },
  { name: 'tofu', dir: (v) => `/tofu/v${v}`, signatures: (v) => [`tofu_${v}_SHA256SUMS.gpgsig`] },
];

async function testKey(): Promise<{ privateKey: PrivateKey; armored: string; fingerprint: string }> {
  // Legacy EdDSA rather than RFC 9580 Ed25519: it is fast to generate and GnuPG 2.2+ verifies it too.
  const { privateKey, publicKey } = await generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: 'Test Releases', email: 'releases@example.invalid' }],
    format: 'object',
  });
  return { privateKey, armored: publicKey.armor(), fingerprint: publicKey.getFingerprint().toUpperCase() };
}

/** Publishes every file of every version, already tampered with as asked. */
async function buildFiles(options: MirrorOptions, signingKey: PrivateKey): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const platforms = options.platforms ?? DEFAULT_PLATFORMS;
  const raw = Buffer.isBuffer(options.executable) ? options.executable : Buffer.from(options.executable);
  // Only the entry name differs between zips, so compress once: the executable may be a real 100 MB binary.
  const content: Deflated = { crc: crc32(raw), size: raw.length, data: deflateRawSync(raw) };

  for (const product of PRODUCTS) {
    for (const version of options.versions) {
      const zips = platforms.map(({ os, arch }) => {
        const entry = os === 'windows' ? `${product.name}.exe` : product.name;
        const name = `${product.name}_${version}_${os}_${arch}.zip`;
        return { name, listed: zipOne(entry, content), altered: zipOne(entry, content, 'tampered') };
      });
      zips.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const sumsOf = (pick: 'listed' | 'altered'): Buffer =>
        Buffer.from(zips.map((z) => `${sha256(z[pick])}  ${z.name}\n`).join(''));

      const sums = sumsOf('listed');
      const message = await createMessage({ binary: new Uint8Array(sums) });
      const signature = Buffer.from(
        await sign({ message, signingKeys: signingKey, detached: true, format: 'binary' }),
      );
      // Flipping the last byte changes the signature value itself, so it still parses but no longer verifies.
      if (options.tamper === 'signature')
        signature.writeUInt8(signature.readUInt8(signature.length - 1) ^ 0xff, signature.length - 1);

      // 'sums' is the attack signatures exist for: swapped zips whose new checksums were written into SHA256SUMS,
      // so only the signature can tell. 'zip' swaps the zips alone, so the checksum must catch it.
      const alterZips = options.tamper === 'zip' || options.tamper === 'sums';
      const dir = product.dir(version);
      for (const zip of zips) files.set(`${dir}/${zip.name}`, alterZips ? zip.altered : zip.listed);
      files.set(
        `${dir}/${product.name}_${version}_SHA256SUMS`,
        options.tamper === 'sums' ? sumsOf('altered') : sums,
      );
      for (const name of product.signatures(version)) files.set(`${dir}/${name}`, signature);
    }
  }
  return files;
}

function hashicorpIndex(options: MirrorOptions, base: string): unknown {
  const platforms = options.platforms ?? DEFAULT_PLATFORMS;
  const versions: Record<string, unknown> = {};
  for (const version of options.versions) {
    versions[version] = {
      name: 'terraform',
      version,
      shasums: `terraform_${version}_SHA256SUMS`,
      shasums_signature: `terraform_${version}_SHA256SUMS.sig`,
      shasums_signatures: [
        `terraform_${version}_SHA256SUMS.${HASHICORP_KEY_SIG}.sig`,
        `terraform_${version}_SHA256SUMS.sig`,
      ],
      builds: platforms.map(({ os, arch }) => {
        const filename = `terraform_${version}_${os}_${arch}.zip`;
        return {
          name: 'terraform',
          version,
          os,
          arch,
          filename,
          url: `${base}/terraform/${version}/${filename}`,
        };
      }),
    };
  }
  return { name: 'terraform', versions };
}

function tofuIndex(options: MirrorOptions): unknown {
  const platforms = options.platforms ?? DEFAULT_PLATFORMS;
  const versions = [...options.versions].sort(compareVersionsDesc).map((id) => ({
    id,
    files: [
      ...platforms.map(({ os, arch }) => `tofu_${id}_${os}_${arch}.zip`),
      `tofu_${id}_SHA256SUMS`,
      `tofu_${id}_SHA256SUMS.gpgsig`,
    ],
  }));
  return { versions };
}

function contentType(path: string): string {
  if (path.endsWith('.json')) return 'application/json';
  if (path.endsWith('.zip')) return 'application/zip';
  return path.endsWith('SHA256SUMS') ? 'text/plain' : 'application/octet-stream';
}

export async function startReleasesMirror(options: MirrorOptions): Promise<ReleasesMirror> {
  const [published, other] = await Promise.all([
    testKey(),
    options.tamper === 'wrong-key' ? testKey() : Promise.resolve(undefined),
  ]);
  const signer = other ?? published;
  const files = await buildFiles(options, signer.privateKey);
  const requests: Array<{ method: string; path: string }> = [];

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://mirror.invalid').pathname;
    requests.push({ method, path });
    const file = files.get(path);
    const [status, body] =
      method !== 'GET' && method !== 'HEAD'
        ? [405, Buffer.from('method not allowed\n')]
        : file === undefined
          ? [404, Buffer.from('not found\n')]
          : [200, file];
    res.writeHead(status, {
      'Content-Type': status === 200 ? contentType(path) : 'text/plain',
      'Content-Length': body.length,
    });
    res.end(method === 'HEAD' ? undefined : body);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The HashiCorp index holds absolute URLs, so it can only be written once the port is known.
  files.set('/terraform/index.json', Buffer.from(JSON.stringify(hashicorpIndex(options, base))));
  files.set('/tofu/api.json', Buffer.from(JSON.stringify(tofuIndex(options))));

  return {
    url: base,
    publicKeyArmored: published.armored,
    fingerprint: published.fingerprint,
    signingPublicKeyArmored: signer.armored,
    requests,
    downloads: () => requests.filter((r) => r.method === 'GET' && r.path.endsWith('.zip')).length,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // fetch keeps connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}
