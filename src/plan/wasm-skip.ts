// The WebAssembly skipper (wasm/json-skip.wat): where a JSON container or string ends, 16 bytes at a time, about
// four times the JavaScript loop's speed; and where the wanted members of an object are (membersInMemory), for
// ObjectIndex. It reads its own memory only, so the plan file is read straight into buffers that live there
// (chunkBuffers); bytes anywhere else are walked by the JavaScript loops in json-scan.ts and object-index.ts.

import { JSON_SKIP_WASM } from './json-skip-wasm.js';

/** The part of the WebAssembly API used here (TypeScript's ES libraries do not declare it; Node has it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: object };
}

interface SkipExports {
  memory: { buffer: ArrayBuffer };
  setState(depth: number, inString: number, escaped: number): void;
  depth(): number;
  inString(): number;
  escaped(): number;
  scan(start: number, end: number): number;
  // WebAssembly functions need no `this`: held as plain functions below.
  skip: (start: number, end: number, depth: number) => number;
  members: (start: number, end: number, first: number, stop: number, filter: number) => number;
}

/** Where a skip stands: resumable state, as ValueSkipper keeps it. */
export interface SkipState {
  depth: number;
  inString: boolean;
  escaped: boolean;
}

let exports: SkipExports | null | undefined;
/** The instance's memory: what inSkipMemory compares with, on every value skipped. */
let memoryBuffer: ArrayBuffer | null = null;
/**
 * The hot exports, held as functions: V8 calls a WebAssembly function it can see through a variable by its fast
 * wrapper, and one looked up on the exports object by its generic one (a tenth of a large plan's time).
 */
let skip: SkipExports['skip'] = () => -1;
let members: SkipExports['members'] = () => -1;

/** The instance, made on first use; null where WebAssembly SIMD is not available (the JavaScript loop serves). */
function skipper(): SkipExports | null {
  if (exports === undefined) {
    const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    try {
      const module = api ? new api.Module(Buffer.from(JSON_SKIP_WASM, 'base64')) : null;
      // The exports are those json-skip.wat declares.
      exports = module && api ? (new api.Instance(module).exports as SkipExports) : null;
      memoryBuffer = exports?.memory.buffer ?? null;
      if (exports) ({ skip, members } = exports);
    } catch (error) {
      // A runtime without WebAssembly SIMD refuses the module (a CompileError): the JavaScript loop serves.
      if (!(error instanceof Error)) throw error;
      exports = null;
    }
  }
  return exports;
}

/** Whether `buf` lives in the skipper's memory (so that the skipper can read it). */
export function inSkipMemory(buf: Uint8Array): boolean {
  // Only buffers lent by chunkBuffers can be in it, and lending made the instance.
  return memoryBuffer !== null && buf.buffer === memoryBuffer;
}

/**
 * Skips from `pos` in `buf` (which must be in the skipper's memory) with `state`: the offset just past the value, or
 * -1 when `end` came first, and then `state` is where the skip stands, to resume from with the next bytes.
 */
export function skipInMemory(buf: Uint8Array, pos: number, end: number, state: SkipState): number {
  const wasm = skipper() as SkipExports;
  wasm.setState(state.depth, state.inString ? 1 : 0, state.escaped ? 1 : 0);
  const found = wasm.scan(buf.byteOffset + pos, buf.byteOffset + end);
  if (found >= 0) return found - buf.byteOffset;
  // Read back only to resume: a finished skip's state is nobody's (two calls per container, not five).
  state.depth = wasm.depth();
  state.inString = wasm.inString() === 1;
  state.escaped = wasm.escaped() === 1;
  return -1;
}

/**
 * Where the container ends that `pos` (in `buf`, in the skipper's memory) is `depth` levels inside of (0: `pos` is
 * its opening bracket), or -1 when `end` comes first.
 */
