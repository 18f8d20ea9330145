// The comments of an issue or pull request: listed over every page, created and updated with text rendered
// elsewhere. What a comment means (its marker, whether to trust it) is decided by the caller.

import type { GitHubClient } from './octokit.js';

export interface Repository {
  readonly owner: string;
  readonly repo: string;
}

export interface CommentAuthor {
  readonly login: string;
  readonly type: string;
}

/** Who wrote a comment or issue, as GitHub's answers give it (`user` is null for a deleted account). */
export function authorOf(
  user: { readonly login: string; readonly type: string } | null | undefined,
): CommentAuthor | undefined {
  return user ? { login: user.login, type: user.type } : undefined;
}

export interface IssueComment {
  readonly id: number;
  /** GraphQL's ID, for the comment's edit history. */
  readonly nodeId: string;
  readonly url: string;
  readonly body: string;
  readonly author: CommentAuthor | undefined;
}

function commentOf(comment: {
  readonly id: number;
  readonly node_id: string;
  readonly html_url: string;
  readonly body?: string | undefined;
  readonly user: { readonly login: string; readonly type: string } | null;
}): IssueComment {
  return {
    id: comment.id,
    nodeId: comment.node_id,
    url: comment.html_url,
    body: comment.body ?? '',
    author: authorOf(comment.user),
  };
}

/** Every comment, oldest first, a page (100) at a time. */
export async function* listIssueComments(
  client: GitHubClient,
  repository: Repository,
  issue: number,
): AsyncGenerator<IssueComment> {
  for await (const page of client.paginate.iterator(client.rest.issues.listComments, {
    ...repository,
    issue_number: issue,
    per_page: 100,
  })) {
    for (const comment of page.data) yield commentOf(comment);
  }
}

/**
 * Creates a comment. With `once`, never retried by the client: a create whose answer was lost (GitHub made it, the
 * answer timed out) would be made twice, so the caller looks for it before trying again.
 */
export async function createIssueComment(
  client: GitHubClient,
  repository: Repository,
  issue: number,
  body: string,
  options: { readonly once?: boolean } = {},
): Promise<{ id: number; url: string }> {
  const { data } = await client.rest.issues.createComment({
    ...repository,
    issue_number: issue,
    body,
    ...(options.once ? { request: { retries: 0 } } : {}),
  });
  return { id: data.id, url: data.html_url };
}

export async function updateIssueComment(
  client: GitHubClient,
  repository: Repository,
  id: number,
  body: string,
): Promise<{ id: number; url: string }> {
  const { data } = await client.rest.issues.updateComment({ ...repository, comment_id: id, body });
  return { id: data.id, url: data.html_url };
}

export async function deleteIssueComment(
  client: GitHubClient,
  repository: Repository,
  id: number,
): Promise<void> {
  await client.rest.issues.deleteComment({ ...repository, comment_id: id });
}

/** One comment, by its ID (the post step reads the review it must finish). */
export async function getIssueComment(
  client: GitHubClient,
  repository: Repository,
  id: number,
): Promise<IssueComment> {
  const { data } = await client.rest.issues.getComment({ ...repository, comment_id: id });
  return commentOf(data);
}
