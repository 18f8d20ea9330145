// Drift mode (schedule): plan the default branch and keep one GitHub issue per org about what changed outside
// Terraform, what the code would still change, and the objects made outside Terraform in the kinds it manages
// (which no plan shows). A failed plan fails the step and never touches the issue.

import { readModuleConfiguration } from '../configuration/module.js';
import { errorMessage } from '../errors.js';
import { unmanagedInOrg } from '../okta/managed.js';
import { unmanagedMarkdown } from '../render/unmanaged.js';
import type { Outputs } from '../outputs.js';
import type { Settings } from '../settings.js';
import type { ModeContext } from './context.js';
import { syncDriftIssue } from './drift-issue.js';
import { planAndReport, type PlannedRun } from './plan-and-report.js';

/**
 * The objects made outside Terraform in the kinds it manages, as markdown ('' when there are none), asked of Okta
 * with the credentials okta/okta uses; undefined, with a warning, when they can't be read.
 */
async function unmanagedSection(
  settings: Settings,
  planned: PlannedRun,
  context: ModeContext,
): Promise<string | undefined> {
  const jsonPlan = planned.terraform?.jsonPlanFile;
  if (!jsonPlan) return undefined;
  try {
    const { providers } = await readModuleConfiguration(settings.workingDirectoryPath);
    const found = await unmanagedInOrg(jsonPlan, providers, settings.processEnv);
    if (!found) return undefined;
    context.runtime.info(`${found.objects.length} object(s) made outside Terraform in the kinds it manages.`);
    return found.objects.length > 0
      ? context.secrets.scrub(unmanagedMarkdown(found.objects, found.orgUrl))
      : '';
  } catch (e) {
    context.runtime.warning(`The objects made outside Terraform could not be listed (${errorMessage(e)}).`);
    return undefined;
  }
}

export async function runDriftMode(settings: Settings, context: ModeContext): Promise<Outputs> {
  const planned = await planAndReport(settings, context);
  const { summary, outputs } = planned;
  const unmanaged = await unmanagedSection(settings, planned, context);
  if (unmanaged) await context.runtime.appendSummary(unmanaged);
  const { repository, runUrl } = settings.github;
  if (!repository || !context.github) return outputs;
  try {
    const issue = await syncDriftIssue(context.github, repository, summary, {
      target: settings.target,
      runUrl,
      ...(unmanaged === undefined ? {} : { unmanaged }),
    });
    if (issue.number) context.runtime.info(`Drift issue #${issue.number}: ${issue.change}.`);
  } catch (e) {
    context.runtime.warning(
      `The drift issue was not updated (${errorMessage(e)}): give the job \`permissions: issues: write\`. The job summary has the drift.`,
    );
  }
  return outputs;
}
