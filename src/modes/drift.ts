// Drift mode (schedule): plan the default branch and keep one GitHub issue per org about what changed outside
// Terraform and what the code would still change. A failed plan fails the step and never touches the issue.

import { errorMessage } from '../errors.js';
import type { Outputs } from '../outputs.js';
import type { Settings } from '../settings.js';
import type { ModeContext } from './context.js';
import { syncDriftIssue } from './drift-issue.js';
import { planAndReport } from './plan-and-report.js';

export async function runDriftMode(settings: Settings, context: ModeContext): Promise<Outputs> {
  const { summary, outputs } = await planAndReport(settings, context);
  const { repository, runUrl } = settings.github;
  if (!repository || !context.github) return outputs;
  try {
    const issue = await syncDriftIssue(context.github, repository, summary, {
      target: settings.target,
      runUrl,
    });
    if (issue.number) context.runtime.info(`Drift issue #${issue.number}: ${issue.change}.`);
  } catch (e) {
    context.runtime.warning(
      `The drift issue was not updated (${errorMessage(e)}): give the job \`permissions: issues: write\`. The job summary has the drift.`,
    );
  }
  return outputs;
}
