// Discover mode: the Terraform root modules (one per Okta org) as a JSON matrix for `strategy.matrix`; on a pull
// request only those whose files, or the local modules they call, changed. Runs no Terraform.

import * as core from '@actions/core';
import { ActionError, errorMessage } from '../errors.js';
import { affectedRoots, findRootModules, matrixOf } from '../discover/roots.js';
import { createGitHubClient } from '../github/octokit.js';
import { pullRequestFiles } from '../github/pulls.js';
import { discoverOutputs, type Outputs } from '../outputs.js';
import type { Settings } from '../settings.js';

export async function runDiscoverMode(settings: Settings): Promise<Outputs> {
  const roots = await findRootModules(settings.repositoryPath);
  const { github } = settings;
  let chosen = roots;
  if (github.pullRequest && github.repository) {
    let files: string[];
    try {
      files = await pullRequestFiles(
        createGitHubClient(github.token, github.apiUrl),
        github.repository,
        github.pullRequest,
      );
    } catch (e) {
      throw new ActionError(
        'invalid-input',
        `could not list the pull request's files (${errorMessage(e)}): give the job \`permissions: pull-requests: read\``,
      );
    }
    chosen = affectedRoots(roots, files);
    core.info(
      `${files.length} changed files affect ${chosen.length} of ${roots.length} Terraform root modules.`,
    );
  } else {
    core.info(`${roots.length} Terraform root modules.`);
  }
  for (const root of chosen) core.info(`- ${root.directory}${root.org ? ` (${root.org})` : ''}`);
  return discoverOutputs(matrixOf(chosen));
}
