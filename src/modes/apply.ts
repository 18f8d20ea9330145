// Apply mode: plan once, then apply exactly that plan file (no second refresh, which matters under Okta's rate
// limits). Until review-gated apply exists, it runs only with auto-approve: true.

import * as core from '@actions/core';
import { ActionError } from '../errors.js';
import { planRunOutputs, type Outputs } from '../outputs.js';
import type { Settings } from '../settings.js';
import { planAndSummarize, startSession } from '../terraform/session.js';
import { planFingerprint, reportPlan } from './report.js';

export async function runApplyMode(settings: Settings): Promise<Outputs> {
  if (settings.planJson) {
    throw new ActionError(
      'invalid-input',
      'plan-json is for plan mode only: apply plans for itself, so remove plan-json',
    );
  }
  if (!settings.autoApprove) {
    throw new ActionError(
      'plan-not-found',
      'apply found no reviewed plan to match, and applying an unreviewed plan needs auto-approve: true ' +
        '(review-gated apply on merge is not available yet): set auto-approve: true, or run mode: plan',
    );
  }
  const session = await startSession(settings);
  const { planFile, jsonPlanFile, hasChanges, summary } = await planAndSummarize(session, settings);
  const reviewed = planFingerprint(settings, summary, session.backend);
  const outputs = {
    ...(await reportPlan(summary, settings)),
    ...planRunOutputs({ fingerprint: reviewed, planFile, jsonPlanFile }),
  };
  if (!hasChanges) {
    core.info('Nothing to apply: the Okta org already matches the configuration.');
    return outputs;
  }
  await session.runner.apply(planFile, settings.terraform.parallelism);
  core.info('Applied.');
  return outputs;
}
