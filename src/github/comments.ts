// The sticky review comment: one per (directory, workspace, label) on a pull request, found by its hidden marker
// and by its author over every page of comments, then updated in place.

import { parseMarker, sameTarget, type ReviewMarker } from '../render/marker.js';
import { httpStatus, type GitHubClient } from './octokit.js';

export interface Repository {
  readonly owner: string;
  readonly repo: string;
}

export interface PostedComment {
  readonly id: number;
  readonly url: string;
  readonly created: boolean;
}

/**
 * Who the action writes as. A user token can say (GET /user); GITHUB_TOKEN and app tokens can't (403), and then
 * any bot's comment counts: a person can't post as a bot, so a marker pasted by a PR author never matches.
 */
async function ownLogin(client: GitHubClient): Promise<string | undefined> {
  try {
    return (await client.rest.users.getAuthenticated()).data.login;
  } catch (e) {
    if (httpStatus(e) === 403 || httpStatus(e) === 401) return undefined;
    throw e;
  }
}

interface CommentAuthor {
  readonly login?: string;
  readonly type?: string;
}

function writtenByUs(user: CommentAuthor | null | undefined, login: string | undefined): boolean {
  if (!user) return false;
  return login ? user.login === login : user.type === 'Bot';
}

export interface FoundComment {
  readonly id: number;
  readonly url: string;
  readonly body: string;
  readonly marker: ReviewMarker;
}

/** The newest comment of ours whose marker names the same directory, workspace and label. */
export async function findReviewComment(
  client: GitHubClient,
  repository: Repository,
  issue: number,
  target: ReviewMarker,
): Promise<FoundComment | undefined> {
  const login = await ownLogin(client);
  let found: FoundComment | undefined;
  for await (const page of client.paginate.iterator(client.rest.issues.listComments, {
    ...repository,
    issue_number: issue,
    per_page: 100,
  })) {
    for (const comment of page.data) {
      const marker = parseMarker(comment.body ?? '');
      if (marker && sameTarget(marker, target) && writtenByUs(comment.user, login)) {
        found = { id: comment.id, url: comment.html_url, body: comment.body ?? '', marker };
      }
    }
  }
  return found;
}

/** Updates our comment for this target, or creates it when `create` allows. */
export async function upsertReviewComment(
  client: GitHubClient,
  repository: Repository,
  issue: number,
  target: ReviewMarker,
  body: string,
  create: boolean,
): Promise<PostedComment | undefined> {
  const existing = await findReviewComment(client, repository, issue, target);
  if (existing) {
    const { data } = await client.rest.issues.updateComment({ ...repository, comment_id: existing.id, body });
    return { id: data.id, url: data.html_url, created: false };
  }
  if (!create) return undefined;
  const { data } = await client.rest.issues.createComment({ ...repository, issue_number: issue, body });
  return { id: data.id, url: data.html_url, created: true };
}

export async function updateComment(
  client: GitHubClient,
  repository: Repository,
  id: number,
  body: string,
): Promise<void> {
  await client.rest.issues.updateComment({ ...repository, comment_id: id, body });
}
