// Opens a plan as a stream of UTF-8 chunks: a file or stdin, UTF-8 with or without BOM, or UTF-16 (LE/BE) with a
// BOM (PowerShell's `>` writes UTF-16) or without one (told by the zero bytes beside the first ASCII character).
// Nothing is read whole.

import { open, stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { ActionError } from '../errors.js';
import { chunkBuffers, returnChunkBuffers } from './wasm-skip.js';

const CHUNK_BYTES = 1 << 21;

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

function detect(head: Buffer): { encoding: Encoding; bomBytes: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomBytes: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomBytes: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomBytes: 2 };
  // No byte-order mark: JSON starts with an ASCII character, so a zero byte beside it is UTF-16 (RFC 4627 §3).
  if (head.length >= 2 && head[0] !== 0 && head[1] === 0) return { encoding: 'utf-16le', bomBytes: 0 };
  if (head.length >= 2 && head[0] === 0 && head[1] !== 0) return { encoding: 'utf-16be', bomBytes: 0 };
  return { encoding: 'utf-8', bomBytes: 0 };
}

function checkNotBinaryPlan(head: Buffer): void {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    throw new ActionError(
      'invalid-input',
      'the input is a binary plan file (a zip), not JSON: run `terraform show -json PLANFILE > plan.json` and pass plan.json',
    );
  }
}

function swapBytePairs(chunk: Buffer): Buffer {
  const copy = Buffer.from(chunk);
  return copy.swap16();
}

/** Re-chunks `source` as UTF-8 chunks, whatever the input encoding. */
async function* utf8Chunks(source: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  let encoding: Encoding | null = null;
  let head: Buffer = Buffer.alloc(0);
  let decoder: StringDecoder | null = null;
  let odd: Buffer | null = null;
  for await (const piece of source) {
    let chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
    if (encoding === null) {
      // The first chunk as it is when it holds the 4 bytes the encoding is read from (it may be in the skipper's
      // memory: a copy would not be).
      head = head.length === 0 && chunk.length >= 4 ? chunk : Buffer.concat([head, chunk]);
      if (head.length < 4) continue;
      checkNotBinaryPlan(head);
      const detected = detect(head);
      encoding = detected.encoding;
      chunk = head.subarray(detected.bomBytes);
      if (encoding !== 'utf-8') decoder = new StringDecoder('utf16le');
    }
    if (!decoder) {
      if (chunk.length) yield chunk;
      continue;
    }
    if (odd) {
      chunk = Buffer.concat([odd, chunk]);
      odd = null;
    }
    if (chunk.length % 2) {
      odd = Buffer.from(chunk.subarray(chunk.length - 1));
      chunk = chunk.subarray(0, chunk.length - 1);
    }
    const le = encoding === 'utf-16be' ? swapBytePairs(chunk) : chunk;
    yield Buffer.from(decoder.write(le), 'utf8');
  }
  if (encoding === null) {
    if (head.length) checkNotBinaryPlan(head);
    const detected = detect(head);
    if (detected.encoding !== 'utf-8' && head.length > detected.bomBytes) {
      throw new ActionError('invalid-input', 'the plan file is too short to be a plan');
    }
    if (head.length > detected.bomBytes) yield head.subarray(detected.bomBytes);
    return;
  }
  if (odd) throw new ActionError('invalid-input', 'the UTF-16 plan file ends in the middle of a character');
  if (decoder) {
    const rest = decoder.end();
    if (rest) yield Buffer.from(rest, 'utf8');
  }
}

/**
 * The file's bytes, one chunk at a time, in two buffers taken in turn: the next chunk is read while the reader
 * consumes this one (a 789 MB plan waited 0.7 s on reads one at a time). Memory stays flat whatever the file's size.
 * Each chunk is valid until the next is asked for; the reader consumes it synchronously (and copies what it keeps).
 */
async function* fileChunks(path: string): AsyncGenerator<Buffer> {
  const file = await open(path, 'r');
  const read = (into: Buffer): Promise<number> =>
    file.read(into, 0, CHUNK_BYTES, null).then((result) => result.bytesRead);
  // In the WebAssembly skipper's memory when free, so that skipping reads them there.
  const lent = chunkBuffers(CHUNK_BYTES);
  let [filling, spare] = lent ?? [Buffer.allocUnsafe(CHUNK_BYTES), Buffer.allocUnsafe(CHUNK_BYTES)];
  let pending: Promise<number> | null = read(filling);
  try {
    for (;;) {
      const bytesRead: number = await pending;
      if (bytesRead === 0) {
        pending = null;
        return;
      }
      const chunk = filling;
      [filling, spare] = [spare, chunk];
      pending = read(filling);
      yield chunk.subarray(0, bytesRead);
    }
  } finally {
    // The reader stopped early: the read ahead is not wanted, whatever its outcome, but must end before the close.
    if (pending) await pending.then(noop, noop);
    if (lent) returnChunkBuffers();
    await file.close();
  }
}

const noop = (): void => undefined;

/** The plan at `path` (or stdin for "-") as UTF-8 chunks. Fails with a one-line reason when it can't be read. */
export async function openPlan(path: string): Promise<AsyncIterable<Buffer>> {
  if (path === '-') return utf8Chunks(process.stdin);
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EACCES'
          ? 'is not readable'
          : `can't be read (${code})`;
    throw new ActionError(
      'invalid-input',
      `the plan file ${path} ${why}: check the path (relative paths start at the working directory)`,
    );
  }
  if (info.isDirectory()) {
    throw new ActionError(
      'invalid-input',
      `${path} is a directory, not a plan file: pass the file written by \`terraform show -json PLANFILE\``,
    );
  }
  if (info.size === 0) {
    throw new ActionError(
      'invalid-input',
      `the plan file ${path} is empty: did \`terraform show -json\` fail?`,
    );
  }
  return utf8Chunks(fileChunks(path));
}

/** The same conversion, for chunks already in memory (tests, the CLI's stdin). */
export function planChunks(source: AsyncIterable<Buffer | string>): AsyncIterable<Buffer> {
  return utf8Chunks(source);
}
