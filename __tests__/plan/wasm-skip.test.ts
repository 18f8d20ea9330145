// The WebAssembly skipper against the JavaScript loop: the same end for every value, resumed at every split point,
// with escapes at block edges; the same summary for real plans read through its memory and through plain buffers;
// and its module is what its .wat source compiles to.

import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ValueSkipper } from '../../src/plan/json-scan.js';
import { openPlan } from '../../src/plan/plan-file.js';
import { summarizePlan } from '../../src/plan/summarize.js';
import { chunkBuffers, inSkipMemory, returnChunkBuffers } from '../../src/plan/wasm-skip.js';
import { fixtureKind, fixturePath, manifest } from '../../testkit/fixtures.js';
import { chunksOf } from '../../testkit/plans.js';

/** Runs `skip` on `text` split into two buffers at `split`, both in the skipper's memory or both plain. */
function skipSplit(text: string, split: number, inMemory: boolean): number {
  const bytes = Buffer.from(text);
  const lent = inMemory ? chunkBuffers(1 << 16) : null;
  try {
    const [a, b] = lent ?? [Buffer.alloc(1 << 16), Buffer.alloc(1 << 16)];
    bytes.copy(a, 0, 0, split);
    bytes.copy(b, 0, split);
    expect(inSkipMemory(a)).toBe(inMemory);
    const skipper = new ValueSkipper();
    const first = skipper.scan(a, 0, split);
    if (first >= 0) return first;
    const second = skipper.scan(b, 0, bytes.length - split);
    return second < 0 ? -1 : split + second;
  } finally {
    if (lent) returnChunkBuffers();
  }
}

const VALUES = [
  '{"a":"x","b":[1,2,{"c":"}"}]}',
  '"a string with \\"quotes\\" and a \\\\ backslash"',
  `{"k":"${'\\\\'.repeat(9)}","l":"${'x'.repeat(15)}\\"","m":[[[["deep"]]]]}`,
  `[${Array.from({ length: 40 }, (_, i) => `"${'\\"'.repeat(i % 5)}${'y'.repeat(i)}"`).join(',')}]`,
  `{"nested":${'['.repeat(50)}"z"${']'.repeat(50)},"tail":"\\u0041\\n"}`,
];

describe('the WebAssembly skipper', () => {
  it('ends every value where the JavaScript loop does, split at every byte, escapes at block edges included', () => {
    for (const value of VALUES) {
      const text = `${value} ,"after"`;
      for (let split = 1; split < value.length + 2; split++) {
        expect([value, split, skipSplit(text, split, true)]).toEqual([
          value,
          split,
          skipSplit(text, split, false),
        ]);
      }
      expect(skipSplit(text, text.length, true)).toBe(value.length);
    }
  });

  it('says a value goes on when the bytes end inside it', () => {
    const lent = chunkBuffers(64);
    expect(lent).not.toBeNull();
    try {
      const [a] = lent as [Buffer, Buffer];
      a.write('{"a":"\\');
      expect(new ValueSkipper().scan(a, 0, 7)).toBe(-1);
    } finally {
      returnChunkBuffers();
    }
  });

  it('lends its memory to one reader at a time', () => {
    const first = chunkBuffers(1024);
    expect(first).not.toBeNull();
    expect(chunkBuffers(1024)).toBeNull();
    returnChunkBuffers();
    expect(chunkBuffers(1024)).not.toBeNull();
    returnChunkBuffers();
  });

  const plans = manifest()
    .filter((r) => fixtureKind(r) === 'plan')
    .map((r) => r.path)
    .filter((_, i) => i % 4 === 0)
    // UTF-16 plans are decoded into new buffers, outside its memory, by openPlan: there is nothing to compare.
    .filter((path) => !/utf16/.test(path));

  it('has real plans to compare', () => expect(plans.length).toBeGreaterThan(40));

  it('reads plan files into its memory', async () => {
    const chunks = await openPlan(fixturePath(plans[0] as string));
    for await (const chunk of chunks) {
      expect(inSkipMemory(chunk)).toBe(true);
      break;
    }
  });

  it.each(plans)('summarizes %s the same through its memory and through plain buffers', async (path) => {
    const viaMemory = await summarizePlan(await openPlan(fixturePath(path)));
    const plain = await summarizePlan(chunksOf(readFileSync(fixturePath(path)), 4096));
    expect(viaMemory).toEqual(plain);
  });

  it('is the module its .wat source compiles to', () => {
    const root = join(import.meta.dirname, '..', '..');
    expect(() =>
      execFileSync('node', ['scripts/wasm.mjs', '--check'], { cwd: root, stdio: 'pipe' }),
    ).not.toThrow();
  });
});
