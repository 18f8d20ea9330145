// A stand-in for GitHub's REST API (the part the action uses: issues, their comments and labels, the pulls of a
// commit and the files of a pull request),
// keeping state in memory. Every request is checked against GitHub's OpenAPI description, and so is every
// JSON answer the fake gives, so a test fails on a call the real API would not take and the fake cannot
// drift from the real shapes.
//
// Rate limits, as @octokit/plugin-throttling sees them (it only looks at 403 and 429 answers):
// - secondary: a 403/429 whose message contains "secondary rate" and a `retry-after: <seconds>` header, e.g.
//   failNext('POST', /comments$/, 403, 1, { message: 'You have exceeded a secondary rate limit.' },
//   { 'retry-after': '1' }); it waits retry-after * throttle.retryAfterBaseValue ms when onSecondaryRateLimit
//   returns true (60 s when the header is missing).
// - primary: a 403/429 with `x-ratelimit-remaining: 0` and `x-ratelimit-reset: <epoch seconds>`.

import { randomBytes } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ArtifactService } from './artifact-service.js';
import { answerGraphQL } from './github-graphql.js';
import { loadOpenApi, type MatchedOperation } from './github-openapi.js';
import type { FakeIssue } from './github-issues.js';
import { createFakeRepo, errorReply, type Call, type FakeRepo, type Reply } from './github-repo.js';

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: 'User' | 'Bot' };
  html_url: string;
  created_at: string;
  updated_at: string;
}

export interface GitHubServerOptions {
  owner: string;
  repo: string;
  /** requests must send `authorization: token <t>` or `Bearer <t>`, else 401 */
  token: string;
  /**
   * Who the token is. GET /user answers with it for a 'user' token; an 'app' token (GITHUB_TOKEN, the default,
   * as github-actions[bot]) gets 403 "Resource not accessible by integration" there, like the real one.
   */
  identity?: { kind: 'user' | 'app'; login: string };
  /** Serves the artifact operations (artifact-service.ts); without it, they are not implemented. */
  artifacts?: Pick<ArtifactService, 'serveRest'>;
}

/** The web UI's part: edits, labels and a pull request's activity by people (docs in github-repo.ts). */
type ByPeople = Pick<FakeRepo, 'editComment' | 'addLabel' | 'activity' | 'git' | 'runs' | 'approvals'>;

export interface GitHubServer extends ByPeople {
  /** value for GITHUB_API_URL (no trailing slash) */
  readonly url: string;
  /** in creation order */
  comments(issue: number): FakeComment[];
  addComment(issue: number, body: string, user?: { login: string; type: 'User' | 'Bot' }): FakeComment;
  /** names on the issue or pull request */
  labels(issue: number): string[];
  repoLabels(): Array<{ name: string; color: string; description: string | null }>;
  /** pull requests GET /repos/{owner}/{repo}/commits/{sha}/pulls lists (none unless set) */
  setPullsForCommit(sha: string, pulls: number[]): void;
  /**
   * Issues made through the API, in creation order. Numbers are shared with pull requests, as on GitHub: the
   * first is 100, or one above the highest issue or pull request number the test has used, if that is higher.
   * `user` is the token's identity (github-actions[bot], a Bot, for an app token); `body` is '' for none.
   */
  issues(): FakeIssue[];
  /**
   * The files GET /repos/{owner}/{repo}/pulls/{pull}/files lists (none for a pull without files set):
   * repository-relative names, each "modified" with one line changed.
   */
  setPullFiles(pull: number, files: string[]): void;
  /**
   * Serve the next `times` requests matching method + path, then drop the connection without answering: GitHub
   * did the work, the client never heard (a timed-out answer).
   */
  loseAnswer(method: string, path: RegExp, times?: number): void;
  /**
   * Take the next `times` requests matching method + path (default: every one) and never answer: the connection
   * stays open, as with an API that accepts connections and hangs.
   */
  hang(method: string, path: RegExp, times?: number): void;
  /**
   * Answer the next `times` requests matching method + path (tested against the percent-encoded path without
   * query) with `status`, `body` (default {message: <reason phrase>}) and extra `headers`, instead of serving them.
   */
  failNext(
    method: string,
    path: RegExp,
    status: number,
    times?: number,
    body?: unknown,
    headers?: Record<string, string>,
  ): void;
  /** writes answer 403 "Resource not accessible by integration", like a fork pull request's read-only token */
  readOnly: boolean;
  /** every request in arrival order; path percent-encoded as sent, query without '?', operationId when real */
  readonly requests: ReadonlyArray<{
    method: string;
    path: string;
    query: string;
    status: number;
    operationId?: string;
  }>;
  /** calls GitHub would not take, and answers of the fake that GitHub's description does not allow */
  readonly violations: ReadonlyArray<string>;
  close(): Promise<void>;
}

