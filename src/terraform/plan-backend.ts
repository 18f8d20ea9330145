// The backend a saved plan file writes its state to. Terraform applies a saved plan with the backend recorded in it,
// not the one the working directory was initialized with (checked with Terraform 1.11: a plan made against state
// A, applied after `init -reconfigure` to B, wrote A). A plan file kept for the apply (apply-from: plan-file) must
// therefore record this job's backend: otherwise its state would go elsewhere. Read from the file's `tfplan` entry,
// Terraform's planfile.proto: Plan.backend = 13, Backend { type = 1, config = 2 (DynamicValue { msgpack = 1 }),
// workspace = 3 }.

import { decode } from '@msgpack/msgpack';
import { BinaryReader, WireType } from '@protobuf-ts/runtime';
import { open, type Entry } from 'yauzl';
import { backendIdentityOf } from './backend.js';

export interface PlanBackend {
  /** As backend.ts backendIdentity says it: type and location, no credentials. */
  readonly identity: string;
  readonly workspace: string;
}

/** The bytes of the zip's `tfplan` entry (yauzl reads the central directory, so only that entry is inflated). */
function tfplanEntry(planFile: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    open(planFile, { lazyEntries: true, autoClose: true }, (error, zip) => {
      if (error) return reject(error);
      zip.on('error', reject);
      zip.on('end', () => reject(new Error('the plan file has no tfplan entry')));
      zip.on('entry', (entry: Entry) => {
        if (entry.fileName !== 'tfplan') return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            zip.close();
            resolve(Buffer.concat(chunks));
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** The one length-delimited field `field` of a message, or undefined. */
function lengthDelimited(bytes: Uint8Array, field: number): Uint8Array | undefined {
  const reader = new BinaryReader(bytes);
  let found: Uint8Array | undefined;
  while (reader.pos < reader.len) {
    const [number, wireType] = reader.tag();
    if (number === field && wireType === WireType.LengthDelimited) found = reader.bytes();
    else reader.skip(wireType);
  }
  return found;
}

/** The backend recorded in a saved plan file. Throws when the file is not one Terraform wrote. */
export async function planBackend(planFile: string): Promise<PlanBackend> {
  const plan = await tfplanEntry(planFile);
  const backend = lengthDelimited(plan, 13);
  if (!backend) return { identity: 'local', workspace: 'default' };
  const text = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('utf8');
  const type = text(lengthDelimited(backend, 1));
  const dynamic = lengthDelimited(backend, 2);
  const msgpack = dynamic ? lengthDelimited(dynamic, 1) : undefined;
  const config = msgpack ? decode(msgpack) : {};
  const workspace = text(lengthDelimited(backend, 3)) || 'default';
  const object = config && typeof config === 'object' && !Array.isArray(config) ? config : {};
  return { identity: backendIdentityOf(type, object as Record<string, unknown>), workspace };
}
