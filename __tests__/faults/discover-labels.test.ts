// A root's label finds its review on merge and picks its secrets in the examples, so it must be the same on the
// pull request (only the roots it touches are listed) and on the push of its merge (all are). Two roots that share
// a last directory part are the case that used to differ. Discover mode in process, against the GitHub stand-in.

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startGitHubServer, type GitHubServer } from '../../testkit/github-server.js';
import { runInProcess } from '../../testkit/in-process.js';
import { eventEnv, GITHUB_TOKEN, OWNER, REPO } from '../../testkit/workflow.js';

const ROOT = 'terraform {\n  backend "http" {}\n}\nresource "terraform_data" "a" {}\n';
const FILES = {
  'orgs/production/main.tf': ROOT,
  'legacy/production/main.tf': ROOT,
  'orgs/preview/main.tf': ROOT,
};

let github: GitHubServer;
beforeEach(async () => {
  github = await startGitHubServer({ owner: OWNER, repo: REPO, token: GITHUB_TOKEN });
});
afterEach(async () => {
  expect(github.violations).toEqual([]);
  await github.close();
});

async function matrix(env: Record<string, string>): Promise<Array<Record<string, string>>> {
  const run = await runInProcess({ mode: 'discover', 'github-token': GITHUB_TOKEN }, { files: FILES, env });
  expect(run.code).toBe(0);
  return (JSON.parse(run.outputs.matrix ?? '{}') as { include: Array<Record<string, string>> }).include;
}

describe('discover’s labels', () => {
  it('are the same on the pull request and on the push of its merge', async () => {
    github.setPullFiles(8, ['orgs/production/groups.tf']);
    const onPullRequest = await matrix(
      eventEnv(github, 'pull_request', { number: 8, pull_request: { number: 8 } }),
    );
    const onPush = await matrix(
      eventEnv(
        github,
        'push',
        { ref: 'refs/heads/main', repository: { default_branch: 'main' } },
        { GITHUB_REF: 'refs/heads/main' },
      ),
    );
    const production = { directory: 'orgs/production', label: 'orgs-production', key: 'ORGS_PRODUCTION' };
    expect(onPullRequest).toEqual([production]);
    expect(onPush).toContainEqual(production);
    expect(onPush).toContainEqual({
      directory: 'legacy/production',
      label: 'legacy-production',
      key: 'LEGACY_PRODUCTION',
    });
    expect(onPush).toContainEqual({ directory: 'orgs/preview', label: 'preview', key: 'PREVIEW' });
  });

  it('give each org its own secret name, valid as GitHub requires (letters, digits, _)', async () => {
    const all = await matrix(eventEnv(github, 'schedule', {}));
    const keys = all.map((entry) => entry.key ?? '');
    expect(new Set(keys).size).toBe(all.length);
    for (const key of keys) expect(key).toMatch(/^[A-Z0-9_]+$/);
  });
});
