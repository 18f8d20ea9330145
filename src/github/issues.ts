// Issues of a repository: the open ones with a label (every page), and opening, editing and closing one, with
// text rendered elsewhere.

import { authorOf, type CommentAuthor, type Repository } from './issue-comments.js';
import type { GitHubClient } from './octokit.js';

export interface OpenIssue {
  readonly number: number;
  readonly body: string;
  readonly author: CommentAuthor | undefined;
  /** GitHub lists pull requests among issues. */
  readonly isPullRequest: boolean;
}

export async function* listOpenIssues(
  client: GitHubClient,
  repository: Repository,
  label: string,
): AsyncGenerator<OpenIssue> {
  for await (const page of client.paginate.iterator(client.rest.issues.listForRepo, {
    ...repository,
    labels: label,
    state: 'open',
    per_page: 100,
  })) {
    for (const issue of page.data) {
      yield {
        number: issue.number,
        body: issue.body ?? '',
        author: authorOf(issue.user),
        isPullRequest: Boolean(issue.pull_request),
      };
    }
  }
}

export async function openIssue(
  client: GitHubClient,
  repository: Repository,
  issue: { title: string; body: string; labels: string[] },
): Promise<number> {
  const { data } = await client.rest.issues.create({ ...repository, ...issue });
  return data.number;
}

export async function updateIssueBody(
  client: GitHubClient,
  repository: Repository,
  number: number,
  body: string,
): Promise<void> {
  await client.rest.issues.update({ ...repository, issue_number: number, body });
}

export async function closeIssue(
  client: GitHubClient,
  repository: Repository,
  number: number,
): Promise<void> {
  await client.rest.issues.update({
    ...repository,
    issue_number: number,
    state: 'closed',
    state_reason: 'completed',
  });
}
