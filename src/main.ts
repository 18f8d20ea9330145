// run(): settings → mode → outputs. The one place that fails the step.

import * as core from '@actions/core';
import { ActionError, errorMessage } from './errors.js';
import { runApplyMode } from './modes/apply.js';
import { runDiscoverMode } from './modes/discover.js';
import { runDriftMode } from './modes/drift.js';
import { runPlanMode } from './modes/plan.js';
import type { Outputs } from './outputs.js';
import { writeFailureSummary } from './render/step-summary.js';
import { readSettings, type Mode, type Settings } from './settings.js';

const MODES: Record<Mode, (settings: Settings) => Promise<Outputs>> = {
  plan: runPlanMode,
  apply: runApplyMode,
  drift: runDriftMode,
  discover: runDiscoverMode,
};

export async function run(): Promise<void> {
  try {
    const settings = readSettings();
    const outputs = await MODES[settings.mode](settings);
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