export function containerEndInMemory(buf: Uint8Array, pos: number, end: number, depth: number): number {
  const found = skip(buf.byteOffset + pos, buf.byteOffset + end, depth);
  return found < 0 ? -1 : found - buf.byteOffset;
}

/** Where json-skip.wat keeps the member table: after the two chunk buffers (at most 2 MiB each). */
const TABLE = 4 * 1024 * 1024;
/**
 * The table's header: [status, objectEnd]; then four numbers per member from RECORDS. Status MEMBERS_ENDED: the
 * object ended at objectEnd; 1: stopped at a container; 2: the table is full (call again from the last valueEnd).
 */
export const MEMBERS_ENDED = 0;
export const RECORDS = 4;
let table: Int32Array | null = null;

/**
 * Walks the members of the object in `buf` (in the skipper's memory) from `pos`: just past its "{" when `first`,
 * else just past a value. Writes into memberTable() the members whose keys `filter` (from keyFilter) may hold, and
 * skips the others; returns how many it wrote, -1 when `end` came first, -2 when the JSON is not well formed there.
 * `stop`: stop at the first such member whose value is a container, not skipped (its valueEnd is -1). Offsets in the
 * table are the memory's: subtract buf.byteOffset. A keyEnd below 0 is a key with escapes: clear bit 31.
 */
export function membersInMemory(
  buf: Uint8Array,
  pos: number,
  end: number,
  first: boolean,
  stop: boolean,
  filter: number,
): number {
  return members(buf.byteOffset + pos, buf.byteOffset + end, first ? 1 : 0, stop ? 1 : 0, filter);
}

/** Key filters: 4,096 bits each, after the member table; made once per set of keys. */
const FILTERS = TABLE + 128 * 1024;
const FILTER_BYTES = 512;
const MAX_FILTERS = 64;
const filters = new Map<string, number>();

/** The hash json-skip.wat's $wanted computes: the key's length, first and last byte. */
function keyHash(key: Buffer): number {
  const n = key.length;
  return (n * 67 + (n === 0 ? 0 : (key[0] as number) * 31 + (key[n - 1] as number))) & 4095;
}

/**
 * The filter for these keys (their UTF-8 bytes), for membersInMemory; -1 (every member) when WebAssembly is not
 * available or the filters are all taken. A filter may let other keys through: the caller matches each key itself.
 */
export function keyFilter(keys: readonly Buffer[]): number {
  const wasm = skipper();
  if (!wasm) return -1;
  const name = keys.map((k) => k.toString('hex')).join(',');
  let id = filters.get(name);
  if (id === undefined) {
    if (filters.size >= MAX_FILTERS) return -1;
    id = FILTERS + filters.size * FILTER_BYTES;
    const bits = new Uint8Array(wasm.memory.buffer, id, FILTER_BYTES);
    bits.fill(0);
    for (const key of keys) {
      const h = keyHash(key);
      bits[h >> 3] = (bits[h >> 3] as number) | (1 << (h & 7));
    }
    filters.set(name, id);
  }
  return id;
}

/** The member table members() writes: [status, objectEnd, 0, 0], then [keyStart, keyEnd, valueStart, valueEnd]. */
export function memberTable(): Int32Array {
  table ??= new Int32Array((skipper() as SkipExports).memory.buffer, TABLE, RECORDS + 4 * 4096);
  return table;
}

let lent = false;

/**
 * Two buffers of `bytes` in the skipper's memory, for one file reader at a time (null when they are lent out, too
 * large, or WebAssembly is not available: the reader then uses its own). Give them back with returnChunkBuffers.
 */
export function chunkBuffers(bytes: number): [Buffer, Buffer] | null {
  const wasm = skipper();
  if (!wasm || lent || 2 * bytes > TABLE) return null;
  lent = true;
  return [Buffer.from(wasm.memory.buffer, 0, bytes), Buffer.from(wasm.memory.buffer, bytes, bytes)];
}

export function returnChunkBuffers(): void {
  lent = false;
}
