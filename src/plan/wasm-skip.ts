// The WebAssembly skipper (wasm/json-skip.wat): where a JSON container or string ends, 16 bytes at a time, about
// four times the JavaScript loop's speed. It reads its own memory only, so the plan file is read straight into
// buffers that live there (chunkBuffers); bytes anywhere else are skipped by the JavaScript loop in json-scan.ts.

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

/** The instance, made on first use; null where WebAssembly SIMD is not available (the JavaScript loop serves). */
function skipper(): SkipExports | null {
  if (exports === undefined) {
    const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    try {
      const module = api ? new api.Module(Buffer.from(JSON_SKIP_WASM, 'base64')) : null;
      // The exports are those json-skip.wat declares.
      exports = module && api ? (new api.Instance(module).exports as SkipExports) : null;
      memoryBuffer = exports?.memory.buffer ?? null;
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

let lent = false;

/**
 * Two buffers of `bytes` in the skipper's memory, for one file reader at a time (null when they are lent out, too
 * large, or WebAssembly is not available: the reader then uses its own). Give them back with returnChunkBuffers.
 */
export function chunkBuffers(bytes: number): [Buffer, Buffer] | null {
  const wasm = skipper();
  if (!wasm || lent || wasm.memory.buffer.byteLength < 2 * bytes) return null;
  lent = true;
  return [Buffer.from(wasm.memory.buffer, 0, bytes), Buffer.from(wasm.memory.buffer, bytes, bytes)];
}

export function returnChunkBuffers(): void {
  lent = false;
}
