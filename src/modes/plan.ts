// Plan mode: plan with Terraform (or summarize a given plan-json), then report. Commenting on the PR builds on
// this.

import { openPlan } from '../plan/input.js';
import { summarizePlan } from '../plan/summarize.js';
import type { Outputs } from '../outputs.js';
import type { Settings } from '../settings.js';
import { planAndSummarize, startSession } from '../terraform/session.js';
import { reportPlan } from './report.js';

export async function runPlanMode(settings: Settings): Promise<Outputs> {
  if (settings.planJson) {
    return reportPlan(
      await summarizePlan(await openPlan(settings.planJson), { env: settings.env }),
      settings,
    );
  }
  const session = await startSession(settings);
  const { planFile, summary } = await planAndSummarize(session, settings);
  return { ...(await reportPlan(summary, settings)), 'plan-path': planFile };
}
