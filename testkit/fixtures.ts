// Where the real Terraform / OpenTofu outputs live (a copy of ../shared/fixtures, with its MANIFEST.tsv) and what
// each file is.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = join(import.meta.dirname, '..', '__tests__', 'fixtures', 'terraform');

export interface FixtureRow {
  path: string;
  description: string;
  formatVersion: string;
  terraformVersion: string;
}

export function manifest(): FixtureRow[] {
  const lines = readFileSync(join(FIXTURES, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1);
  return lines
    .filter((line) => line.trim())
    .map((line) => {
      const cells = line.split('\t');
      return {
        path: cells[0] ?? '',
        formatVersion: cells[5] ?? '',
        terraformVersion: cells[6] ?? '',
        description: cells[7] ?? '',
      };
    });
}

export type FixtureKind = 'plan' | 'state' | 'invalid' | 'other';

/** What a fixture is, from its MANIFEST description. */
export function fixtureKind(row: FixtureRow): FixtureKind {
  const d = row.description;
  if (row.path.includes('invalid__')) return 'invalid';
  if (/\bSTATE\b|of state after apply/.test(d) || row.path.endsWith('state.json')) return 'state';
  if (!row.path.endsWith('.json') || /redacted JSON plan|sanitize/.test(d)) return 'other';
  if (
    /show -json (PLAN|tfplan|PLANFILE)|real `terraform show -json` plan|checkov test fixture|plan JSON from Terraform|minimal compact single-line plan JSON|tf-summarize/.test(
      d,
    )
  ) {
    return 'plan';
  }
  return 'other';
}

export function fixturePath(relative: string): string {
  return join(FIXTURES, relative);
}

/** Terraform's "Plan:" counts from a text plan; zeros for "No changes" and output-only plans. */
export function textPlanCounts(
  text: string,
): { add: number; change: number; destroy: number; import: number } | null {
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/\u001b\[[0-9;]*m/g, '');
  const match = /Plan: (?:(\d+) to import, )?(\d+) to add, (\d+) to change, (\d+) to destroy/.exec(plain);
  if (match) {
    return {
      import: Number(match[1] ?? 0),
      add: Number(match[2]),
      change: Number(match[3]),
      destroy: Number(match[4]),
    };
  }
  if (
    /No changes\.|Changes to Outputs:|You can apply this plan to save these new output values/.test(plain)
  ) {
    return { import: 0, add: 0, change: 0, destroy: 0 };
  }
  return null;
}