type Request = GitHubServer['requests'][number];

const WRITES = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
const PULLS_OF_COMMIT = '/repos/{owner}/{repo}/commits/{commit_sha}/pulls';
const ISSUE = '/repos/{owner}/{repo}/issues/{issue_number}';

export async function startGitHubServer(options: GitHubServerOptions): Promise<GitHubServer> {
  const api = await loadOpenApi();
  const { owner, repo, token } = options;
  const identity = options.identity ?? { kind: 'app', login: 'github-actions[bot]' };
  const requests: Request[] = [];
  const violations: string[] = [];
  const failures: Array<{ method: string; path: RegExp; times: number; reply: Reply }> = [];
  // GITHUB_TOKEN gets 1000 requests an hour, a user token 5000.
  const rateLimit = identity.kind === 'app' ? 1000 : 5000;
  let rateRemaining = rateLimit;
  let readOnly = false;
  let origin = '';
  const fake = createFakeRepo({
    owner,
    repo,
    identity,
    origin: () => origin,
    samplePull: () => api.sampleResponseItem('GET', PULLS_OF_COMMIT, 200),
    sampleIssue: () => api.sampleResponseItem('GET', ISSUE, 200),
    sample: (method, template, status = 200) =>
      api.sampleResponseItem(method, template, status) as Record<string, unknown>,
  });
  const lost: Array<{ method: string; path: RegExp; times: number }> = [];
  const hung: Array<{ method: string; path: RegExp; times: number }> = [];

  function authorized(auth: string): boolean {
    const [, scheme, sent] = /^(\S+)\s+(.*)$/.exec(auth) ?? [];
    return /^(token|bearer)$/i.test(scheme ?? '') && sent === token;
  }

  function answer(method: string, url: URL, rawBody: string, entry: Request, auth = ''): Reply {
    const path = url.pathname;
    const matched = api.match(method, path);
    if (!matched) {
      violations.push(`${method} ${path}: not an operation in GitHub's REST API`);
      return errorReply({ docs: 'https://docs.github.com/rest' }, 404, 'Not Found');
    }
    entry.operationId = matched.operationId;
    const out = serve(method, url, rawBody, matched, auth);
    // Forced failures are checked too: a test's made-up error body should look like GitHub's.
    const problems = out.body === undefined ? [] : api.checkResponse(matched, out.status, out.body);
    if (problems.length > 0) {
      violations.push(`answer to ${method} ${path} (${matched.operationId}): ${problems.join('; ')}`);
    }
    return out;
  }

  function serve(method: string, url: URL, rawBody: string, matched: MatchedOperation, auth: string): Reply {
    const path = url.pathname;
    const check = api.checkRequest(matched, url.searchParams, rawBody);
    const docs = matched.operation.externalDocs?.url ?? 'https://docs.github.com/rest';
    const { operationId } = matched;
    const call: Call = {
      operationId,
      params: check.params,
      body: check.body,
      query: url.searchParams,
      path,
      docs,
    };
    if (check.problems.length > 0) {
      violations.push(`${method} ${path} (${operationId}): ${check.problems.join('; ')}`);
      const message = check.status === 400 ? 'Problems parsing JSON' : 'Invalid request.';
      return errorReply(call, check.status, `${message}\n\n${check.problems.join('\n')}`);
    }
    const failure = failures.find((f) => f.times > 0 && f.method === method && path.search(f.path) >= 0);
    if (failure) {
      failure.times--;
      return failure.reply;
    }
    if (!authorized(auth)) {
      return errorReply(call, 401, auth ? 'Bad credentials' : 'Requires authentication');
    }
    if (readOnly && WRITES.has(method))
      return errorReply(call, 403, 'Resource not accessible by integration');
    const p = check.params;
    const otherOwner = 'owner' in p && String(p['owner']).toLowerCase() !== owner.toLowerCase();
    if (otherOwner || ('repo' in p && String(p['repo']).toLowerCase() !== repo.toLowerCase())) {
      return errorReply(call, 404, 'Not Found');
    }
    const out = options.artifacts?.serveRest(call, origin) ?? fake.serve(call);
    if (out) return out;
    violations.push(`not implemented by the fake: ${operationId}`);
    return errorReply(call, 501, 'Not Implemented');
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', origin);
    const entry: Request = { method, path: url.pathname, query: url.search.slice(1), status: 0 };
    requests.push(entry);
    const raw = await readBody(req);
    const stuck = hung.find((h) => h.times > 0 && h.method === method && url.pathname.search(h.path) >= 0);
    if (stuck) {
      stuck.times--;
      return;
    }
    const auth = req.headers.authorization ?? '';
    // GraphQL is one endpoint outside the REST description; github-graphql.ts checks it against its schema.
    const graphql = method === 'POST' && url.pathname === '/graphql';
    const out = !graphql
      ? answer(method, url, raw, entry, auth)
      : authorized(auth)
        ? await answerGraphQL(fake.graphql, raw, violations)
        : {
            status: 401,
            body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/graphql' },
          };
    entry.status = out.status;
    const dropped = lost.find((l) => l.times > 0 && l.method === method && url.pathname.search(l.path) >= 0);
    if (dropped) {
      dropped.times--;
      entry.status = 0;
      req.socket.destroy();
      return;
    }
    // Never 0: the fake does not enforce the limit, and with 0 plugin-throttling takes any 403 for one.
    rateRemaining = Math.max(rateRemaining - 1, 1);
    const headers: Record<string, string> = {
      'x-github-media-type': 'github.v3; format=json',
      'x-github-request-id': randomBytes(8).toString('hex').toUpperCase(),
      'x-ratelimit-limit': String(rateLimit),
      'x-ratelimit-remaining': String(rateRemaining),
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-used': String(rateLimit - rateRemaining),
      'x-ratelimit-resource': 'core',
    };
    const body = out.body === undefined ? undefined : Buffer.from(JSON.stringify(out.body));
    if (body) {
      headers['content-type'] = 'application/json; charset=utf-8';
      headers['content-length'] = String(body.length);
    }
    res.writeHead(out.status, { ...headers, ...out.headers }).end(body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((cause: unknown) => {
      violations.push(`github-server failed on ${req.method} ${req.url}: ${String(cause)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ message: `github-server: ${String(cause)}` }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    requests,
    violations,
    get readOnly() {
      return readOnly;
    },
    set readOnly(value: boolean) {
      readOnly = value;
    },
    comments: (issue) => fake.comments(issue),
    addComment: (issue, body, user = { login: 'octocat', type: 'User' }) =>
      fake.addComment(issue, body, user),
    labels: (issue) => fake.labels(issue),
    repoLabels: () => fake.repoLabels(),
    setPullsForCommit: (sha, pulls) => fake.setPullsForCommit(sha, pulls),
    issues: () => fake.issues(),
    setPullFiles: (pull, files) => fake.setPullFiles(pull, files),
    editComment: (id, body, editor) => fake.editComment(id, body, editor),
    addLabel: (issue, name, actor) => fake.addLabel(issue, name, actor),
    activity: fake.activity,
    git: fake.git,
    runs: fake.runs,
    approvals: fake.approvals,
    loseAnswer: (method, path, times = 1) => void lost.push({ method: method.toUpperCase(), path, times }),
    hang: (method, path, times = Infinity) => void hung.push({ method: method.toUpperCase(), path, times }),
    failNext: (method, path, status, times = 1, body, headers) => {
      const reply = { status, body: body ?? { message: STATUS_CODES[status] ?? 'Error' }, headers };
      failures.push({ method: method.toUpperCase(), path, times, reply });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((cause) => (cause ? reject(cause) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
