// Byte-level JSON scanning. Plans can be larger than Node's string limit (512 MB), so the reader never decodes the
// document: it walks bytes, skips what it does not need without parsing, and decodes only the small values it keeps.

import { constants } from 'node:buffer';
import { ValueTooLarge } from './value-limits.js';
import { containerEndInMemory, inSkipMemory, skipInMemory } from './wasm-skip.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

export const Byte = {
  QUOTE,
  OPEN_BRACE,
  CLOSE_BRACE,
  OPEN_BRACKET,
  CLOSE_BRACKET,
  COMMA,
  COLON,
} as const;

/** A JSON document that is not well formed. The message says where. */
export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
}

export function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

export function skipWhitespace(buf: Uint8Array, pos: number, end: number): number {
  while (pos < end && isWhitespace(buf[pos] as number)) pos++;
  return pos;
}

/**
 * Skips one JSON value, resumably: `scan` may stop at the end of a chunk and continue with the next one.
 * Containers and strings are tracked by depth and escape state only (the values inside are never decoded).
 */
export class ValueSkipper {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private inScalar = false;
  private started = false;

  /** Returns the offset just past the value, or -1 when `buf` ended first (call again with the next chunk). */
  scan(buf: Uint8Array, pos: number, end: number): number {
    let i = pos;
    if (!this.started) {
      i = skipWhitespace(buf, i, end);
      if (i >= end) return -1;
      this.started = true;
      const c = buf[i] as number;
      if (c === QUOTE) {
        this.inString = true;
        i++;
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        this.depth = 1;
        i++;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET || c === COMMA || c === COLON) {
        throw new JsonSyntaxError(`unexpected '${String.fromCharCode(c)}' where a value was expected`);
      } else {
        this.inScalar = true;
      }
    }
    if (this.inScalar) {
      const after = scalarEnd(buf, i, end);
      return after;
    }
    if (inSkipMemory(buf)) return this.scanInMemory(buf, i, end);
    let depth = this.depth;
    if (this.escaped) {
      if (i >= end) return -1;
      this.escaped = false;
      i++;
    }
    if (this.inString) {
      for (; i < end; i++) {
        const c = buf[i] as number;
        if (c === QUOTE) break;
        if (c === BACKSLASH && ++i >= end) this.escaped = true;
      }
      if (i >= end) return -1;
      this.inString = false;
      if (depth === 0) return i + 1;
      i++;
    }
    for (; i < end; i++) {
      const c = buf[i] as number;
      if (c === QUOTE) {
        for (i++; i < end; i++) {
          const s = buf[i] as number;
          if (s === QUOTE) break;
          if (s === BACKSLASH && ++i >= end) this.escaped = true;
        }
        if (i >= end) {
          this.inString = true;
          break;
        }
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        depth++;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (--depth === 0) return i + 1;
      }
    }
    this.depth = depth;
    return -1;
  }

  /** The rest of the container or string, by the WebAssembly skipper (`buf` is in its memory). */
  private scanInMemory(buf: Uint8Array, pos: number, end: number): number {
    const state = { depth: this.depth, inString: this.inString, escaped: this.escaped };
    const after = skipInMemory(buf, pos, end, state);
    this.depth = state.depth;
    this.inString = state.inString;
    this.escaped = state.escaped;
    return after;
  }
}

function scalarEnd(buf: Uint8Array, pos: number, end: number): number {
  for (let i = pos; i < end; i++) {
    const c = buf[i] as number;
    if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || isWhitespace(c)) return i;
  }
  return -1;
}

/** End (exclusive) of the value starting exactly at `pos`, or -1 when `buf` ends before it does. */
export function valueEndOrNeedMore(buf: Uint8Array, pos: number, end: number): number {
  const first = buf[pos] as number;
  if (first === QUOTE) return stringEnd(buf, pos, end);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    if (first === CLOSE_BRACE || first === CLOSE_BRACKET || first === COMMA || first === COLON) {
      throw new JsonSyntaxError(`unexpected '${String.fromCharCode(first)}' where a value was expected`);
    }
    return scalarEnd(buf, pos, end);
  }
  return containerEnd(buf, pos, end, 0);
}

/** End (exclusive) of the object or array that `pos` is inside of, at its top level, or -1 when `buf` ends first. */
export function containerRest(buf: Uint8Array, pos: number, end: number): number {
  return containerEnd(buf, pos, end, 1);
}

/**
 * Where the container ends that `pos` is `depth` levels inside of (0: `pos` is its opening bracket), or -1 when `buf`
 * ends first. Containers are most of a plan: the WebAssembly skipper takes them where it can.
 */
function containerEnd(buf: Uint8Array, pos: number, end: number, depth: number): number {
  if (inSkipMemory(buf)) return containerEndInMemory(buf, pos, end, depth);
  for (let i = pos; i < end; i++) {
    const c = buf[i] as number;
    if (c === QUOTE) {
      for (i++; i < end; i++) {
        const s = buf[i] as number;
        if (s === QUOTE) break;
        if (s === BACKSLASH) i++;
      }
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (--depth === 0) return i + 1;
    }
  }
  return -1;
}

/** End (exclusive) of the string whose opening quote is at `pos`, or -1 when `buf` ends before it closes. */
export function stringEnd(buf: Uint8Array, pos: number, end: number): number {
  for (let i = pos + 1; i < end; i++) {
    const c = buf[i] as number;
    if (c === QUOTE) return i + 1;
    if (c === BACKSLASH) i++;
  }
  return -1;
}

/**
 * Buffer's own UTF-8 decoder, which buf.toString('utf8', ...) ends in after checking its arguments and looking up the
 * encoding: a third of the time of decoding the million short strings (addresses, types, IDs) of a large plan.
 * Every Node release has it on Buffer.prototype; where one does not, toString serves.
 */
const utf8Slice = (Buffer.prototype as { utf8Slice?: (this: Buffer, start: number, end: number) => string })
  .utf8Slice;

/** Decodes the JSON string token buf[start, end) (quotes included). */
export function decodeString(buf: Buffer, start: number, end: number): string {
  for (let i = start + 1; i < end - 1; i++) {
    if (buf[i] === BACKSLASH) return JSON.parse(buf.toString('utf8', start, end)) as string;
  }
  return utf8Slice ? utf8Slice.call(buf, start + 1, end - 1) : buf.toString('utf8', start + 1, end - 1);
}

/** Parses the complete JSON value buf[start, end); ValueTooLarge beyond Node's string limit (`maxChars`). */
export function parseRange(
  buf: Buffer,
  start: number,
  end: number,
  maxChars: number = constants.MAX_STRING_LENGTH,
): unknown {
  let text: string;
  try {
    text = buf.toString('utf8', start, end);
  } catch {
    // ERR_STRING_TOO_LONG: more characters than a string can hold.
    throw new ValueTooLarge(end - start);
  }
  if (text.length > maxChars) throw new ValueTooLarge(end - start);
  return JSON.parse(text);
}
