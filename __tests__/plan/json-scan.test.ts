// The byte-level scanner: resumable skipping at any chunk boundary, and one-pass object indexes.

import { describe, expect, it } from '@jest/globals';
import { JsonSyntaxError, ValueSkipper, stringEnd } from '../../src/plan/json-scan.js';
import { ObjectIndex, type NestedReading } from '../../src/plan/object-index.js';

const SAMPLES = [
  '{"a":[1,2,{"b":"c\\"}"}],"d":"\\\\"}',
  '["x\\\\\\"y", {"k": [true, false, null, -1.5e10]}]',
  '"just a string with \\"quotes\\" and \\\\ backslashes"',
  '12345.678',
  '{"nested":{"deeper":{"deepest":["]","}","[","{"]}}}',
  '{"unicode":"Gruppe für Entwickler ✓ 👩‍💻"}',
];

/** Scans `text` split at `cut`, as two chunks; returns the end offset in the whole text. */
function scanSplit(text: string, cut: number): number {
  const bytes = Buffer.from(`${text} ,`);
  const skipper = new ValueSkipper();
  const first = skipper.scan(bytes.subarray(0, cut), 0, cut);
  if (first >= 0) return first;
  const second = bytes.subarray(cut);
  const rest = skipper.scan(second, 0, second.length);
  return rest < 0 ? -1 : cut + rest;
}

describe('ValueSkipper', () => {
  it.each(SAMPLES)('finds the end of %s wherever the chunk boundary falls', (text) => {
    const length = Buffer.byteLength(text);
    for (let cut = 1; cut <= length; cut++) expect(scanSplit(text, cut)).toBe(length);
  });

  it('asks for more when the value has not ended', () => {
    const bytes = Buffer.from('{"a": "unterminated');
    expect(new ValueSkipper().scan(bytes, 0, bytes.length)).toBe(-1);
  });

  it('rejects a value that starts with a closing bracket', () => {
    expect(() => new ValueSkipper().scan(Buffer.from('}'), 0, 1)).toThrow(JsonSyntaxError);
  });
});

describe('stringEnd', () => {
  it('skips escaped quotes and stops at the closing one', () => {
    const bytes = Buffer.from('"a\\"b\\\\" tail');
    expect(stringEnd(bytes, 0, bytes.length)).toBe(8);
  });
});

describe('ObjectIndex', () => {
  const index = new ObjectIndex(['address', 'mode'], { change: ['actions', 'before'] });
  const doc = Buffer.from(
    '{"address":"okta_group.a","unused":{"x":[1,2]},"change":{"before":{"name":"A"},"actions":["update"],"other":1},"mode":"managed"}',
  );

  it('indexes wanted members and one level of nested ones in one pass', () => {
    expect(index.index(doc, 0, doc.length)).toBe(doc.length);
    expect(index.parse(doc, index.slot('address'))).toBe('okta_group.a');
    expect(index.parse(doc, index.slot('change.actions'))).toEqual(['update']);
    expect(index.parse(doc, index.slot('change.before'))).toEqual({ name: 'A' });
    expect(index.equals(doc, index.slot('mode'), Buffer.from('"managed"'))).toBe(true);
  });

  it('forgets the previous object when indexing the next', () => {
    const next = Buffer.from('{"mode":"data"}');
    index.index(next, 0, next.length);
    expect(index.has(index.slot('address'))).toBe(false);
    expect(index.parse(next, index.slot('mode'))).toBe('data');
  });

  it('matches keys written with escapes', () => {
    const escaped = Buffer.from('{"\\u0061ddress":"x"}');
    index.index(escaped, 0, escaped.length);
    expect(index.parse(escaped, index.slot('address'))).toBe('x');
  });

  it('gives every key its own slot, even when a key is asked for twice', () => {
    const twice = new ObjectIndex(['type'], { values: ['id', 'name', 'id', 'label'] });
    const bytes = Buffer.from('{"type":"t","values":{"id":"1","name":"n","label":"l"}}');
    twice.index(bytes, 0, bytes.length);
    expect([
      twice.parse(bytes, twice.slot('values.id')),
      twice.parse(bytes, twice.slot('values.name')),
      twice.parse(bytes, twice.slot('values.label')),
    ]).toEqual(['1', 'n', 'l']);
  });

  it('returns -1 for an object cut short, at every length', () => {
    for (let cut = 1; cut < doc.length; cut++) expect(index.index(doc, 0, cut)).toBe(-1);
  });

  it('throws on a malformed object', () => {
    const bad = Buffer.from('{"a" 1}');
    expect(() => index.index(bad, 0, bad.length)).toThrow(JsonSyntaxError);
  });

  it('throws for a key it was not built for', () => {
    expect(() => index.slot('nope')).toThrow(/no slot/);
  });
});

describe('ObjectIndex, reading only what a nested object is wanted for', () => {
  const doc = Buffer.from(
    '{"type":"okta_group","values":{"description":"d","id":"00g1","name":"Eng","zzz":{"a":"}"}},"after":1}',
  );
  const make = (reading: (index: ObjectIndex) => NestedReading | null) => {
    const index: ObjectIndex = new ObjectIndex(
      ['type', 'after'],
      { values: ['id', 'name', 'zzz'] },
      (i, _buf, outer) => (outer === i.slot('values') ? reading(i) : null),
    );
    return index;
  };

  it('skips the rest of the object once the slots it needs are found, and still finds what follows it', () => {
    const index = make((i) => ({ slots: [i.slot('values.id'), i.slot('values.name')] }));
    expect(index.index(doc, 0, doc.length)).toBe(doc.length);
    expect(index.parse(doc, index.slot('values.name'))).toBe('Eng');
    expect(index.has(index.slot('values.zzz'))).toBe(false);
    expect(index.parse(doc, index.slot('after'))).toBe(1);
    expect(index.string(doc, index.slot('type'))).toBe('okta_group');
  });

  it('skips the whole object when nothing is needed, and the rest when its gate says no', () => {
    const none = make(() => ({ slots: [] }));
    expect(none.index(doc, 0, doc.length)).toBe(doc.length);
    expect(none.has(none.slot('values.id'))).toBe(false);
    const gated = make((i) => ({
      slots: [i.slot('values.id'), i.slot('values.name')],
      gate: { slot: i.slot('values.id'), keep: () => false },
    }));
    expect(gated.index(doc, 0, doc.length)).toBe(doc.length);
    expect(gated.has(gated.slot('values.id'))).toBe(true);
    expect(gated.has(gated.slot('values.name'))).toBe(false);
    expect(gated.parse(doc, gated.slot('after'))).toBe(1);
  });

  it('says the bytes ended when the skipped rest goes past them', () => {
    const index = make((i) => ({ slots: [i.slot('values.id')] }));
    expect(index.index(doc, 0, doc.length - 20)).toBe(-1);
  });
});
