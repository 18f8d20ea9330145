// Issues and the files of a pull request on the stand-in GitHub API, driven by the real client the action
// uses (@actions/github with plugin-retry and plugin-throttling), as in github-server.test.ts.

import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { loadOpenApi } from '../../testkit/github-openapi.js';
import {
  startGitHubServer,
  type GitHubServer,
  type GitHubServerOptions,
} from '../../testkit/github-server.js';
import { fastClient, REPO, TOKEN } from '../../testkit/github-client.js';

let server: GitHubServer;

async function start(options: Partial<GitHubServerOptions> = {}): Promise<GitHubServer> {
  server = await startGitHubServer({ ...REPO, token: TOKEN, ...options });
  return server;
}

function client() {
  return fastClient(server.url);
}

async function rejection(
  request: Promise<unknown>,
): Promise<{ status: number; response?: { data: unknown } }> {
  try {
    await request;
  } catch (error) {
    return error as { status: number; response?: { data: unknown } };
  }
  throw new Error('expected the request to fail');
}

beforeAll(async () => {
  await loadOpenApi();
});

afterEach(async () => {
  await server.close();
});

describe('issues', () => {
  it('creates an issue with a label, as the token identity, numbered above the pulls in use', async () => {
    await start();
    server.setPullsForCommit('abc123', [12]);
    const octokit = client();
    const created = await octokit.rest.issues.create({
      ...REPO,
      title: 'Okta drift',
      body: '3 changes outside Terraform',
      labels: ['okta: drift'],
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      number: 100,
      state: 'open',
      state_reason: null,
      closed_at: null,
      comments: 0,
      labels: [{ name: 'okta: drift', color: 'ededed' }],
      user: { login: 'github-actions[bot]', type: 'Bot' },
      html_url: 'https://github.com/acme/okta-config/issues/100',
    });
    expect(created.headers.location).toBe(created.data.url);
    expect(server.repoLabels()).toEqual([{ name: 'okta: drift', color: 'ededed', description: null }]);

    // Comments and labels on an issue go to the stores every issue and pull request shares.
    await octokit.rest.issues.createComment({ ...REPO, issue_number: 100, body: 'still drifting' });
    await octokit.rest.issues.addLabels({ ...REPO, issue_number: 100, labels: ['okta'] });
    const read = await octokit.rest.issues.get({ ...REPO, issue_number: 100 });
    expect(read.data.comments).toBe(1);
    expect(read.data.labels.map((l) => (typeof l === 'string' ? l : l.name))).toEqual([
      'okta: drift',
      'okta',
    ]);
    expect(server.comments(100).map((c) => c.body)).toEqual(['still drifting']);

    server.setPullFiles(140, ['main.tf']);
    const next = await octokit.rest.issues.create({ ...REPO, title: 'Second' });
    expect([next.data.number, next.data.body]).toEqual([141, null]);
    expect(server.issues()).toEqual([
      {
        number: 100,
        title: 'Okta drift',
        body: '3 changes outside Terraform',
        state: 'open',
        labels: ['okta: drift', 'okta'],
        user: { login: 'github-actions[bot]', type: 'Bot' },
      },
      {
        number: 141,
        title: 'Second',
        body: '',
        state: 'open',
        labels: [],
        user: { login: 'github-actions[bot]', type: 'Bot' },
      },
    ]);
    expect((await rejection(octokit.rest.issues.get({ ...REPO, issue_number: 12 }))).status).toBe(404);
    expect(server.violations).toEqual([]);
  });

  it('lists by state and labels (all of them, any case), newest first, in pages', async () => {
    await start({ identity: { kind: 'user', login: 'okta-admin' } });
    const octokit = client();
    for (let i = 1; i <= 45; i++) {
      const labels = [...(i % 3 === 0 ? ['okta: drift'] : []), ...(i % 5 === 0 ? ['okta'] : [])];
      const { data } = await octokit.rest.issues.create({ ...REPO, title: `issue ${i}`, labels });
      if (i % 2 === 0)
        await octokit.rest.issues.update({ ...REPO, issue_number: data.number, state: 'closed' });
    }
    const titles = (issues: Array<{ title: string }>) => issues.map((i) => Number(i.title.split(' ')[1]));

    const first = await octokit.rest.issues.listForRepo({ ...REPO, per_page: 10 });
    expect(titles(first.data)).toEqual([45, 43, 41, 39, 37, 35, 33, 31, 29, 27]);
    const page = (n: number) => `${server.url}/repos/acme/okta-config/issues?per_page=10&page=${n}`;
    expect(first.headers.link).toBe(`<${page(2)}>; rel="next", <${page(3)}>; rel="last"`);
    const open = await octokit.paginate(octokit.rest.issues.listForRepo, { ...REPO, per_page: 10 });
    expect(open).toHaveLength(23);
    expect(open.every((i) => i.state === 'open' && i.user?.login === 'okta-admin')).toBe(true);

    const drift = await octokit.paginate(octokit.rest.issues.listForRepo, {
      ...REPO,
      state: 'all',
      labels: 'OKTA: Drift',
      direction: 'asc',
      per_page: 4,
    });
    expect(titles(drift)).toEqual([3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 33, 36, 39, 42, 45]);
    const both = await octokit.rest.issues.listForRepo({
      ...REPO,
      state: 'closed',
      labels: 'okta: drift,okta',
    });
    expect(titles(both.data)).toEqual([30]);
    expect(both.headers.link).toBeUndefined();
    const none = await octokit.rest.issues.listForRepo({ ...REPO, state: 'all', labels: 'okta,unknown' });
    expect(none.data).toEqual([]);

    const mine = await octokit.rest.issues.listForRepo({ ...REPO, state: 'all', creator: 'OKTA-ADMIN' });
    expect(mine.data).toHaveLength(30);
    const others = await octokit.rest.issues.listForRepo({ ...REPO, creator: 'octocat', sort: 'updated' });
    expect(others.data).toEqual([]);
    expect(server.violations).toEqual([]);
  });

  it('updates the body, closes with a reason and reopens', async () => {
    await start();
    const octokit = client();
    const { data } = await octokit.rest.issues.create({ ...REPO, title: 'Drift', labels: ['okta: drift'] });
    const issue = { ...REPO, issue_number: data.number };

    const edited = await octokit.rest.issues.update({ ...issue, body: 'now 4 changes' });
    expect([edited.data.body, edited.data.title, edited.data.state]).toEqual([
      'now 4 changes',
      'Drift',
      'open',
    ]);

    const closed = await octokit.rest.issues.update({
      ...issue,
      state: 'closed',
      state_reason: 'not_planned',
    });
    expect(closed.data).toMatchObject({ state: 'closed', state_reason: 'not_planned' });
    expect(closed.data.closed_at).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/));
    expect(closed.data.closed_by).toMatchObject({ login: 'github-actions[bot]', type: 'Bot' });
    // state_reason counts only with a change of state.
    const again = await octokit.rest.issues.update({ ...issue, state: 'closed', state_reason: 'completed' });
    expect(again.data.state_reason).toBe('not_planned');

    const reopened = await octokit.rest.issues.update({ ...issue, state: 'open' });
    expect(reopened.data).toMatchObject({ state: 'open', state_reason: 'reopened', closed_at: null });
    expect(reopened.data.closed_by).toBeNull();
    const completed = await octokit.rest.issues.update({ ...issue, state: 'closed', labels: ['done'] });
    expect(completed.data.state_reason).toBe('completed');
    expect(server.issues()[0]).toMatchObject({ state: 'closed', labels: ['done'], body: 'now 4 changes' });
    expect(server.repoLabels().map((l) => l.name)).toEqual(['okta: drift', 'done']);

    const listed = await octokit.rest.issues.listForRepo({ ...REPO, state: 'closed' });
    expect(listed.data.map((i) => [i.number, i.state_reason, i.labels.length])).toEqual([
      [data.number, 'completed', 1],
    ]);
    expect((await octokit.rest.issues.listForRepo(REPO)).data).toEqual([]);
    expect(server.violations).toEqual([]);
  });

  it('answers 404 and 422 as GitHub does', async () => {
    await start();
    const octokit = client();
    const missing = await rejection(octokit.rest.issues.update({ ...REPO, issue_number: 7, body: 'x' }));
    expect(missing.status).toBe(404);
    const untitled = await rejection(octokit.rest.issues.create({ ...REPO, title: ' ' }));
    expect([untitled.status, untitled.response?.data]).toEqual([
      422,
      expect.objectContaining({ errors: [{ resource: 'Issue', code: 'missing_field', field: 'title' }] }),
    ]);
    const assigned = await rejection(octokit.rest.issues.create({ ...REPO, title: 't', assignees: ['x'] }));
    expect(assigned.response?.data).toMatchObject({ errors: [{ code: 'invalid', field: 'assignees' }] });
    const { data } = await octokit.rest.issues.create({ ...REPO, title: 't' });
    const odd = await rejection(
      octokit.rest.issues.update({
        ...REPO,
        issue_number: data.number,
        state: 'closed',
        state_reason: 'reopened',
      }),
    );
    expect(odd.response?.data).toMatchObject({ errors: [{ code: 'invalid', field: 'state_reason' }] });
    expect(server.issues()).toHaveLength(1);
    expect(server.violations).toEqual([]);

    const route: string = 'PATCH /repos/{owner}/{repo}/issues/{issue_number}';
    await rejection(client().request(route, { ...REPO, issue_number: data.number, state: 'shut' }));
    expect(server.violations).toEqual([
      `PATCH /repos/acme/okta-config/issues/${data.number} (issues/update): body/state must be equal to one of the allowed values`,
    ]);
  });
});

