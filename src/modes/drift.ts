// Drift mode (schedule): plan the default branch and keep one GitHub issue per org about what changed outside
// Terraform and what the code would still change. A failed plan fails the step and never touches the issue.

import * as core from '@actions/core';
import { errorMessage } from '../errors.js';
import { syncDriftIssue } from '../github/drift-issue.js';
import { createGitHubClient } from '../github/octokit.js';
import type { Outputs } from '../outputs.js';
import type { Settings } from '../settings.js';
import { planAndReport } from './report.js';

export async function runDriftMode(settings: Settings): Promise<Outputs> {
  const { result, outputs } = await planAndReport(settings);
  const { summary } = result;
  const { github } = settings;
  if (!github.repository) return outputs;
  try {
    const issue = await syncDriftIssue(
      createGitHubClient(github.token, github.apiUrl),
      github.repository,
      summary,
      {
        target: {
          directory: settings.workingDirectory,
          workspace: settings.terraformWorkspace,
          label: github.label,
        },
        runUrl: github.runUrl,
      },
    );
    if (issue.number) core.info(`Drift issue #${issue.number}: ${issue.change}.`);
  } catch (e) {
    core.warning(
      `The drift issue was not updated (${errorMessage(e)}): give the job \`permissions: issues: write\`. The job summary has the drift.`,
    );
  }
  return outputs;
}
