// Where the wanted members of a JSON object are, found in one pass over its bytes (json-scan.ts skips the rest):
// top-level keys, one level of nested ones, and, for nested objects, only as far as what they are wanted for.

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

const { QUOTE, OPEN_BRACE, CLOSE_BRACE, COMMA, COLON } = Byte;
const BACKSLASH = 0x5c;

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
