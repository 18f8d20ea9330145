// Puts exactly the wanted ones of the action's labels on a pull request, creating them (with their colours) in the
// repository when missing. Labels the action does not manage are never touched.

import type { LabelDefinition } from '../render/labels.js';
import type { Repository } from './issue-comments.js';
import { httpStatus, type GitHubClient } from './octokit.js';

async function ensureRepositoryLabel(
  client: GitHubClient,
  repository: Repository,
  label: LabelDefinition,
): Promise<void> {
  try {
    await client.rest.issues.getLabel({ ...repository, name: label.name });
  } catch (e) {
    if (httpStatus(e) !== 404) throw e;
    try {
      await client.rest.issues.createLabel({ ...repository, ...label });
    } catch (created) {
      // Another job of the same matrix made it first.
      if (httpStatus(created) !== 422) throw created;
    }
  }
}

/** Puts exactly `wanted` of the `managed` labels on the pull request; other labels are left alone. */
export async function syncLabels(
  client: GitHubClient,
  repository: Repository,
  issue: number,
  managed: readonly LabelDefinition[],
  wanted: readonly LabelDefinition[],
): Promise<void> {
  const current = new Set(
    (
      await client.paginate(client.rest.issues.listLabelsOnIssue, {
        ...repository,
        issue_number: issue,
        per_page: 100,
      })
    ).map((l) => l.name),
  );
  const wantedNames = new Set(wanted.map((l) => l.name));
  for (const stale of managed) {
    if (current.has(stale.name) && !wantedNames.has(stale.name)) {
      await client.rest.issues.removeLabel({ ...repository, issue_number: issue, name: stale.name });
    }
  }
  const missing = wanted.filter((l) => !current.has(l.name));
  if (missing.length === 0) return;
  for (const definition of missing) await ensureRepositoryLabel(client, repository, definition);
  await client.rest.issues.addLabels({
    ...repository,
    issue_number: issue,
    labels: missing.map((l) => l.name),
  });
}
