// Drives the real client the action uses (@actions/github with plugin-retry and plugin-throttling) against the
// stand-in GitHub API, in this process: every call below is async, since the server answers from this event loop.

import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { loadOpenApi } from '../../testkit/github-openapi.js';
import {
  startGitHubServer,
  type GitHubServer,
  type GitHubServerOptions,
} from '../../testkit/github-server.js';
import { fastClient, REPO, TOKEN } from '../../testkit/github-client.js';
import { commentHistory, viewerLogin } from '../../src/github/identity.js';

let server: GitHubServer;

async function start(options: Partial<GitHubServerOptions> = {}): Promise<GitHubServer> {
  server = await startGitHubServer({ ...REPO, token: TOKEN, ...options });
  return server;
}

function client(token = TOKEN) {
  return fastClient(server.url, token);
}

/** The seconds of each secondary rate limit the client waited out, from the warnings it logs. */
function secondaryLimits(octokit: ReturnType<typeof client>): number[] {
  return [...octokit.log.stdout().matchAll(/secondary rate limit on .*: retrying in (\d+) s/g)].map((m) =>
    Number(m[1]),
  );
}

interface HttpError {
  name: string;
  status: number;
  message: string;
  response?: { data: unknown };
}

async function rejection(request: Promise<unknown>): Promise<HttpError> {
  try {
    await request;
  } catch (error) {
    return error as HttpError;
  }
  throw new Error('expected the request to fail');
}

const statuses = (method: string, path: RegExp) =>
  server.requests.filter((r) => r.method === method && path.test(r.path)).map((r) => r.status);

beforeAll(async () => {
  await loadOpenApi();
});

afterEach(async () => {
  await server.close();
});

