// Import mode (workflow_dispatch or schedule): brings the org's objects of the chosen kinds that no state holds
// under Terraform. It lists them in Okta, writes import blocks and lets Terraform write their configuration, tidies
// it, plans once more to say whether it converged, and puts the files on a branch of their own with one pull request
// whose body is the onboarding review. Nothing is applied: merging the pull request goes through the usual review
// and apply, where the imports write the state.

import { join, relative, sep } from 'node:path';
import { ActionError, errorMessage } from '../errors.js';
import { commitToBranch, openOrUpdatePullRequest, type OpenedPullRequest } from '../github/branch-pull.js';
import type { Repository } from '../github/issue-comments.js';
import { isPermissionDenied, type GitHubClient } from '../github/octokit.js';
import { noOktaConnection, OktaClient, oktaConnection } from '../okta/client.js';
import {
  withoutSecrets,
  writeImportConfiguration,
  type ImportConfiguration,
} from '../okta/import-configuration.js';
import { readManaged } from '../okta/managed.js';
import { findUnmanaged } from '../okta/unmanaged.js';
import { importOutputs, type Outputs } from '../outputs.js';
import { importPullBody, importPullTitle, importSummary } from '../render/import-pull.js';
import type { ImportSettings, Settings } from '../settings.js';
import type { ModeContext } from './context.js';
import { readRootModule, reportPlan, startSession, summarizeSavedPlan } from './plan-and-report.js';

/** The action's branch for this org's onboarding: one per directory, workspace and label. */
export function importBranch(target: Settings['target']): string {
  const parts = [target.directory, target.workspace === 'default' ? '' : target.workspace, target.label];
  const slug = parts
    .filter((p) => p && p !== '.')
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$|\.\.+/g, '');
  return `okta-import/${slug || 'root'}`;
}

/** One commit of the files on the import branch, and the pull request from it into the run's branch. */
async function publish(
  github: GitHubClient,
  repository: Repository,
  where: { readonly branch: string; readonly base: ImportSettings['base'] },
  files: ReadonlyMap<string, string>,
  text: { readonly title: string; readonly body: string },
): Promise<OpenedPullRequest> {
  const { branch, base } = where;
  try {
    await commitToBranch(github, repository, { parent: base.sha, branch, message: text.title, files });
    return await openOrUpdatePullRequest(github, repository, { branch, base: base.branch, ...text });
  } catch (e) {
    const fix = isPermissionDenied(e)
      ? 'give the job `permissions: contents: write` and `pull-requests: write` (and allow GitHub Actions to create pull requests in the repository settings)'
      : 're-run the job';
    throw new ActionError(
      'github-unavailable',
      `the import pull request could not be opened (${errorMessage(e)}): ${fix}`,
    );
  }
}

export async function runImportMode(settings: Settings, context: ModeContext): Promise<Outputs> {
  const onboarding = settings.import;
  if (!onboarding) throw new ActionError('invalid-input', 'mode: import needs import-types');
  const configuration = await readRootModule(settings, context.secrets);
  const connection = oktaConnection(configuration.providers, settings.processEnv);
  if (!connection) throw noOktaConnection('mode: import');
  const client = new OktaClient(connection);
  const session = await startSession(settings, context, configuration);
  const managed = await readManaged(session.showJson().chunks);
  const objects = await findUnmanaged(client, managed, new Set(onboarding.types)).catch((e: unknown) => {
    throw new ActionError('plan-failed', `the org's objects could not be listed: ${errorMessage(e)}`);
  });
  context.runtime.info(
    `${objects.length} object(s) of ${onboarding.types.join(', ')} in the org that the state does not hold.`,
  );
  if (objects.length === 0) {
    await context.runtime.appendSummary(
      `Nothing to import: the state holds every object of ${onboarding.types.join(', ')} in the org.\n`,
    );
    return importOutputs(0);
  }
  const written: ImportConfiguration = await writeImportConfiguration(
    settings.workingDirectoryPath,
    objects,
    {
      generate: async (file) => void (await session.plan({ generateConfigOut: file })),
      format: (files) => session.format(files),
    },
  );
  if (written.targets.length === 0) {
    throw new ActionError(
      'plan-failed',
      `Terraform imported none of the ${objects.length} object(s) (${written.generationError ?? 'no configuration generated'}): fix what the error names, then run the import again`,
    );
  }
  if (written.generationError) {
    context.runtime.warning(
      `Terraform's generated configuration did not plan as written (${written.generationError}); it was tidied and planned again.`,
    );
  }
  // The plan of the branch: it learns the plan's secrets before the files are checked for them.
  const planned = await reportPlan(
    settings,
    context,
    await summarizeSavedPlan(settings, context, { configuration, session, saved: await session.plan() }),
  );
  const { texts, leftOut } = await withoutSecrets(
    settings.workingDirectoryPath,
    written.files,
    context.secrets,
  );
  // Repository-relative, as the commit's tree names them.
  const files = new Map(
    [...texts].map(([file, text]) => [
      relative(settings.repositoryPath, join(settings.workingDirectoryPath, file)).split(sep).join('/'),
      text,
    ]),
  );
  const title = importPullTitle(written.targets.length, settings.target.directory);
  const pullContext = {
    directory: settings.target.directory,
    workspace: settings.target.workspace,
    files: [...files.keys()],
    secretsLeftOut: leftOut,
    notImported: written.notGenerated.map(({ address, object }) => `${address} (${object.name})`),
    generationError: written.generationError,
    runUrl: settings.github.runUrl,
  };
  await context.runtime.appendSummary(importSummary(written.targets, planned.summary, pullContext));
  const body = importPullBody(written.targets, planned.summary, pullContext);
  const outputs = { ...planned.outputs, ...importOutputs(written.targets.length) };
  const { repository } = settings.github;
  if (!context.github || !repository) {
    context.runtime.warning(
      'No repository (GITHUB_REPOSITORY): the files are in the working directory, and no pull request was opened.',
    );
    return outputs;
  }
  const where = { branch: importBranch(settings.target), base: onboarding.base };
  const pull = await publish(context.github, repository, where, files, {
    title,
    body: context.secrets.scrub(body),
  });
  context.runtime.info(
    `Import pull request #${pull.number} ${pull.created ? 'opened' : 'updated'}: ${pull.url}`,
  );
  return { ...outputs, ...importOutputs(written.targets.length, pull) };
}
