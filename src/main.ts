// run(): settings → mode → outputs. The one place that fails the step.

import * as core from '@actions/core';
import { ActionError, errorMessage } from './errors.js';
import { runApplyMode } from './modes/apply.js';
import { runPlanMode } from './modes/plan.js';
import { writeFailureSummary } from './render/step-summary.js';
import { readSettings } from './settings.js';

export async function run(): Promise<void> {
  try {
    const settings = readSettings();
    const outputs = settings.mode === 'apply' ? await runApplyMode(settings) : await runPlanMode(settings);
    for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
  } catch (e) {
    const message = errorMessage(e);
    if (e instanceof ActionError) {
      core.setOutput('failure-reason', e.reason);
      core.setFailed(`${e.reason}: ${message}`);
      await writeFailureSummary(e.reason, message).catch(() => false);
      return;
    }
    core.setFailed(`unexpected error (please report it): ${message}`);
  }
}
