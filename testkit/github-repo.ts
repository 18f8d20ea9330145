// The in-memory repository behind github-server.ts: issue comments (with their edit history, for GraphQL) and the
// pulls of a commit, and the operations on them, answering with the shapes GitHub's REST API uses; issues and the
// files of a pull request are in github-issues.ts, labels in github-labels.ts, who did what on a pull request in
// github-pull-reviews.ts. The server decides whether a request gets here at all (shape, credentials, forced
// failures).

import type { CommentEdit, GraphQLStore } from './github-graphql.js';
import { createGit, type FakeGit } from './github-git.js';
import { createIssues, field, merge, type FakeIssue } from './github-issues.js';
import { createLabels } from './github-labels.js';
import { createApprovals, type FakeApprovals } from './github-approvals.js';
import { createPullActivity, type PullActivity } from './github-pull-reviews.js';
import { pageOf } from './github-pages.js';
import { createRuns, type FakeRuns } from './github-runs.js';
import type { FakeComment } from './github-server.js';

export type Login = { login: string; type: 'User' | 'Bot' };

export interface Call {
  operationId: string;
  /** path and query parameters, already coerced to their documented types */
  params: Record<string, unknown>;
  body: unknown;
  query: URLSearchParams;
  /** percent-encoded, as requested */
  path: string;
  docs: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeRepo {
  /** undefined when the fake does not implement the operation */
  serve(call: Call): Reply | undefined;
  comments(issue: number): FakeComment[];
  addComment(issue: number, body: string, user: Login): FakeComment;
  labels(issue: number): string[];
  repoLabels(): Array<{ name: string; color: string; description: string | null }>;
  setPullsForCommit(sha: string, pulls: number[]): void;
  issues(): FakeIssue[];
  setPullFiles(pull: number, files: string[]): void;
  /** an edit in the web UI by `editor` (anyone with write access may edit any comment); GraphQL shows it */
  editComment(id: number, body: string, editor: Login): void;
  /** a label added in the web UI by `actor`: on the issue, and a `labeled` event in its events */
  addLabel(issue: number, name: string, actor: Login): void;
  /** permission levels, pull request authors, commits and reviews (github-pull-reviews.ts) */
  readonly activity: Omit<PullActivity, 'handlers' | 'labelEvent'>;
  readonly graphql: GraphQLStore;
  /** commits, trees and branches, and the pull requests opened through the API (github-git.ts) */
  readonly git: FakeGit;
  /** workflow runs as GitHub records them, and the head commit of each pull request (github-runs.ts) */
  readonly runs: Omit<FakeRuns, 'handlers'>;
  /** teams, profiles, commit statuses, requested reviewers (github-approvals.ts) */
  readonly approvals: Omit<FakeApprovals, 'handlers'>;
}

interface RepoOptions {
  owner: string;
  repo: string;
  identity: { kind: 'user' | 'app'; login: string };
  /** the server's origin, known only once it listens */
  origin: () => string;
  /** a pull request, and an issue, with every field GitHub documents as required */
  samplePull: () => unknown;
  sampleIssue: () => unknown;
  /** one element of the documented answer of an operation */
  /** GitHub's documented example answer (status 200 unless given) */
  sample: (method: string, template: string, status?: number) => Record<string, unknown>;
}

interface StoredComment extends FakeComment {
  issue: number;
  edits: CommentEdit[];
}

const ACTIONS_BOT = { login: 'github-actions[bot]', id: 41898282 };

export function errorReply(
  call: Pick<Call, 'docs'>,
  status: number,
  message: string,
  errors?: unknown[],
): Reply {
  return {
    status,
    body: { message, ...(errors && { errors }), documentation_url: call.docs, status: String(status) },
  };
}

export function createFakeRepo(options: RepoOptions): FakeRepo {
  const { owner, repo, identity, origin, samplePull } = options;
  const self: Login = { login: identity.login, type: identity.kind === 'app' ? 'Bot' : 'User' };
  const comments: StoredComment[] = [];
  const pullsByCommit = new Map<string, { pulls: number[]; mergedAt: string }>();
  const userIds = new Map<string, number>([[ACTIONS_BOT.login, ACTIONS_BOT.id]]);
  let nextId = 1_000_000_000; // far from issue numbers, so mixing the two up shows
  const repoApi = () => `${origin()}/repos/${owner}/${repo}`;
  const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

  function createComment(issue: number, body: string, user: Login): StoredComment {
    const id = nextId++;
    const html_url = `https://github.com/${owner}/${repo}/issues/${issue}#issuecomment-${id}`;
    const at = now();
    const comment = {
      id,
      issue,
      body,
      user: { ...user },
      html_url,
      created_at: at,
      updated_at: at,
      edits: [],
    };
    comments.push(comment);
    return comment;
  }

  function userJson(user: Login): Record<string, unknown> {
    let id = userIds.get(user.login);
    if (id === undefined) userIds.set(user.login, (id = 100_000 + userIds.size));
    const url = `${origin()}/users/${encodeURIComponent(user.login)}`;
    const bot = user.type === 'Bot';
    return {
      login: user.login,
      id,
      node_id: Buffer.from(`${bot ? '03:Bot' : '04:User'}${id}`).toString('base64'),
      avatar_url: `https://avatars.githubusercontent.com/${bot ? 'in/15368' : `u/${id}`}?v=4`,
      gravatar_id: '',
      url,
      html_url: `https://github.com/${bot ? `apps/${user.login.replace(/\[bot\]$/, '')}` : user.login}`,
      followers_url: `${url}/followers`,
      following_url: `${url}/following{/other_user}`,
      gists_url: `${url}/gists{/gist_id}`,
      starred_url: `${url}/starred{/owner}{/repo}`,
      subscriptions_url: `${url}/subscriptions`,
      organizations_url: `${url}/orgs`,
      repos_url: `${url}/repos`,
      events_url: `${url}/events{/privacy}`,
      received_events_url: `${url}/received_events`,
      type: user.type,
      user_view_type: 'public',
      site_admin: false,
    };
  }

  const association = (user: Login) => (user.login.toLowerCase() === owner.toLowerCase() ? 'OWNER' : 'NONE');

  const commentJson = (c: StoredComment) => ({
    id: c.id,
    node_id: `IC_kwDO${Buffer.from(String(c.id)).toString('base64url')}`,
    url: `${repoApi()}/issues/comments/${c.id}`,
    html_url: c.html_url,
    body: c.body,
    user: userJson(c.user),
    created_at: c.created_at,
    updated_at: c.updated_at,
    issue_url: `${repoApi()}/issues/${c.issue}`,
    author_association: association(c.user),
  });

  const pullJson = (number: number, sha: string, mergedAt: string) =>
    merge(samplePull(), {
      id: nextId++,
      number,
      // A pull request a pushed commit belongs to is one that was merged as that commit.
      state: 'closed',
      merged_at: mergedAt,
      merge_commit_sha: sha,
      // The pull request's label objects document description as a string (an issue's label allows null).
      labels: labels
        .labelsOn(number)
        .map((l) => ({ ...labels.labelJson(l), description: l.description ?? '' })),
      title: `Pull request #${number}`,
      url: `${repoApi()}/pulls/${number}`,
      html_url: `https://github.com/${owner}/${repo}/pull/${number}`,
      issue_url: `${repoApi()}/issues/${number}`,
      user: userJson(activity.author(number) ?? { login: owner, type: 'User' }),
      head: { sha: runs.pullHead(number), ref: `feature-${number}` },
      base: { ref: 'main', sha: runs.pullBase(number) },
    });

  /** GitHub's page-number pagination, Link URLs in GitHub's rel order (on this server, not api.github.com) */
  function paginate(call: Call, items: unknown[]): Reply {
    return { status: 200, ...pageOf(call, items, origin()) };
  }

  const labels = createLabels({
    self,
    newId: () => nextId++,
    repoApi,
    error: errorReply,
    paginate,
    // The events live with the pull request's activity, made below.
    onEvent: (issue, label, event, actor) => activity.labelEvent(issue, label, event, actor),
  });

  const issues = createIssues({
    owner,
    repo,
    self,
    repoApi,
    now,
    newId: () => nextId++,
    userJson,
    authorAssociation: association,
    error: errorReply,
    sampleIssue: (patch) => merge(options.sampleIssue(), patch),
    labelsJson: (issue) => labels.labelsOn(issue).map(labels.labelJson),
    labelNames: (issue) => labels.labelsOn(issue).map((l) => l.name),
    setLabels: labels.setLabels,
    commentCount: (issue) => comments.filter((c) => c.issue === issue).length,
    numbersInUse: () => [
      ...comments.map((c) => c.issue),
      ...labels.issuesWithLabels(),
      ...[...pullsByCommit.values()].flatMap((m) => m.pulls),
      ...git.numbers(),
    ],
    paginate,
  });

  const activity = createPullActivity({
    now,
    // Made below; asked only when a review is added.
    pullHead: (pull) => runs.pullHead(pull),
    newId: () => nextId++,
    userJson,
    repoApi,
    htmlRepo: `${owner}/${repo}`,
    sample: options.sample,
    labelColor: labels.color,
    error: errorReply,
    paginate,
  });

  const git = createGit({
    owner,
    repo,
    self,
    repoApi,
    now,
    // Pull requests and issues share one sequence of numbers.
    newNumber: () =>
      Math.max(
        99,
        ...git.numbers(),
        ...issues.issues().map((i) => i.number),
        ...comments.map((c) => c.issue),
      ) + 1,
    newId: () => nextId++,
    userJson,
    sample: options.sample,
    error: errorReply,
    paginate,
  });

  const runs = createRuns({ owner, repo, repoApi, sample: options.sample, error: errorReply });
  const approvals = createApprovals({
    now,
    newId: () => nextId++,
    userJson,
    repoApi,
    sample: options.sample,
    error: errorReply,
    git: () => git.git,
  });

  const handlers: Record<string, (call: Call, p: Record<string, unknown>) => Reply> = {
    ...issues.handlers,
    ...runs.handlers,
    ...git.handlers,
    ...activity.handlers,
    ...approvals.handlers,
    ...labels.handlers,
    'users/get-authenticated': (call) => {
      if (identity.kind === 'app') return errorReply(call, 403, 'Resource not accessible by integration');
      const profile = { name: null, company: null, blog: '', location: null, email: null, hireable: null };
      const counts = { bio: null, public_repos: 0, public_gists: 0, followers: 0, following: 0 };
      const at = { created_at: '2020-01-01T00:00:00Z', updated_at: '2020-01-01T00:00:00Z' };
      return { status: 200, body: { ...userJson(self), ...profile, ...counts, ...at } };
    },
    'issues/list-comments': (call, p) => {
      const since = p['since'] === undefined ? 0 : Date.parse(String(p['since']));
      const listed = comments.filter(
        (c) => c.issue === p['issue_number'] && Date.parse(c.updated_at) >= since,
      );
      return paginate(call, listed.map(commentJson));
    },
    'issues/create-comment': (call, p) => {
      const created = commentJson(
        createComment(Number(p['issue_number']), String(field(call.body, 'body')), self),
      );
      return { status: 201, body: created, headers: { location: created.url } };
    },
    'issues/get-comment': (call, p) => {
      const found = comments.find((c) => c.id === p['comment_id']);
      return found ? { status: 200, body: commentJson(found) } : errorReply(call, 404, 'Not Found');
    },
    'issues/update-comment': (call, p) => {
      const found = comments.find((c) => c.id === p['comment_id']);
      if (!found) return errorReply(call, 404, 'Not Found');
      Object.assign(found, { body: String(field(call.body, 'body')), updated_at: now() });
      found.edits.push({ editor: { ...self }, editedAt: found.updated_at });
      return { status: 200, body: commentJson(found) };
    },
    'issues/delete-comment': (call, p) => {
      const at = comments.findIndex((c) => c.id === p['comment_id']);
      if (at < 0) return errorReply(call, 404, 'Not Found');
      comments.splice(at, 1);
      return { status: 204 };
    },
    'repos/list-pull-requests-associated-with-commit': (call, p) => {
      const sha = String(p['commit_sha']);
      const merged = pullsByCommit.get(sha);
      return paginate(call, merged?.pulls.map((n) => pullJson(n, sha, merged.mergedAt)) ?? []);
    },
  };

  const publicComment = ({ issue: _issue, edits: _edits, ...c }: StoredComment): FakeComment => ({
    ...c,
    user: { ...c.user },
  });

  return {
    serve: (call) => handlers[call.operationId]?.(call, call.params),
    comments: (issue) => comments.filter((c) => c.issue === issue).map(publicComment),
    addComment: (issue, body, user) => publicComment(createComment(issue, body, user)),
    labels: (issue) => labels.labelsOn(issue).map((l) => l.name),
    repoLabels: labels.repoLabels,
    // The pull requests were merged as `sha` now.
    setPullsForCommit: (sha, pulls) => void pullsByCommit.set(sha, { pulls: [...pulls], mergedAt: now() }),
    issues: issues.issues,
    setPullFiles: issues.setPullFiles,
    editComment: (id, body, editor) => {
      const found = comments.find((c) => c.id === id);
      if (!found) throw new Error(`no comment ${id}`);
      Object.assign(found, { body, updated_at: now() });
      found.edits.push({ editor: { ...editor }, editedAt: found.updated_at });
    },
    addLabel: (issue, name, actor) => labels.addLabels(issue, [name], actor),
    activity,
    git: git.git,
    runs,
    approvals,
    graphql: {
      viewer: self,
      comment: (nodeId) => {
        const found = comments.find((c) => commentJson(c).node_id === nodeId);
        return found && { id: found.id, author: found.user, createdAt: found.created_at, edits: found.edits };
      },
    },
  };
}
