// Where the wanted members of a JSON object are, found in one pass over its bytes (json-scan.ts skips the rest):
// top-level keys, one level of nested ones, and, for nested objects, only as far as what they are wanted for. In the
// skipper's memory the WebAssembly walker finds them (wasm-skip.ts membersInMemory); elsewhere a JavaScript loop.

import {
  Byte,
  containerRest,
  decodeString,
  JsonSyntaxError,
  parseRange,
  skipWhitespace,
  stringEnd,
  valueEndOrNeedMore,
} from './json-scan.js';
import {
  inSkipMemory,
  keyFilter,
  MEMBERS_ENDED,
  memberTable,
  membersInMemory,
  RECORDS,
} from './wasm-skip.js';

const { QUOTE, OPEN_BRACE, CLOSE_BRACE, COMMA, COLON } = Byte;
const BACKSLASH = 0x5c;

/** Keys matched against raw key bytes, so keys nobody asked for are never decoded. */
class KeySlots {
  /** By length in bytes: the keys of that length. */
  private readonly byLength: ({ bytes: Buffer; slot: number }[] | undefined)[] = [];
  private readonly byKey = new Map<string, number>();
  /** The WebAssembly member walker's filter for these keys (keyFilter). */
  readonly filter: number;
  readonly slots: readonly number[];

  constructor(keys: ReadonlyMap<string, number>) {
    const all: Buffer[] = [];
    for (const [key, slot] of keys) {
      const bytes = Buffer.from(key);
      all.push(bytes);
      this.byKey.set(key, slot);
      (this.byLength[bytes.length] ??= []).push({ bytes, slot });
    }
    this.filter = keyFilter(all);
    this.slots = [...keys.values()];
  }

  /**
   * The slot of the string token buf[start, end) (quotes included), or -1 when nobody asked for that key.
   * `mayBeEscaped` false: the walker saw no backslash in it.
   */
  match(buf: Buffer, start: number, end: number, mayBeEscaped = true): number {
    const candidates = this.byLength[end - start - 2];
    if (candidates) {
      for (const { bytes, slot } of candidates) {
        let i = 0;
        while (i < bytes.length && bytes[i] === buf[start + 1 + i]) i++;
        if (i === bytes.length) return slot;
      }
    }
    if (!mayBeEscaped) return -1;
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

/** What is still wanted of the object being indexed. */
interface Reading {
  readonly of: NestedReading | null;
  missing: number;
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

  /** Where the member in `slot` is in the buffer, or null when the object has no such member. */
  range(slot: number): { start: number; end: number } | null {
    const start = this.ranges[slot * 2] as number;
    return start < 0 ? null : { start, end: this.ranges[slot * 2 + 1] as number };
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
    if (start < 0 || end - start !== text.length) return false;
    // Byte by byte: the texts are a few bytes long, shorter than a call to buf.compare takes.
    for (let i = 0; i < text.length; i++) if (buf[start + i] !== text[i]) return false;
    return true;
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
    return inSkipMemory(buf)
      ? this.walkInMemory(buf, pos, end, keys, reading)
      : this.walk(buf, pos, end, keys, reading);
  }

  /**
   * Records one member, found at buf[valueStart, after); true when the rest of the object is not needed: all of
   * `reading` is found, or its gate says no.
   */
  private found(buf: Buffer, slot: number, valueStart: number, after: number, reading: Reading): boolean {
    const first = (this.ranges[slot * 2] as number) < 0;
    this.ranges[slot * 2] = valueStart;
    this.ranges[slot * 2 + 1] = after;
    if (!first || !reading.of) return false;
    // A repeated key after this point is not seen; Terraform writes none.
    if (reading.of.slots.includes(slot) && --reading.missing === 0) return true;
    return reading.of.gate?.slot === slot && !reading.of.gate.keep(buf, valueStart, after);
  }

  /** The value of a member in `slot` at `valueStart`: a nested object indexed, anything else skipped. */
  private valueEnd(buf: Buffer, slot: number, valueStart: number, end: number, keys: KeySlots): number {
    const inner = slot >= 0 && keys === this.top ? this.nested.get(slot) : undefined;
    return inner
      ? this.indexLevel(buf, valueStart, end, inner, this.enough?.(this, buf, slot) ?? null)
      : valueEndOrNeedMore(buf, valueStart, end);
  }

  /**
   * indexLevel by the WebAssembly member walker: where each member is comes from its table, one call per object
   * (and per container member at the top level, which may be a nested object to index). Anything not well formed is
   * walked again by the JavaScript loop, which says where.
   */
  private walkInMemory(
    buf: Buffer,
    pos: number,
    end: number,
    keys: KeySlots,
    of: NestedReading | null,
  ): number {
    const open = skipWhitespace(buf, pos, end);
    if (open >= end) return -1;
    if (buf[open] !== OPEN_BRACE || of?.slots.length === 0) return valueEndOrNeedMore(buf, open, end);
    const reading: Reading = { of, missing: of?.slots.length ?? -1 };
    const table = memberTable();
    const base = buf.byteOffset;
    const stop = keys === this.top && this.nested.size > 0;
    let at = open + 1;
    for (let first = true; ; first = false) {
      const count = membersInMemory(buf, at, end, first, stop, keys.filter);
      if (count === -1) return -1;
      if (count === -2) {
        // Walked again by the JavaScript loop, which says where, as if this object had not been read.
        if (keys === this.top) this.ranges.fill(-1);
        else for (const slot of keys.slots) this.ranges[slot * 2] = -1;
        return this.walk(buf, pos, end, keys, of);
      }
      // Read now: indexing a nested object (the last member when stopped at one) fills the table anew.
      const ended = table[0] === MEMBERS_ENDED;
      const objectEnd = (table[1] as number) - base;
      for (let r = RECORDS; r < RECORDS + count * 4; r += 4) {
        const keyEnd = table[r + 1] as number;
        const slot = keys.match(buf, (table[r] as number) - base, (keyEnd & 0x7fffffff) - base, keyEnd < 0);
        const valueStart = (table[r + 2] as number) - base;
        const skipped = table[r + 3] as number;
        const after = skipped >= 0 ? skipped - base : this.valueEnd(buf, slot, valueStart, end, keys);
        if (after < 0) return -1;
        if (slot >= 0 && this.found(buf, slot, valueStart, after, reading))
          return containerRest(buf, after, end);
        at = after;
      }
      if (ended) return objectEnd;
    }
  }

  private walk(buf: Buffer, pos: number, end: number, keys: KeySlots, of: NestedReading | null): number {
    let i = skipWhitespace(buf, pos, end);
    if (i >= end) return -1;
    // Not an object, or nothing wanted of it: skipped whole.
    if (buf[i] !== OPEN_BRACE || of?.slots.length === 0) return valueEndOrNeedMore(buf, i, end);
    const reading: Reading = { of, missing: of?.slots.length ?? -1 };
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
      const after = this.valueEnd(buf, slot, valueStart, end, keys);
      if (after < 0) return -1;
      if (slot >= 0 && this.found(buf, slot, valueStart, after, reading))
        return containerRest(buf, after, end);
      i = skipWhitespace(buf, after, end);
      if (i >= end) return -1;
      if (buf[i] === CLOSE_BRACE) return i + 1;
      if (buf[i] !== COMMA) throw new JsonSyntaxError("expected ',' or '}' after a value");
      i = skipWhitespace(buf, i + 1, end);
    }
  }
}
