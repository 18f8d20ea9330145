// The oracle for reading Terraform's human error output: every fixture where Terraform printed a failed command both
// as text (stderr, -no-color) and as -json, the diagnostics read from the text must be the -json stream's own error
// diagnostics, summary and detail, whitespace aside (Terraform wraps the text at 78 columns).

import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorDiagnostics } from '../../src/terraform/failures.js';
import { FIXTURES } from '../../testkit/fixtures.js';

interface JsonLine {
  readonly type?: string;
  readonly diagnostic?: { readonly severity?: string; readonly summary?: string; readonly detail?: string };
}

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

const pairs = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap(({ name: version }) =>
    readdirSync(join(FIXTURES, version), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) =>
        readdirSync(join(FIXTURES, version, entry.name))
          .filter((file) => file.endsWith('.jsonl'))
          .map((file) => join(FIXTURES, version, entry.name, file.replace(/\.jsonl$/, '')))
          .filter((base) => existsSync(`${base}.stderr.txt`))
          .filter((base) => readFileSync(`${base}.jsonl`, 'utf8').includes('"severity":"error"')),
      ),
  );

describe("diagnostics read from Terraform's text, against its -json", () => {
  it('has fixtures to compare', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(5);
  });

  it.each(pairs.map((base) => [base.slice(FIXTURES.length + 1), base]))('%s', (_name, base) => {
    const expected = new Map<string, string>();
    for (const line of readFileSync(`${base}.jsonl`, 'utf8').split('\n').filter(Boolean)) {
      const { type, diagnostic } = JSON.parse(line) as JsonLine;
      if (type !== 'diagnostic' || diagnostic?.severity !== 'error' || !diagnostic.summary) continue;
      if (!expected.has(diagnostic.summary)) expected.set(diagnostic.summary, flat(diagnostic.detail ?? ''));
    }
    const read = errorDiagnostics(readFileSync(`${base}.stderr.txt`, 'utf8'));
    expect(read.map((d) => ({ summary: d.summary, detail: flat(d.detail) }))).toEqual(
      [...expected].map(([summary, detail]) => ({ summary, detail })),
    );
  });
});
