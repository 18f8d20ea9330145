// The WebAssembly member walker against the JavaScript one: ObjectIndex finds the same members, ends at the same
// byte and says "more bytes" at the same cut, for objects read through the skipper's memory and through plain
// buffers; JSON that is not well formed fails with the JavaScript walker's own message.

import { describe, expect, it } from '@jest/globals';
import { ObjectIndex, type NestedReading } from '../../src/plan/object-index.js';
import { decodeString } from '../../src/plan/json-scan.js';
import { chunkBuffers, inSkipMemory, returnChunkBuffers } from '../../src/plan/wasm-skip.js';

const KEYS = ['address', 'type', 'mode', 'k\\"ey', 'ünïcode'];
const NESTED = { change: ['actions', 'before', 'after'], values: ['id', 'name', 'login'] };

/** Stops reading `values` once its id is found and is not "keep-me": the prior-state gate. */
const enough = (index: ObjectIndex, buf: Buffer, outer: number): NestedReading | null =>
  outer === index.slot('values')
    ? {
        slots: [index.slot('values.name')],
        gate: {
          slot: index.slot('values.id'),
          keep: (b, start, end) => decodeString(b, start, end) === 'keep-me',
        },
      }
    : null;

type Outcome = { end: number; members: Record<string, unknown> } | { error: string };

/** Indexes `text` from offset 3 in a buffer in the skipper's memory, or in a plain one. */
function indexed(text: string, inMemory: boolean, cut = text.length + 3, keys = KEYS): Outcome {
  const bytes = Buffer.from(`   ${text}`);
  const lent = inMemory ? chunkBuffers(1 << 20) : null;
  try {
    const buf = (lent ?? [Buffer.alloc(1 << 20)])[0];
    bytes.copy(buf);
    expect(inSkipMemory(buf)).toBe(inMemory);
    const index = new ObjectIndex(keys, NESTED, enough);
    const end = index.index(buf, 0, Math.min(cut, bytes.length));
    const members: Record<string, unknown> = {};
    const names = [
      ...keys,
      ...Object.keys(NESTED),
      ...Object.entries(NESTED).flatMap(([o, i]) => i.map((k) => `${o}.${k}`)),
    ];
    // A member that is not JSON itself (inside an object read only up to its gate) is compared as that.
    const value = (name: string): unknown => {
      try {
        return index.parse(buf, index.slot(name));
      } catch {
        return 'not JSON';
      }
    };
    if (end >= 0) for (const name of names) members[name] = value(name);
    return { end, members };
  } catch (error) {
    return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  } finally {
    if (lent) returnChunkBuffers();
  }
}

const OBJECTS = [
  '{}',
  '{ }',
  '{"address":"okta_group.eng","mode":"managed","type":"okta_group","change":{"actions":["update"],"before":{"a":1},"after":{"a":2}}}',
  // Whitespace everywhere, as `terraform show -json | jq .` writes it.
  '{\n  "address" : "a" ,\n\t"change"\r\n:\n {\n "after" : [ 1 , { "}" : "]" } ] , "actions" : [ "create" ] } ,\n "type": "t"\n}',
  // Escapes at 16-byte block edges, in keys and values.
  `{"${'x'.repeat(14)}\\"":"${'\\\\'.repeat(7)}","k\\"ey":"v${'\\"'.repeat(9)}","type":"${'y'.repeat(31)}\\\\"}`,
  '{"\\u0061ddress":"escaped key","ünïcode":"bytes ≥ 0x80 \u00e9\u4e2d","num":-1.5e+3,"t":true,"f":false,"n":null}',
  // The gate: the object nobody wants is read no further than its id.
  '{"address":"p","type":"okta_user","values":{"id":"00u1","name":"never read","login":"x"},"mode":"m"}',
  '{"address":"p","type":"okta_user","values":{"id":"keep-me","login":"l","name":"found"},"mode":"m"}',
  '{"values":{"login":"only","name":"n"},"type":"after the slots"}',
  // Repeated keys: the last wins, as in the JavaScript walker.
  '{"type":"first","type":"second","change":{"actions":[],"actions":["no-op"]}}',
  // More members than the table holds in one call.
  `{${Array.from({ length: 9000 }, (_, i) => `"m${i}":${i}`).join(',')},"type":"last"}`,
  `{"change":{${Array.from({ length: 5000 }, (_, i) => `"c${i}":"${i}"`).join(',')},"after":{"deep":[[[]]]}}}`,
  '"not an object"',
  '[1,2,3]',
];

const MALFORMED = [
  '{"a" 1}',
  '{"a":1 "b":2}',
  '{"a":1,}',
  '{a:1}',
  '{"a":,}',
  '{"change":{"actions" ["x"]}}',
  '{"address":"x","change":{"after":1,,}}',
  // Not well formed where the gate stops reading, then where it does not: read as the JavaScript walker reads it.
  '{"type":"okta_user","values":{"id":"00u1","login":"x" "bad"},"mode":"m"}',
  '{"type":"okta_user","values":{"id":"00u1","login":"x" "bad"},"mode" "m"}',
];

describe('the WebAssembly member walker', () => {
  it('finds the members the JavaScript walker finds, and ends where it ends', () => {
    for (const text of OBJECTS)
      expect([text.slice(0, 60), indexed(text, true)]).toEqual([text.slice(0, 60), indexed(text, false)]);
  });

  it('says "more bytes" at every cut where the JavaScript walker does', () => {
    for (const text of OBJECTS.filter((t) => t.length < 400)) {
      const length = Buffer.byteLength(text) + 3;
      for (let cut = 3; cut <= length; cut++) {
        expect([text.slice(0, 40), cut, indexed(text, true, cut)]).toEqual([
          text.slice(0, 40),
          cut,
          indexed(text, false, cut),
        ]);
      }
    }
  });

  it('finds the same members once the key filters are all taken (every member is then reported)', () => {
    // More distinct key sets than there are filters: the later indexes walk with none.
    for (let n = 0; n < 70; n++) new ObjectIndex([`key${n}`], { [`outer${n}`]: ['inner'] });
    const keys = [...KEYS, 'num'];
    for (const text of OBJECTS) {
      expect(indexed(text, true, undefined, keys)).toEqual(indexed(text, false, undefined, keys));
    }
  });

  it("fails on JSON that is not well formed with the JavaScript walker's message, and only where it fails", () => {
    for (const text of MALFORMED) expect([text, indexed(text, true)]).toEqual([text, indexed(text, false)]);
    expect(MALFORMED.filter((text) => 'error' in indexed(text, false))).toHaveLength(MALFORMED.length - 1);
  });
});
