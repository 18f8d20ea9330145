// Plan mode. For now it summarizes a plan given as JSON (input plan-json): the summary file, the job summary and
// the outputs. Running Terraform and commenting on the PR build on this.

import * as core from '@actions/core';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { summaryOutputs, type Outputs } from '../outputs.js';
import { planLine } from '../plan/counts.js';
import { openPlan } from '../plan/input.js';
import { summarizePlan } from '../plan/summarize.js';
import { writeSummaryJson } from '../plan/summary-json.js';
import { writeReviewSummary } from '../render/step-summary.js';
import type { Settings } from '../settings.js';

export async function runPlanMode(settings: Settings): Promise<Outputs> {
  const summary = await summarizePlan(await openPlan(settings.planJson), { env: settings.env });
  core.info(
    summary.hasChanges
      ? `${planLine(summary.terraform)} ${summary.highRisk} high-risk, ${summary.drift.length} changed outside Terraform.`
      : `No changes. ${summary.drift.length} changed outside Terraform.`,
  );
  const dir = await mkdtemp(join(settings.tempDir, 'okta-tf-'));
  const summaryJsonPath = join(dir, 'summary.json');
  await writeSummaryJson(summaryJsonPath, summary);
  await writeReviewSummary(summary, {
    directory: settings.workingDirectory,
    workspace: settings.terraformWorkspace,
    summaryJsonPath,
  });
  return summaryOutputs(summary, summaryJsonPath);
}
