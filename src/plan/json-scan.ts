// Byte-level JSON scanning. Plans can be larger than Node's string limit (512 MB), so the reader never decodes the
// document: it walks bytes, skips what it does not need without parsing, and decodes only the small values it keeps.

import { constants } from 'node:buffer';
import { ValueTooLarge } from './value-limits.js';
import { inSkipMemory, skipInMemory, valueEndInMemory } from './wasm-skip.js';

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
function valueEndOrNeedMore(buf: Uint8Array, pos: number, end: number): number {
  const first = buf[pos] as number;
  if (first === QUOTE) return stringEnd(buf, pos, end);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    if (first === CLOSE_BRACE || first === CLOSE_BRACKET || first === COMMA || first === COLON) {
      throw new JsonSyntaxError(`unexpected '${String.fromCharCode(first)}' where a value was expected`);
    }
    return scalarEnd(buf, pos, end);
  }
  // Containers of more than a few bytes are most of a plan: the WebAssembly skipper takes them where it can.
  if (inSkipMemory(buf)) return valueEndInMemory(buf, pos, end);
  let depth = 0;
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

/** End (exclusive) of the object or array that `pos` is inside of, at its top level, or -1 when `buf` ends first. */
function containerRest(buf: Uint8Array, pos: number, end: number): number {
  if (inSkipMemory(buf)) return skipInMemory(buf, pos, end, { depth: 1, inString: false, escaped: false });
  let depth = 1;
  for (let i = pos; i < end; i++) {
    const c = buf[i] as number;
    if (c === QUOTE) {
      i = stringEnd(buf, i, end) - 1;
      if (i < 0) return -1;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --depth === 0) return i + 1;
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

/** Decodes the JSON string token buf[start, end) (quotes included). */
export function decodeString(buf: Buffer, start: number, end: number): string {
  for (let i = start + 1; i < end - 1; i++) {
    if (buf[i] === BACKSLASH) return JSON.parse(buf.toString('utf8', start, end)) as string;
  }
  return buf.toString('utf8', start + 1, end - 1);
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

/** Keys matched against raw key bytes, so keys nobody asked for are never decoded. */
class KeySlots {
  private readonly byLength = new Map<number, { bytes: Buffer; slot: number }[]>();
  private readonly byKey = new Map<string, number>();

  constructor(keys: ReadonlyMap<string, number>) {
    for (const [key, slot] of keys) {
      const bytes = Buffer.from(key);
      this.byKey.set(key, slot);
      this.byLength.set(bytes.length, [...(this.byLength.get(bytes.length) ?? []), { bytes, slot }]);
    }
  }

  /** The slot of the string token buf[start, end) (quotes included), or -1 when nobody asked for that key. */
  match(buf: Buffer, start: number, end: number): number {
    const candidates = this.byLength.get(end - start - 2);
    if (candidates) {
      for (const { bytes, slot } of candidates) {
        let i = 0;
        while (i < bytes.length && bytes[i] === buf[start + 1 + i]) i++;
        if (i === bytes.length) return slot;
      }
    }
    // An escaped key (\u0061ctions) has another length: decode it to be sure.
    for (let i = start + 1; i < end - 1; i++) {
      if (buf[i] === BACKSLASH) return this.byKey.get(decodeString(buf, start, end)) ?? -1;
    }
    return -1;
  }
}

/**
 * Where the wanted members of one object are, found in one pass: top-level keys, and the keys of one level of
 * nested objects ("change.actions"). One index serves every element of an array in turn: read it inside the
 * handler, before the next element is indexed.
 */
/**
 * The nested slots that, once found, make the rest of a nested object unneeded (null: read it all). Asked as the
 * nested object begins, when the members before it are indexed (a prior resource's `type` comes before its
 * `values`).
 */
export type EnoughSlots = (index: ObjectIndex, buf: Buffer, outerSlot: number) => NestedReading | null;

export interface NestedReading {
  /** Found all of these, the rest of the object is skipped. */
  readonly slots: readonly number[];
  /** Found this one and `keep` says no, the rest is skipped too (an object nobody points at). */
  readonly gate?: {
    readonly slot: number;
    readonly keep: (buf: Buffer, start: number, end: number) => boolean;
  };
}

export class ObjectIndex {
  private readonly slots = new Map<string, number>();
  private readonly top: KeySlots;
  private readonly nested = new Map<number, KeySlots>();
  /** Byte offsets: a Float64Array, exact past 2 GiB, where 32-bit offsets wrap. */
  private readonly ranges: Float64Array;

  constructor(
    keys: readonly string[],
    nested: Readonly<Record<string, readonly string[]>> = {},
    private readonly enough: EnoughSlots | null = null,
  ) {
    const add = (name: string): number => {
      if (!this.slots.has(name)) this.slots.set(name, this.slots.size);
      return this.slots.get(name) as number;
    };
    const topSlots = new Map<string, number>();
    for (const key of [...keys, ...Object.keys(nested)]) topSlots.set(key, add(key));
    for (const [outer, inner] of Object.entries(nested)) {
      const innerSlots = new Map<string, number>();
      for (const key of inner) innerSlots.set(key, add(`${outer}.${key}`));
      this.nested.set(topSlots.get(outer) as number, new KeySlots(innerSlots));
    }
    this.top = new KeySlots(topSlots);
    this.ranges = new Float64Array(this.slots.size * 2);
  }

  /** The slot of "key" or "outer.key"; throws for a key the index was not built for (a programming error). */
  slot(name: string): number {
    const slot = this.slots.get(name);
    if (slot === undefined) throw new Error(`ObjectIndex: no slot for ${name}`);
    return slot;
  }

  has(slot: number): boolean {
    return (this.ranges[slot * 2] as number) >= 0;
  }

  /** Parses the member in `slot`, or undefined when the object has no such member. */
  parse(buf: Buffer, slot: number): unknown {
    const start = this.ranges[slot * 2] as number;
    return start < 0 ? undefined : parseRange(buf, start, this.ranges[slot * 2 + 1] as number);
  }

  /** The member in `slot` when it is a string (decoded without JSON.parse when it has no escapes), else null. */
  string(buf: Buffer, slot: number): string | null {
    const start = this.ranges[slot * 2] as number;
    const end = this.ranges[slot * 2 + 1] as number;
    return start >= 0 && buf[start] === QUOTE ? decodeString(buf, start, end) : null;
  }

  /** True when the member in `slot` is exactly `text` (a fast check before parsing compact JSON). */
  equals(buf: Buffer, slot: number, text: Buffer): boolean {
    const start = this.ranges[slot * 2] as number;
    const end = this.ranges[slot * 2 + 1] as number;
    return start >= 0 && end - start === text.length && buf.compare(text, 0, text.length, start, end) === 0;
  }

  /** Indexes the object at `pos`; returns its end, or -1 when `buf` ends before it. Not an object: nothing found. */
  index(buf: Buffer, pos: number, end: number): number {
    this.ranges.fill(-1);
    return this.indexLevel(buf, pos, end, this.top);
  }

  private indexLevel(
    buf: Buffer,
    pos: number,
    end: number,
    keys: KeySlots,
    reading: NestedReading | null = null,
  ): number {
    let i = skipWhitespace(buf, pos, end);
    if (i >= end) return -1;
    if (buf[i] !== OPEN_BRACE) return valueEndOrNeedMore(buf, i, end);
    const required = reading?.slots;
    // Nothing wanted of it: skipped whole.
    if (required?.length === 0) return valueEndOrNeedMore(buf, i, end);
    let missing = required?.length ?? -1;
    i = skipWhitespace(buf, i + 1, end);
    if (i >= end) return -1;
    if (buf[i] === CLOSE_BRACE) return i + 1;
    for (;;) {
      if (i >= end) return -1;
      if (buf[i] !== QUOTE) throw new JsonSyntaxError('expected a key in an object');
      const keyEnd = stringEnd(buf, i, end);
      if (keyEnd < 0) return -1;
      const slot = keys.match(buf, i, keyEnd);
      i = skipWhitespace(buf, keyEnd, end);
      if (i >= end) return -1;
      if (buf[i] !== COLON) throw new JsonSyntaxError("expected ':' after a key");
      const valueStart = skipWhitespace(buf, i + 1, end);
      if (valueStart >= end) return -1;
      const inner = slot >= 0 && keys === this.top ? this.nested.get(slot) : undefined;
      const after = inner
        ? this.indexLevel(buf, valueStart, end, inner, this.enough?.(this, buf, slot) ?? null)
        : valueEndOrNeedMore(buf, valueStart, end);
      if (after < 0) return -1;
      if (slot >= 0) {
        const first = (this.ranges[slot * 2] as number) < 0;
        this.ranges[slot * 2] = valueStart;
        this.ranges[slot * 2 + 1] = after;
        // All that is wanted of this object is found: the rest is skipped, not indexed (a repeated key after this
        // point is not seen; Terraform writes none).
        if (first && required?.includes(slot) && --missing === 0) return containerRest(buf, after, end);
        if (first && reading?.gate?.slot === slot && !reading.gate.keep(buf, valueStart, after))
          return containerRest(buf, after, end);
      }
      i = skipWhitespace(buf, after, end);
      if (i >= end) return -1;
      if (buf[i] === CLOSE_BRACE) return i + 1;
      if (buf[i] !== COMMA) throw new JsonSyntaxError("expected ',' or '}' after a value");
      i = skipWhitespace(buf, i + 1, end);
    }
  }
}
