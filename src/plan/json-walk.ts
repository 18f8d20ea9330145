// A streaming JSON walker driven by rules: it descends only into the containers a rule names, hands each captured
// value to its handler as one contiguous byte range, and skips everything else without keeping it. Memory is
// bounded by the largest captured value, never by the document.

import {
  Byte,
  JsonSyntaxError,
  ValueSkipper,
  decodeString,
  isWhitespace,
  skipWhitespace,
  stringEnd,
} from './json-scan.js';
import type { ObjectIndex } from './object-index.js';

type OnValue = (buf: Buffer, start: number, end: number) => void;

export type Rule =
  | { readonly kind: 'skip' }
  | { readonly kind: 'capture'; readonly onValue: OnValue }
  /** An object indexed in one pass (the members its ObjectIndex wants), then handed over. */
  | {
      readonly kind: 'indexed';
      readonly index: ObjectIndex;
      readonly onObject: (buf: Buffer) => void;
    }
  | { readonly kind: 'object'; readonly member: (key: string) => Rule }
  | { readonly kind: 'array'; readonly element: Rule };

export const SKIP: Rule = { kind: 'skip' };

export function capture(onValue: (buf: Buffer, start: number, end: number) => void): Rule {
  return { kind: 'capture', onValue };
}

/** Objects indexed by `index`, then handed to `onObject`, which reads them through the index. */
export function indexed(index: ObjectIndex, onObject: (buf: Buffer) => void): Rule {
  return { kind: 'indexed', index, onObject };
}

/** An object whose named members follow their rules; the others are skipped. */
export function objectOf(members: Readonly<Record<string, Rule>>): Rule {
  return { kind: 'object', member: (key) => (Object.hasOwn(members, key) ? (members[key] as Rule) : SKIP) };
}

export function arrayOf(element: Rule): Rule {
  return { kind: 'array', element };
}

type Expect = 'key-or-end' | 'key' | 'colon' | 'value' | 'value-or-end' | 'comma-or-end';

interface Frame {
  readonly rule: Rule & { kind: 'object' | 'array' };
  expect: Expect;
  memberRule: Rule;
}

interface ValueInProgress {
  readonly skipper: ValueSkipper;
  readonly onValue: OnValue | null;
  readonly parts: Buffer[];
}

export class JsonWalker {
  private readonly stack: Frame[] = [];
  private carry: Buffer | null = null;
  private current: ValueInProgress | null = null;
  private rootSeen = false;
  private done = false;
  private offset = 0;

  constructor(private readonly root: Rule & { kind: 'object' }) {}

  /** Feeds the next chunk of the document. */
  write(chunk: Buffer): void {
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = null;
    this.walk(buf);
    this.offset += buf.length - this.carriedBytes();
  }

  private carriedBytes(): number {
    return this.carry?.length ?? 0;
  }

  /** Ends the document; throws when it stopped before the root object closed. */
  end(): void {
    if (!this.rootSeen) throw new JsonSyntaxError('the input is empty');
    if (!this.done || this.current || this.carry)
      throw new JsonSyntaxError('the JSON ends before the document is complete (truncated?)');
  }