describe('happy path, no violations', () => {
  it('creates, lists, reads and updates comments as the token identity', async () => {
    await start();
    const seeded = server.addComment(7, 'from a human');
    const octokit = client();
    const created = await octokit.rest.issues.createComment({
      ...REPO,
      issue_number: 7,
      body: 'plan: 2 to add',
    });
    expect(created.status).toBe(201);
    expect(created.data.user).toMatchObject({ login: 'github-actions[bot]', type: 'Bot' });
    expect(created.headers.location).toBe(created.data.url);

    const listed = await octokit.rest.issues.listComments({ ...REPO, issue_number: 7 });
    expect(listed.data.map((c) => c.id)).toEqual([seeded.id, created.data.id]);
    expect(listed.headers.link).toBeUndefined();

    const updated = await octokit.rest.issues.updateComment({
      ...REPO,
      comment_id: created.data.id,
      body: 'v2',
    });
    expect(updated.data.body).toBe('v2');
    const read = await octokit.rest.issues.getComment({ ...REPO, comment_id: created.data.id });
    expect(read.data.body).toBe('v2');
    expect(server.comments(7).map((c) => [c.body, c.user.login])).toEqual([
      ['from a human', 'octocat'],
      ['v2', 'github-actions[bot]'],
    ]);

    const missing = await rejection(octokit.rest.issues.updateComment({ ...REPO, comment_id: 1, body: 'x' }));
    expect(missing.status).toBe(404);
    expect(server.violations).toEqual([]);
  });

  it('paginates with GitHub Link headers that Octokit follows', async () => {
    await start();
    for (let i = 1; i <= 250; i++) server.addComment(3, `seeded ${i}`);
    const octokit = client();
    await octokit.rest.issues.createComment({ ...REPO, issue_number: 3, body: 'newest' });

    const first = await octokit.rest.issues.listComments({ ...REPO, issue_number: 3, per_page: 100 });
    const page = (n: number) =>
      `${server.url}/repos/acme/okta-config/issues/3/comments?per_page=100&page=${n}`;
    expect(first.headers.link).toBe(`<${page(2)}>; rel="next", <${page(3)}>; rel="last"`);

    const all = await octokit.paginate(octokit.rest.issues.listComments, {
      ...REPO,
      issue_number: 3,
      per_page: 100,
    });
    expect(all).toHaveLength(251);
    expect(all[0]?.body).toBe('seeded 1');
    expect(all[250]?.body).toBe('newest');
    const pages = server.requests.filter((r) => r.method === 'GET').map((r) => r.query);
    expect(pages.slice(1)).toEqual(['per_page=100', 'per_page=100&page=2', 'per_page=100&page=3']);

    // 30 a page unless asked: nine pages, the last one short, then nothing.
    const ninth = await octokit.rest.issues.listComments({ ...REPO, issue_number: 3, page: 9 });
    expect(ninth.data).toHaveLength(11);
    const after = `${server.url}/repos/acme/okta-config/issues/3/comments?page=`;
    expect(ninth.headers.link).toBe(`<${after}8>; rel="prev", <${after}1>; rel="first"`);
    expect((await octokit.rest.issues.listComments({ ...REPO, issue_number: 3, page: 10 })).data).toEqual([]);
    expect(server.violations).toEqual([]);
  });

  it('adds, creates, renames and removes labels', async () => {
    await start();
    const octokit = client();
    await octokit.rest.issues.createLabel({
      ...REPO,
      name: 'okta: drift',
      color: 'd93f0b',
      description: 'Drift',
    });
    const added = await octokit.rest.issues.addLabels({
      ...REPO,
      issue_number: 5,
      labels: ['okta: drift', 'plan ok'],
    });
    expect(added.data.map((l) => l.name)).toEqual(['okta: drift', 'plan ok']);
    expect(server.repoLabels()).toEqual([
      { name: 'okta: drift', color: 'd93f0b', description: 'Drift' },
      { name: 'plan ok', color: 'ededed', description: null },
    ]);

    const exists = await rejection(octokit.rest.issues.createLabel({ ...REPO, name: 'Plan OK' }));
    expect(exists.status).toBe(422);
    expect(exists.response?.data).toMatchObject({ errors: [{ resource: 'Label', code: 'already_exists' }] });

    const label = await octokit.rest.issues.getLabel({ ...REPO, name: 'okta: drift' });
    expect(label.data.color).toBe('d93f0b');
    await octokit.rest.issues.updateLabel({
      ...REPO,
      name: 'plan ok',
      new_name: 'plan: ok',
      color: '0e8a16',
    });
    const left = await octokit.rest.issues.removeLabel({ ...REPO, issue_number: 5, name: 'okta: drift' });
    expect(left.data.map((l) => l.name)).toEqual(['plan: ok']);
    expect(server.labels(5)).toEqual(['plan: ok']);
    expect((await octokit.rest.issues.listLabelsOnIssue({ ...REPO, issue_number: 5 })).data).toHaveLength(1);

    const gone = await rejection(
      octokit.rest.issues.removeLabel({ ...REPO, issue_number: 5, name: 'okta: drift' }),
    );
    expect([gone.status, gone.message]).toEqual([404, expect.stringMatching(/^Label does not exist/)]);
    expect((await rejection(octokit.rest.issues.getLabel({ ...REPO, name: 'nope' }))).status).toBe(404);
    expect(server.requests.some((r) => r.path.endsWith('/labels/okta%3A%20drift'))).toBe(true);
    expect(server.violations).toEqual([]);
  });

  it('answers GET /user for a user token and lists seeded pulls of a commit', async () => {
    await start({ identity: { kind: 'user', login: 'okta-admin' } });
    const octokit = client();
    expect((await octokit.rest.users.getAuthenticated()).data).toMatchObject({
      login: 'okta-admin',
      type: 'User',
    });
    const created = await octokit.rest.issues.createComment({ ...REPO, issue_number: 1, body: 'hi' });
    expect(created.data.user).toMatchObject({ login: 'okta-admin', type: 'User' });

    server.setPullsForCommit('abc123', [12]);
    const pulls = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
      ...REPO,
      commit_sha: 'abc123',
    });
    // Merged as abc123 from its head commit, which is another one.
    expect(pulls.data.map((p) => [p.number, p.head.sha, p.state, p.merge_commit_sha])).toEqual([
      [12, server.runs.pullHead(12), 'closed', 'abc123'],
    ]);
    expect(server.runs.pullHead(12)).toMatch(/^[0-9a-f]{40}$/);
    const none = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
      ...REPO,
      commit_sha: 'def',
    });
    expect(none.data).toEqual([]);
    expect(server.violations).toEqual([]);
  });

  it('answers a recorded workflow run as GitHub records it (event, head commit, repositories), else 404', async () => {
    await start();
    const octokit = client();
    server.runs.recordRun({
      id: 77,
      event: 'pull_request',
      headSha: 'c'.repeat(40),
      headBranch: 'feature-3',
    });
    const { data } = await octokit.rest.actions.getWorkflowRun({ ...REPO, run_id: 77 });
    expect([data.id, data.event, data.head_sha, data.head_branch]).toEqual([
      77,
      'pull_request',
      'c'.repeat(40),
      'feature-3',
    ]);
    expect(data.head_repository.full_name).toBe(`${REPO.owner}/${REPO.repo}`);
    // A re-run keeps its ID; what it records again replaces what was there.
    server.runs.recordRun({ id: 77, event: 'pull_request', headSha: 'd'.repeat(40) });
    const again = await octokit.rest.actions.getWorkflowRun({ ...REPO, run_id: 77 });
    expect(again.data.head_sha).toBe('d'.repeat(40));
    await expect(octokit.rest.actions.getWorkflowRun({ ...REPO, run_id: 78 })).rejects.toMatchObject({
      status: 404,
    });
    expect(server.violations).toEqual([]);
  });
});

