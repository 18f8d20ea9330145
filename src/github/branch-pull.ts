// A branch of one commit on top of a base commit, made through GitHub's Git Database API (no git, no push
// credentials on the runner), and the one open pull request from it, opened or brought up to date. The branch is the
// action's: it is moved to the new commit (force), whatever was pushed to it since.

import type { Repository } from './issue-comments.js';
import { httpStatus, type GitHubClient } from './octokit.js';

export interface BranchCommit {
  /** The commit the branch starts from (the run's checkout). */
  readonly parent: string;
  readonly branch: string;
  readonly message: string;
  /** Repository-relative path → text. */
  readonly files: ReadonlyMap<string, string>;
}

export interface PullRequestText {
  readonly branch: string;
  readonly base: string;
  readonly title: string;
  readonly body: string;
}

export interface OpenedPullRequest {
  readonly number: number;
  readonly url: string;
  /** False when an open pull request from the branch was updated. */
  readonly created: boolean;
}

/** The new commit's SHA, with the branch pointing at it. */
export async function commitToBranch(
  client: GitHubClient,
  repository: Repository,
  commit: BranchCommit,
): Promise<string> {
  const { data: parent } = await client.rest.git.getCommit({ ...repository, commit_sha: commit.parent });
  const { data: tree } = await client.rest.git.createTree({
    ...repository,
    base_tree: parent.tree.sha,
    tree: [...commit.files].map(([path, content]) => ({ path, mode: '100644', type: 'blob', content })),
  });
  const { data: created } = await client.rest.git.createCommit({
    ...repository,
    message: commit.message,
    tree: tree.sha,
    parents: [commit.parent],
  });
  const ref = `heads/${commit.branch}`;
  const exists = await client.rest.git.getRef({ ...repository, ref }).then(
    () => true,
    (e: unknown) => {
      if (httpStatus(e) === 404) return false;
      throw e;
    },
  );
  if (exists) await client.rest.git.updateRef({ ...repository, ref, sha: created.sha, force: true });
  else await client.rest.git.createRef({ ...repository, ref: `refs/${ref}`, sha: created.sha });
  return created.sha;
}

/** The open pull request from the branch into base, with this title and body: updated, or opened. */
export async function openOrUpdatePullRequest(
  client: GitHubClient,
  repository: Repository,
  text: PullRequestText,
): Promise<OpenedPullRequest> {
  const { branch, base, title, body } = text;
  const open = await client.paginate(client.rest.pulls.list, {
    ...repository,
    head: `${repository.owner}:${branch}`,
    base,
    state: 'open',
    per_page: 100,
  });
  const existing = open[0];
  if (existing) {
    await client.rest.pulls.update({ ...repository, pull_number: existing.number, title, body });
    return { number: existing.number, url: existing.html_url, created: false };
  }
  const { data } = await client.rest.pulls.create({ ...repository, head: branch, base, title, body });
  return { number: data.number, url: data.html_url, created: true };
}