describe('files of a pull request', () => {
  it('lists 150 files over two pages', async () => {
    await start();
    const files = Array.from(
      { length: 150 },
      (_, i) => `orgs/prod/apps/app-${String(i).padStart(3, '0')}.tf`,
    );
    server.setPullFiles(12, files);
    const octokit = client();

    const first = await octokit.rest.pulls.listFiles({ ...REPO, pull_number: 12, per_page: 100 });
    expect(first.data).toHaveLength(100);
    expect(first.data[0]).toMatchObject({
      filename: 'orgs/prod/apps/app-000.tf',
      status: 'modified',
      additions: 1,
      deletions: 1,
      changes: 2,
      contents_url: expect.stringMatching(
        /\/repos\/acme\/okta-config\/contents\/orgs\/prod\/apps\/app-000\.tf\?ref=/,
      ),
    });
    const all = await octokit.paginate(octokit.rest.pulls.listFiles, {
      ...REPO,
      pull_number: 12,
      per_page: 100,
    });
    expect(all.map((f) => f.filename)).toEqual(files);
    const pages = server.requests.filter((r) => r.path.endsWith('/files')).map((r) => r.query);
    expect(pages).toEqual(['per_page=100', 'per_page=100', 'per_page=100&page=2']);

    // A pull request the test gave no files changes none.
    expect((await octokit.rest.pulls.listFiles({ ...REPO, pull_number: 13 })).data).toEqual([]);
    expect(() => server.setPullFiles(13, ['/etc/passwd'])).toThrow(/not a repository-relative path/);
    expect(server.violations).toEqual([]);
  });
});