describe('failures the action must handle', () => {
  it('gives an app token 403 on GET /user and a read-only token 403 on writes', async () => {
    await start();
    const octokit = client();
    const user = await rejection(octokit.rest.users.getAuthenticated());
    expect([user.name, user.status]).toEqual(['HttpError', 403]);
    expect(user.message).toBe(
      'Resource not accessible by integration - https://docs.github.com/rest/users/users#get-the-authenticated-user',
    );

    server.readOnly = true;
    const write = await rejection(octokit.rest.issues.createComment({ ...REPO, issue_number: 2, body: 'x' }));
    expect([write.name, write.status]).toEqual(['HttpError', 403]);
    expect(write.response?.data).toMatchObject({ message: 'Resource not accessible by integration' });
    expect(statuses('POST', /comments$/)).toEqual([403]); // neither plugin retries it
    expect((await octokit.rest.issues.listComments({ ...REPO, issue_number: 2 })).status).toBe(200);
    expect(server.violations).toEqual([]);
  });

  it('lets plugin-retry get past two 502s', async () => {
    await start();
    server.failNext('POST', /\/issues\/4\/comments$/, 502, 2);
    const started = Date.now();
    const created = await client().rest.issues.createComment({
      ...REPO,
      issue_number: 4,
      body: 'third time',
    });
    expect(created.status).toBe(201);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(statuses('POST', /comments$/)).toEqual([502, 502, 201]);
    expect(server.comments(4)).toHaveLength(1);
    expect(server.violations).toEqual([]);
  });

  it('lets plugin-throttling wait out a secondary rate limit', async () => {
    await start();
    const message =
      'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';
    server.failNext('POST', /comments$/, 403, 1, { message }, { 'retry-after': '2' });
    const octokit = client();
    await octokit.rest.issues.createComment({ ...REPO, issue_number: 4, body: 'after the limit' });
    expect(secondaryLimits(octokit)).toEqual([2]);
    expect(statuses('POST', /comments$/)).toEqual([403, 201]);
    expect(server.violations).toEqual([]);
  });

  it('refuses a wrong token', async () => {
    await start();
    const error = await rejection(client('ghs_other').rest.issues.listComments({ ...REPO, issue_number: 1 }));
    expect([error.status, error.message]).toEqual([401, expect.stringMatching(/^Bad credentials/)]);
  });
});

