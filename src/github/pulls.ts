// The pull request a pushed commit came from: the merge (or squash, or rebase) of a reviewed pull request.

import type { Repository } from './issue-comments.js';
import type { GitHubClient } from './octokit.js';

export interface MergedPullRequest {
  readonly number: number;
  readonly labels: readonly string[];
  /** Who opened it (undefined for a deleted account). */
  readonly author: string | undefined;
  readonly mergedAt: string;
  /** The head commit that was merged: the one its plan runs planned. */
  readonly headSha: string;
  /** The base branch's commit when the pull request was last updated. */
  readonly baseSha: string;
}

export async function mergedPullRequest(
  client: GitHubClient,
  repository: Repository,
  sha: string,
): Promise<MergedPullRequest | undefined> {
  const pulls = await client.paginate(client.rest.repos.listPullRequestsAssociatedWithCommit, {
    ...repository,
    commit_sha: sha,
    per_page: 100,
  });
  // Merged as this very commit first; a commit can also belong to pull requests that are still open.
  const merged =
    pulls.find((p) => p.merged_at && p.merge_commit_sha === sha) ??
    pulls.find((p) => p.merged_at) ??
    undefined;
  if (!merged?.merged_at) return undefined;
  return {
    number: merged.number,
    labels: merged.labels.map((l) => l.name),
    author: merged.user?.login,
    mergedAt: merged.merged_at,
    headSha: merged.head.sha,
    baseSha: merged.base.sha,
  };
}

/** Every file a pull request changes (repository-relative), over all pages. */
export async function pullRequestFiles(
  client: GitHubClient,
  repository: Repository,
  number: number,
): Promise<string[]> {
  const files = await client.paginate(client.rest.pulls.listFiles, {
    ...repository,
    pull_number: number,
    per_page: 100,
  });
  return files.flatMap((f) => (f.previous_filename ? [f.filename, f.previous_filename] : [f.filename]));
}
