// Writes the summary JSON a piece at a time: a plan with tens of thousands of changes must not need its whole
// summary as one string.

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PlanSummary } from './types.js';

function indent(json: string, spaces: string): string {
  return json.replace(/\n/g, `\n${spaces}`);
}

/** The same text as JSON.stringify(summary, null, 2) + "\n", in pieces. */
export function* summaryJsonPieces(summary: PlanSummary): Generator<string> {
  const keys = Object.keys(summary) as (keyof PlanSummary)[];
  yield '{\n';
  for (const [k, key] of keys.entries()) {
    const value = summary[key];
    const comma = k < keys.length - 1 ? ',' : '';
    if (Array.isArray(value) && value.length > 0) {
      yield `  ${JSON.stringify(key)}: [\n`;
      for (const [i, item] of value.entries()) {
        yield `    ${indent(JSON.stringify(item, null, 2), '    ')}${i < value.length - 1 ? ',' : ''}\n`;
      }
      yield `  ]${comma}\n`;
    } else {
      yield `  ${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2), '  ')}${comma}\n`;
    }
  }
  yield '}\n';
}

/** Writes the summary JSON to `path`. */
export async function writeSummaryJson(path: string, summary: PlanSummary): Promise<void> {
  await pipeline(Readable.from(summaryJsonPieces(summary)), createWriteStream(path));
}

/** Writes the summary JSON to stdout. */
export async function printSummaryJson(summary: PlanSummary): Promise<void> {
  for (const piece of summaryJsonPieces(summary)) {
    if (!process.stdout.write(piece)) await once(process.stdout, 'drain');
  }
}
