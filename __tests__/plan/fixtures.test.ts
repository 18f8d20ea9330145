// Every real plan in the fixtures summarizes, and Terraform's own "Plan:" line agrees with our counts.

import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ActionError } from '../../src/errors.js';
import { openPlan } from '../../src/plan/plan-file.js';
import { summarizePlan } from '../../src/plan/summarize.js';
import { FIXTURES, fixtureKind, fixturePath, manifest, textPlanCounts } from '../../testkit/fixtures.js';

const rows = manifest();
const plans = rows.filter((r) => fixtureKind(r) === 'plan').map((r) => r.path);
const states = rows.filter((r) => fixtureKind(r) === 'state' && r.path.endsWith('.json')).map((r) => r.path);
const invalid = rows.filter((r) => fixtureKind(r) === 'invalid').map((r) => r.path);

async function summarizeFile(relative: string) {
  return summarizePlan(await openPlan(fixturePath(relative)));
}

/** Every directory with both a text plan and a `show -json` plan of it. */
function textJsonPairs(): { name: string; text: string; json: string }[] {
  const pairs: { name: string; text: string; json: string }[] = [];
  const layouts = [
    { root: 'opentofu/equivalence', text: 'plan', json: 'plan.json' },
    { root: 'terraform-v1.5.7/equivalence', text: 'plan', json: 'plan.json' },
    { root: 'generated-terraform-1.11.4', text: 'plan.txt', json: 'show.json' },
  ];
  for (const layout of layouts) {
    for (const dir of readdirSync(join(FIXTURES, layout.root))) {
      const text = join(layout.root, dir, layout.text);
      const json = join(layout.root, dir, layout.json);
      if (existsSync(fixturePath(text)) && existsSync(fixturePath(json)))
        pairs.push({ name: join(layout.root, dir), text, json });
    }
  }
  return pairs;
}

describe('real plans from Terraform 0.12 to 1.15 and OpenTofu', () => {
  it('finds the fixtures', () => {
    expect(plans.length).toBeGreaterThan(150);
    expect(states.length).toBeGreaterThan(100);
  });

  it.each(plans)('summarizes %s', async (path) => {
    const summary = await summarizeFile(path);
    const t = summary.terraform;
    const o = summary.objects;
    // Internal consistency: every replace is one add and one destroy; every change is listed once.
    expect(t.add).toBe(o.create + o.replace);
    expect(t.destroy).toBe(o.delete + o.replace);
    expect(summary.changes.length).toBeGreaterThanOrEqual(o.create + o.update + o.delete + o.replace);
    for (const change of summary.changes) {
      expect(change.name.length).toBeGreaterThan(0);
      expect(change.category.length).toBeGreaterThan(0);
    }
  });
});

describe("Terraform's Plan: line", () => {
  const pairs = textJsonPairs().map((pair) => ({
    ...pair,
    expected: textPlanCounts(readFileSync(fixturePath(pair.text), 'utf8')),
  }));
  const planned = pairs.filter((pair) => pair.expected !== null);
  // A failed plan prints no Plan: line.
  const failed = pairs.filter((pair) => pair.expected === null);

  it('has over a hundred text/JSON pairs to compare, failed plans among them', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(118);
    expect(failed.length).toBeGreaterThan(0);
  });

  it.each(planned)('matches for $name', async ({ json, expected }) => {
    const { terraform } = await summarizeFile(json);
    expect({
      add: terraform.add,
      change: terraform.change,
      destroy: terraform.destroy,
      import: terraform.import,
    }).toEqual(expected);
  });

  it.each(failed)('claims no changes to apply for the failed plan $name', async ({ json }) => {
    const summary = await summarizeFile(json);
    expect(summary.errored || !summary.hasChanges).toBe(true);
  });
});

describe('inputs that are not plans', () => {
  it.each([...states, ...invalid])('%s gets one clear line', async (path) => {
    const error = await summarizeFile(path).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ActionError);
    const { reason, message } = error as ActionError;
    expect(reason).toBe('invalid-input');
    expect(message).not.toContain('\n');
    expect(message).toMatch(/state, not a plan|not valid JSON|not a Terraform plan/);
  });
});
