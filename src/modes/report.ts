// What every mode reports about a plan: one log line, the summary JSON file, the job summary and the outputs.

import * as core from '@actions/core';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { ActionError } from '../errors.js';
import { planRunOutputs, summaryOutputs, type Outputs } from '../outputs.js';
import { planLine } from '../plan/counts.js';
import { fingerprint } from '../plan/fingerprint.js';
import { writeSummaryJson } from '../plan/summary-json.js';
import type { PlanSummary } from '../plan/types.js';
import { writeReviewSummary } from '../render/step-summary.js';
import type { Settings } from '../settings.js';
import {
  planAndSummarize,
  startSession,
  type PlanResult,
  type TerraformSession,
} from '../terraform/session.js';

/** The plan's fingerprint here: its changes, plus this directory, workspace and backend. */
export function planFingerprint(settings: Settings, summary: PlanSummary, backend: string): string {
  return fingerprint(summary.planDigest, {
    directory: settings.workingDirectory,
    workspace: settings.terraformWorkspace,
    backend,
  });
}

export async function reportPlan(summary: PlanSummary, settings: Settings): Promise<Outputs> {
  core.info(
    summary.hasChanges
      ? `${planLine(summary.terraform)} ${summary.highRisk} high-risk, ${summary.drift.length} changed outside Terraform.`
      : `No changes. ${summary.drift.length} changed outside Terraform.`,
  );
  const dir = await mkdtemp(join(settings.tempDir, 'okta-tf-summary-'));
  const summaryJsonPath = join(dir, 'summary.json');
  await writeSummaryJson(summaryJsonPath, summary);
  await writeReviewSummary(summary, {
    directory: settings.workingDirectory,
    workspace: settings.terraformWorkspace,
    summaryJsonPath,
  });
  return summaryOutputs(summary, summaryJsonPath);
}

/** Apply and drift plan for themselves: a given plan-json has no place there. */
export function refusePlanJson(settings: Settings): void {
  if (settings.planJson) {
    throw new ActionError(
      'invalid-input',
      `plan-json is for plan mode only: ${settings.mode} plans for itself, so remove plan-json`,
    );
  }
}

/** Plans once and reports it: what apply and drift start with. */
export async function planAndReport(
  settings: Settings,
): Promise<{ session: TerraformSession; result: PlanResult; fingerprint: string; outputs: Outputs }> {
  refusePlanJson(settings);
  const session = await startSession(settings);
  const result = await planAndSummarize(session, settings);
  const fingerprint = planFingerprint(settings, result.summary, session.backend);
  const outputs = {
    ...(await reportPlan(result.summary, settings)),
    ...planRunOutputs({ fingerprint, planFile: result.planFile, jsonPlanFile: result.jsonPlanFile }),
  };
  return { session, result, fingerprint, outputs };
}