  private walk(buf: Buffer): void {
    const end = buf.length;
    let pos = 0;
    while (pos < end) {
      if (this.current) {
        const start = pos;
        const after = this.current.skipper.scan(buf, pos, end);
        if (after < 0) {
          if (this.current.onValue) this.current.parts.push(Buffer.from(buf.subarray(start, end)));
          return;
        }
        this.finishValue(buf, start, after);
        pos = after;
        continue;
      }
      pos = skipWhitespace(buf, pos, end);
      if (pos >= end) return;
      const c = buf[pos] as number;
      if (this.done)
        throw new JsonSyntaxError(
          `unexpected data after the end of the JSON document (at byte ${this.offset + pos})`,
        );
      if (!this.rootSeen) {
        if (c !== Byte.OPEN_BRACE) throw new JsonSyntaxError(describeRootStart(c));
        this.rootSeen = true;
        this.stack.push({ rule: this.root, expect: 'key-or-end', memberRule: SKIP });
        pos++;
        continue;
      }
      const frame = this.stack[this.stack.length - 1] as Frame;
      switch (frame.expect) {
        case 'key-or-end':
        case 'key': {
          if (c === Byte.CLOSE_BRACE && frame.expect === 'key-or-end') {
            pos = this.closeContainer(pos);
            break;
          }
          if (c !== Byte.QUOTE) throw this.unexpected(c, pos, 'a key');
          const keyEnd = stringEnd(buf, pos, end);
          if (keyEnd < 0) {
            this.carry = Buffer.from(buf.subarray(pos));
            return;
          }
          const key = decodeString(buf, pos, keyEnd);
          frame.memberRule = frame.rule.kind === 'object' ? frame.rule.member(key) : SKIP;
          frame.expect = 'colon';
          pos = keyEnd;
          break;
        }
        case 'colon':
          if (c !== Byte.COLON) throw this.unexpected(c, pos, "':'");
          frame.expect = 'value';
          pos++;
          break;
        case 'value':
        case 'value-or-end':
          if (c === Byte.CLOSE_BRACKET && frame.expect === 'value-or-end') {
            pos = this.closeContainer(pos);
            break;
          }
          frame.expect = 'comma-or-end';
          pos = this.startValue(
            buf,
            frame.rule.kind === 'array' ? frame.rule.element : frame.memberRule,
            c,
            pos,
          );
          break;
        case 'comma-or-end': {
          const close = frame.rule.kind === 'object' ? Byte.CLOSE_BRACE : Byte.CLOSE_BRACKET;
          if (c === close) {
            pos = this.closeContainer(pos);
          } else if (c === Byte.COMMA) {
            frame.expect = frame.rule.kind === 'object' ? 'key' : 'value';
            pos++;
          } else {
            throw this.unexpected(c, pos, `',' or '${String.fromCharCode(close)}'`);
          }
          break;
        }
      }
    }
  }

  private startValue(buf: Buffer, rule: Rule, c: number, pos: number): number {
    if (rule.kind === 'object' && c === Byte.OPEN_BRACE) {
      this.stack.push({ rule, expect: 'key-or-end', memberRule: SKIP });
      return pos + 1;
    }
    if (rule.kind === 'array' && c === Byte.OPEN_BRACKET) {
      this.stack.push({ rule, expect: 'value-or-end', memberRule: SKIP });
      return pos + 1;
    }
    if (rule.kind === 'indexed') {
      if (c !== Byte.OPEN_BRACE) return this.startSkip(null, pos);
      // Most objects lie inside the chunk: index them in place. One that crosses into the next chunk is collected
      // whole first, then indexed.
      const after = rule.index.index(buf, pos, buf.length);
      if (after >= 0) {
        rule.onObject(buf);
        return after;
      }
      return this.startSkip((whole, start, end) => {
        rule.index.index(whole, start, end);
        rule.onObject(whole);
      }, pos);
    }
    return this.startSkip(rule.kind === 'capture' ? rule.onValue : null, pos);
  }

  private startSkip(onValue: OnValue | null, pos: number): number {
    this.current = { skipper: new ValueSkipper(), onValue, parts: [] };
    return pos;
  }

  private finishValue(buf: Buffer, start: number, after: number): void {
    const value = this.current as ValueInProgress;
    this.current = null;
    if (!value.onValue) return;
    if (value.parts.length === 0) {
      value.onValue(buf, start, after);
      return;
    }
    value.parts.push(buf.subarray(start, after));
    const whole = Buffer.concat(value.parts);
    value.onValue(whole, 0, whole.length);
  }

  private closeContainer(pos: number): number {
    this.stack.pop();
    if (this.stack.length === 0) this.done = true;
    return pos + 1;
  }

  private unexpected(c: number, pos: number, expected: string): JsonSyntaxError {
    const found = isWhitespace(c) ? 'whitespace' : `'${String.fromCharCode(c)}'`;
    return new JsonSyntaxError(`expected ${expected} but found ${found} at byte ${this.offset + pos}`);
  }
}

function describeRootStart(c: number): string {
  if (c === Byte.OPEN_BRACKET) return 'the input is a JSON array, not a JSON object';
  return `the input is not a JSON object (it starts with '${String.fromCharCode(c)}')`;
}
