// Who the token is, and who has touched a comment: the two facts the review's trust rests on. GraphQL, because
// REST can't say either: GET /user refuses GITHUB_TOKEN and app tokens, and REST shows a comment's edit only as
// `updated_at`, never who made it.

import type { GitHubClient } from './octokit.js';

const logins = new WeakMap<GitHubClient, Promise<string>>();

/**
 * The token's login: the user of a personal token, `<app>[bot]` for an app's installation token, and
 * `github-actions[bot]` for GITHUB_TOKEN. Asked once per client.
 */
export function viewerLogin(client: GitHubClient): Promise<string> {
  let login = logins.get(client);
  if (!login) {
    login = client
      .graphql<{ viewer: { login: string } }>('query { viewer { login } }')
      .then((r) => r.viewer.login);
    // A failed answer is not kept: the next caller asks again.
    login.catch(() => logins.delete(client));
    logins.set(client, login);
  }
  return login;
}

export interface CommentHistory {
  /** The comment's author; undefined for a deleted account. */
  readonly author: string | undefined;
  /** Everyone who edited it, each once, in no order, spelt as REST does; "ghost" for a deleted account. */
  readonly editors: readonly string[];
  /** When its text was last written, by GitHub's clock: its last edit, or its creation (ISO 8601). */
  readonly writtenAt: string;
}

interface GraphQLActor {
  __typename: string;
  login: string;
}

interface EditsPage {
  node: {
    author: GraphQLActor | null;
    createdAt: string;
    lastEditedAt: string | null;
    userContentEdits: {
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: Array<{ editor: GraphQLActor | null } | null> | null;
    } | null;
  } | null;
}

const HISTORY = `query($id: ID!, $after: String) {
  node(id: $id) {
    ... on IssueComment {
      author { __typename login }
      createdAt
      lastEditedAt
      userContentEdits(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { editor { __typename login } }
      }
    }
  }
}`;

/**
 * The login as REST and `viewer` spell it: GraphQL names a Bot actor without the "[bot]" that REST's `user.login`
 * and an app token's `viewer` carry ("github-actions" there, "github-actions[bot]" here).
 */
function restLogin(actor: GraphQLActor | null): string | undefined {
  if (!actor) return undefined;
  return actor.__typename === 'Bot' && !actor.login.endsWith('[bot]') ? `${actor.login}[bot]` : actor.login;
}

/** The comment's author, every editor of it (over all pages of its edit history) and when it was last written. */
export async function commentHistory(client: GitHubClient, nodeId: string): Promise<CommentHistory> {
  const editors = new Set<string>();
  let author: string | undefined;
  let writtenAt: string | undefined;
  let after: string | null = null;
  do {
    const page: EditsPage = await client.graphql<EditsPage>(HISTORY, { id: nodeId, after });
    if (!page.node) throw new Error(`comment ${nodeId} not found`);
    author = restLogin(page.node.author);
    writtenAt = page.node.lastEditedAt ?? page.node.createdAt;
    const edits = page.node.userContentEdits;
    for (const edit of edits?.nodes ?? []) editors.add(restLogin(edit?.editor ?? null) ?? 'ghost');
    after = edits?.pageInfo.hasNextPage ? edits.pageInfo.endCursor : null;
  } while (after);
  return { author, editors: [...editors], writtenAt: writtenAt ?? '' };
}
