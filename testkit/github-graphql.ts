// GitHub's GraphQL API, the part the action uses (who the token is; a comment's author and edit history), for
// github-server.ts. Every query is parsed and validated against GitHub's published schema (@octokit/graphql-schema)
// and executed by graphql-js over the fake's store, so a field the real API lacks, a wrong argument or a wrong type
// fails the test as GitHub would answer it, and the answer has exactly the shape the schema gives.
//
// The model of edits comes from GitHub's GraphQL reference: `IssueComment.lastEditedAt` and `editor` name the last
// edit; `userContentEdits` lists every edit with its `editor` and `editedAt` (newest first, as GitHub lists them);
// the comment's `author` never changes. An edit through REST (PATCH .../issues/comments/{id}) is an edit by the
// token's identity; a person's edit in the web UI is `editComment` on the server.
//
// Logins, as GitHub spells them (seen in public reports of the live API, e.g. dependabot/dependabot-core#9656 and
// fullsend-ai/fullsend#1953): a `Bot` actor's `login` has no "[bot]" suffix in GraphQL ("github-actions"), while
// REST says "github-actions[bot]"; `viewer` with an app's installation token is a User named "<app>[bot]".

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildSchema, graphql, parse, validate, type GraphQLSchema } from 'graphql';
import type { Login, Reply } from './github-repo.js';

export interface CommentEdit {
  readonly editor: Login | null;
  readonly editedAt: string;
}

export interface GraphQLComment {
  readonly id: number;
  readonly author: Login | null;
  readonly createdAt: string;
  /** oldest first */
  readonly edits: readonly CommentEdit[];
}

export interface GraphQLStore {
  readonly viewer: Login;
  /** the comment a REST node_id names */
  comment(nodeId: string): GraphQLComment | undefined;
}

let schema: Promise<GraphQLSchema> | undefined;

function loadSchema(): Promise<GraphQLSchema> {
  schema ??= (async () => {
    const path = join(
      import.meta.dirname,
      '..',
      'node_modules',
      '@octokit',
      'graphql-schema',
      'schema.graphql',
    );
    // The published SDL repeats two enterprise fields; graphql-js would refuse the whole schema for it.
    return buildSchema(await readFile(path, 'utf8'), { assumeValidSDL: true });
  })();
  return schema;
}

const actor = (login: Login | null) =>
  login
    ? login.type === 'Bot'
      ? { __typename: 'Bot', login: login.login.replace(/\[bot\]$/, '') }
      : { __typename: 'User', login: login.login }
    : null;

function connection<T>(items: readonly T[], args: { first?: number; after?: string }) {
  const start = args.after ? Number(Buffer.from(args.after, 'base64').toString('utf8')) + 1 : 0;
  const first = Math.min(args.first ?? 100, 100);
  const page = items.slice(start, start + first);
  const end = start + page.length - 1;
  return {
    totalCount: items.length,
    nodes: page,
    pageInfo: {
      hasNextPage: end + 1 < items.length,
      endCursor: page.length ? Buffer.from(String(end)).toString('base64') : null,
    },
  };
}

function commentNode(comment: GraphQLComment, nodeId: string) {
  const newestFirst = [...comment.edits].reverse();
  const last = newestFirst[0];
  return {
    __typename: 'IssueComment',
    id: nodeId,
    databaseId: comment.id,
    author: actor(comment.author),
    createdAt: comment.createdAt,
    lastEditedAt: last?.editedAt ?? null,
    editor: last ? actor(last.editor) : null,
    userContentEdits: (args: { first?: number; after?: string }) =>
      connection(
        newestFirst.map((e) => ({
          __typename: 'UserContentEdit',
          editedAt: e.editedAt,
          editor: actor(e.editor),
        })),
        args,
      ),
  };
}

/** Answers POST /graphql; `violations` gets every query GitHub's schema would refuse. */
export async function answerGraphQL(
  store: GraphQLStore,
  rawBody: string,
  violations: string[],
): Promise<Reply> {
  const built = await loadSchema();
  let request: { query?: unknown; variables?: unknown };
  try {
    request = JSON.parse(rawBody) as typeof request;
  } catch {
    return { status: 400, body: { message: 'Problems parsing JSON' } };
  }
  const source = typeof request.query === 'string' ? request.query : '';
  let problems: readonly { message: string }[];
  try {
    problems = validate(built, parse(source));
  } catch (e) {
    problems = [{ message: String(e) }];
  }
  if (problems.length > 0) {
    violations.push(`GraphQL query GitHub's schema refuses: ${problems.map((p) => p.message).join('; ')}`);
    return { status: 200, body: { errors: problems.map((p) => ({ message: p.message })) } };
  }
  const rootValue = {
    viewer: { __typename: 'User', login: store.viewer.login },
    node: ({ id }: { id: string }) => {
      const comment = store.comment(id);
      return comment ? commentNode(comment, id) : null;
    },
  };
  const result = await graphql({
    schema: built,
    source,
    rootValue,
    variableValues: (request.variables ?? {}) as Record<string, unknown>,
  });
  if (result.errors?.length) {
    violations.push(`GraphQL execution failed: ${result.errors.map((e) => e.message).join('; ')}`);
  }
  return { status: 200, body: result };
}