describe('violations', () => {
  it('records a body the operation does not take', async () => {
    await start();
    const route: string = 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments';
    const error = await rejection(client().request(route, { ...REPO, issue_number: 1, bodyy: 'x' }));
    expect(error.status).toBe(422);
    expect(server.violations).toEqual([
      `POST /repos/acme/okta-config/issues/1/comments (issues/create-comment): body must have required property 'body'; body has unknown field "bodyy"`,
    ]);
    expect(server.comments(1)).toEqual([]);
  });

  it('checks answers against the documented schema too, forced ones included', async () => {
    await start();
    server.failNext('POST', /\/labels$/, 422, 1, { message: 'Validation Failed' });
    await rejection(client().rest.issues.createLabel({ ...REPO, name: 'x' }));
    expect(server.violations).toEqual([
      `answer to POST /repos/acme/okta-config/labels (issues/create-label): 422 answer must have required property 'documentation_url'`,
    ]);
  });

  it('records parameters of the wrong type or name', async () => {
    await start();
    const route: string = 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments';
    await rejection(client().request(route, { ...REPO, issue_number: 'seven', perpage: 100 }));
    expect(server.violations).toHaveLength(1);
    expect(server.violations[0]).toBe(
      'GET /repos/acme/okta-config/issues/seven/comments (issues/list-comments): ' +
        'parameters must NOT have additional properties "perpage"; parameters/issue_number must be integer',
    );
  });

  it('records a path that is not in GitHub’s API, and a real operation the fake lacks', async () => {
    await start();
    const octokit = client();
    const fake = await rejection(octokit.request('GET /repos/{owner}/{repo}/sticky-comments', REPO));
    expect(fake.status).toBe(404);
    expect(server.violations).toEqual([
      `GET /repos/acme/okta-config/sticky-comments: not an operation in GitHub's REST API`,
    ]);

    const missing = await rejection(
      octokit.rest.issues.lock({ ...REPO, issue_number: 1, request: { retries: 0 } }),
    );
    expect(missing.status).toBe(501);
    expect(server.violations[1]).toBe('not implemented by the fake: issues/lock');
    expect(server.requests.at(-1)).toMatchObject({ method: 'PUT', status: 501, operationId: 'issues/lock' });
  });
});

describe('GraphQL (checked against GitHub’s published schema)', () => {
  it('answers viewer as the token’s identity, and a comment’s every editor over pages', async () => {
    await start();
    const octokit = client();
    expect(await viewerLogin(octokit)).toBe('github-actions[bot]');
    const created = await octokit.rest.issues.createComment({ ...REPO, issue_number: 5, body: 'v0' });
    for (let i = 1; i <= 120; i++)
      server.editComment(created.data.id, `v${i}`, { login: 'github-actions[bot]', type: 'Bot' });
    server.editComment(created.data.id, 'forged', { login: 'mallory', type: 'User' });
    // GraphQL spells a Bot without REST's "[bot]"; commentHistory gives the REST spelling back.
    const raw = await octokit.graphql<{ node: { author: { login: string } } }>(
      'query($id: ID!) { node(id: $id) { ... on IssueComment { author { login } } } }',
      { id: created.data.node_id },
    );
    expect(raw.node.author.login).toBe('github-actions');
    const history = await commentHistory(octokit, created.data.node_id);
    expect(history.author).toBe('github-actions[bot]');
    expect([...history.editors].sort()).toEqual(['github-actions[bot]', 'mallory']);
    const pages = server.requests.filter((r) => r.path === '/graphql');
    expect(pages).toHaveLength(4); // viewer, the raw query, then two pages of edits
    expect(server.violations).toEqual([]);
  });

  it('refuses a field GitHub’s schema lacks, as GitHub does', async () => {
    await start();
    await rejection(client().graphql('query { viewer { login isSiteAdministrator } }'));
    expect(server.violations).toEqual([expect.stringContaining('Cannot query field "isSiteAdministrator"')]);
  });
});
