// One size budget for everything a step writes to its job summary: GitHub takes at most 1 MiB per step. A large
// org's review, the report of an apply that failed part-way over thousands of objects, and the failure line used
// to take a budget each (1,094,347 bytes together); now they share one, and the failure line always fits. Real
// renderers, a plan laid out as Terraform writes it (testkit/okta-plan.mjs), the runtime the step writes through.

import { describe, expect, it } from '@jest/globals';
import { failureSummaryMarkdown, reviewSummaryMarkdown } from '../../src/render/job-summary.js';
import { applyReportMarkdown } from '../../src/render/apply-report.js';
import { budgetedSummary, STEP_SUMMARY_LIMIT } from '../../src/runtime.js';
import { recordingRuntime } from '../../testkit/in-process.js';
import { oktaPlan, summarizeObject } from '../../testkit/plans.js';

const GROUPS = 6_000;

async function largeFailedApply() {
  const objects = Array.from({ length: GROUPS }, (_, i) => ({
    type: 'okta_group',
    name: 'team',
    key: `team-${i}-${'x'.repeat(40)}`,
    before: null,
    after: { name: `Team ${i} ${'y'.repeat(60)}`, description: `Group ${i} ${'z'.repeat(120)}` },
    unknown: ['id'],
  }));
  const summary = await summarizeObject(oktaPlan({ objects }));
  const changed = summary.changes.map((c) => ({ address: c.address, action: 'create' }));
  const report = {
    applied: changed.slice(0, 2_000),
    failed: changed.slice(2_000, 2_200),
    unfinished: changed.slice(2_200, 2_210),
    unconfirmed: changed.slice(2_210, 2_400),
    counts: undefined,
    diagnostics: '',
  };
  return { summary, report };
}

describe('the job summary of one step', () => {
  it('stays within GitHub’s 1 MiB, review, apply report and failure together, and keeps the failure line', async () => {
    const { summary, report } = await largeFailedApply();
    const parts = [
      reviewSummaryMarkdown(summary, {
        directory: 'orgs/acme',
        workspace: 'default',
        summaryJsonPath: '/tmp/s.json',
      }),
      applyReportMarkdown(report, summary.changes, 'review'),
      failureSummaryMarkdown('apply-failed', 'Error: Okta answered 429 too many times'),
    ];
    // Each within its own share, but the shares only add up because they are shares of one budget.
    expect(parts.reduce((n, p) => n + Buffer.byteLength(p), 0)).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT);

    const runtime = recordingRuntime({});
    const step = budgetedSummary(runtime);
    for (const part of parts) await step.appendSummary(part);
    expect(Buffer.byteLength(runtime.summary())).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT);
    expect(runtime.summary()).toContain('### Okta Terraform run failed: `apply-failed`');
    expect(runtime.summary()).toContain('### Apply report');
  });

  it('cuts what comes after the budget is spent, with a note, at a line break', async () => {
    const runtime = recordingRuntime({});
    const step = budgetedSummary(runtime, 10_000);
    await step.appendSummary(`${'a line of the review\n'.repeat(400)}`);
    await step.appendSummary(`${'a line of the apply report\n'.repeat(400)}`);
    const written = runtime.summary();
    expect(Buffer.byteLength(written)).toBeLessThanOrEqual(10_000);
    expect(written).toMatch(
      /a line of the apply report\n\n_The rest was cut: the step's job summary is at GitHub's 1 MiB limit\./,
    );
    // A third part finds no room at all, and is left out rather than written past the limit.
    expect(await step.appendSummary('### Okta Terraform run failed')).toBe(false);
    expect(runtime.summary()).toBe(written);
  });
});
