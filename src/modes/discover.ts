// Discover mode: the Terraform root modules (one per Okta org) as a JSON matrix for `strategy.matrix`; on a pull
// request only those whose files, or the local modules they call, changed. Runs no Terraform.

import { affectedRoots, findRootModules, matrixOf } from '../discover/roots.js';
import { ActionError, errorMessage } from '../errors.js';
import { pullRequestFiles } from '../github/pulls.js';
import { discoverOutputs, type Outputs } from '../outputs.js';
import type { Settings } from '../settings.js';
import type { ModeContext } from './context.js';

export async function runDiscoverMode(settings: Settings, context: ModeContext): Promise<Outputs> {
  const { runtime } = context;
  const roots = await findRootModules(settings.repositoryPath);
  const { repository, pullRequest } = settings.github;
  let chosen = roots;
  if (pullRequest && repository && context.github) {
    let files: string[];
    try {
      files = await pullRequestFiles(context.github, repository, pullRequest);
    } catch (e) {
      throw new ActionError(
        'invalid-input',
        `could not list the pull request's files (${errorMessage(e)}): give the job \`permissions: pull-requests: read\``,
      );
    }
    chosen = affectedRoots(roots, files);
    runtime.info(
      `${files.length} changed files affect ${chosen.length} of ${roots.length} Terraform root modules.`,
    );
  } else {
    runtime.info(`${roots.length} Terraform root modules.`);
  }
  for (const root of chosen) runtime.info(`- ${root.directory}${root.org ? ` (${root.org})` : ''}`);
  return discoverOutputs(matrixOf(chosen, roots));
}
