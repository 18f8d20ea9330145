// Okta's own example configurations (okta/terraform-provider-okta v6.12.0 examples/resources/okta_*), planned
// and applied by the real terraform against the provider stand-in: every kept plan's review has an Okta category,
// a human name wherever one is available and never an object named after itself, counts equal to terraform's
// Plan: line, and no sensitive value. A few types run live, and must plan as the kept corpus says.

import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPlan } from '../../src/plan/plan-file.js';
import { summarizePlan } from '../../src/plan/summarize.js';
import { COMMENT_BUDGET, renderReview } from '../../src/render/review.js';
import { textPlanCounts } from '../../testkit/fixtures.js';
import {
  availableNames,
  CORPUS,
  corpusRows,
  nameProblems,
  showsName,
  planChanges,
  sensitiveStrings,
  uncategorized,
} from '../../testkit/okta-corpus-kept.js';
import type { Step } from '../../testkit/okta-corpus-steps.mjs';
import { runSteps, writeSeededOrg } from '../../testkit/okta-corpus.mjs';
import { startOktaEmulator } from '../../testkit/okta/emulator.mjs';
import { startOktaProvider } from '../../testkit/okta-provider/provider.mjs';
import { summarizeObject } from '../../testkit/plans.js';

const rows = corpusRows();
const kept = rows.filter((r) => r.file !== '');
const context = { directory: 'org', workspace: 'default', moreAt: 'the job summary', budget: COMMENT_BUDGET };

describe("the corpus of Okta's examples", () => {
  it('covers every resource type with a create, an update, a replace and a delete', () => {
    const types = new Set(rows.map((r) => r.type));
    const done = (step: string) => new Set(kept.filter((r) => r.step === step).map((r) => r.type));
    expect(types.size).toBe(145);
    for (const step of ['create', 'replace', 'delete']) expect(done(step).size).toBe(145);
    // No update where the provider has none (its Update refuses, or every argument forces replacement), and where
    // the only arguments an update could change are certificates the examples give once.
    const none = new Set(
      rows.filter((r) => r.step === 'update' && r.outcome.startsWith('none: ')).map((r) => r.type),
    );
    const certificatesOnly = ['okta_domain_certificate', 'okta_idp_saml_key'];
    expect([...types].filter((t) => !done('update').has(t) && !none.has(t)).sort()).toEqual(certificatesOnly);
    expect(done('update').size).toBeGreaterThanOrEqual(133);
    // Every step is kept, or says why it failed or why the type has no such step.
    for (const row of rows) expect(row.file !== '' || /^(failed|none): /.test(row.outcome)).toBe(true);
  });

  it('shows one of its own names for nearly every object that has one', async () => {
    let available = 0;
    let shown = 0;
    for (const row of kept) {
      const summary = await summarizePlan(await openPlan(join(CORPUS, row.file)));
      for (const c of planChanges(JSON.parse(readFileSync(join(CORPUS, row.file), 'utf8')))) {
        const names = availableNames(c);
        const named = summary.changes.find((s) => s.address === c.address);
        if (names.length === 0 || !named) continue;
        available++;
        if (showsName(named, names)) shown++;
      }
    }
    expect(available).toBeGreaterThan(500);
    // Measured at v6.12.0: see the corpus README. The rest are named by another attribute (a display name).
    expect(shown / available).toBeGreaterThanOrEqual(0.95);
    if (process.env.CORPUS_REPORT) process.stdout.write(`names shown: ${shown} of ${available}\n`);
  });

  it.each(kept.map((r) => [r.file, r] as const))('%s', async (_file, row) => {
    const text = readFileSync(join(CORPUS, row.file), 'utf8');
    const summary = await summarizePlan(await openPlan(join(CORPUS, row.file)));
    const expected = textPlanCounts(row.planLine) ?? { add: 0, change: 0, destroy: 0, import: 0 };
    const { add, change, destroy } = summary.terraform;
    expect({ add, change, destroy }).toEqual({
      add: expected.add,
      change: expected.change,
      destroy: expected.destroy,
    });
    expect(uncategorized(summary)).toEqual([]);
    const changes = planChanges(JSON.parse(text));
    const problems = changes.flatMap((c) => {
      const named = summary.changes.find((s) => s.address === c.address);
      return named ? nameProblems(named, availableNames(c)) : [`${c.address}: not in the review`];
    });
    expect(problems).toEqual([]);
    const { markdown } = renderReview(summary, context);
    const secrets = changes.flatMap((c) => [
      ...sensitiveStrings(c.change.before, c.change.before_sensitive),
      ...sensitiveStrings(c.change.after, c.change.after_sensitive),
    ]);
    for (const secret of secrets.filter((s) => s.length >= 6)) expect(markdown).not.toContain(secret);
  });
});

describe('live: the examples planned through terraform now', () => {
  jest.setTimeout(120_000);
  let org: Awaited<ReturnType<typeof startOktaEmulator>>;
  let provider: Awaited<ReturnType<typeof startOktaProvider>>;
  const work = mkdtempSync(join(tmpdir(), 'okta-corpus-live-'));

  beforeAll(async () => {
    writeSeededOrg(join(work, 'org.json'));
    org = await startOktaEmulator({ stateFile: join(work, 'org.json') });
    provider = await startOktaProvider({ env: {} });
  });
  afterAll(async () => {
    await provider.stop();
    await org.close();
    rmSync(work, { recursive: true, force: true });
  });

  /** The kept steps of a type, as the steps to run again (configurations are in the kept plans). */
  const keptSteps = (type: string): { steps: Step[]; actions: string[][] } => {
    const mine = kept.filter((r) => r.type === type);
    const steps: Step[] = [];
    const actions: string[][] = [];
    for (const row of mine) {
      const plan: unknown = JSON.parse(readFileSync(join(CORPUS, row.file), 'utf8'));
      actions.push(planChanges(plan).map((c) => `${c.address} ${c.change.actions.join(',')}`));
      const config = readFileSync(join(CORPUS, row.file.replace(/\.show\.json$/, '.tf')), 'utf8');
      const replaceFirst = row.step === 'replace' && row.how.startsWith('-replace=') ? type : undefined;
      steps.push({
        step: row.step,
        example: row.example,
        how: row.how,
        config,
        ...(replaceFirst ? { replaceFirst } : {}),
      });
    }
    return { steps, actions };
  };

  it.each(['okta_group_rule', 'okta_app_group_assignment', 'okta_authenticator'])(
    '%s plans as kept',
    async (type) => {
      const { steps, actions } = keptSteps(type);
      expect(steps.length).toBe(4);
      const results = await runSteps({
        type,
        steps,
        dir: join(work, type),
        reattach: provider.reattach,
        orgUrl: org.url,
        token: org.token,
      });
      expect(results.map((r) => r.error)).toEqual([null, null, null, null]);
      const live = results.map((r) =>
        planChanges(JSON.parse(r.plan ?? '{}')).map((c) => `${c.address} ${c.change.actions.join(',')}`),
      );
      expect(live).toEqual(actions);
      for (const r of results) {
        const summary = await summarizeObject(JSON.parse(r.plan ?? '{}'));
        expect(uncategorized(summary)).toEqual([]);
      }
    },
  );
});
