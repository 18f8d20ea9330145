// Findings as workflow annotations on the .tf line that declares each object: on pull requests only, the most severe
// first, within GitHub's 10 per level and step, paths relative to the repository root. In process, as the runner
// runs the step, with the GitHub stand-in taking the review comment.

import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { annotateFindings, ANNOTATIONS_PER_LEVEL } from '../../src/render/annotations.js';
import type { Finding } from '../../src/review/findings.js';
import type { Annotation, AnnotationLevel } from '../../src/runtime.js';
import { startGitHubServer, type GitHubServer } from '../../testkit/github-server.js';
import { runInProcess } from '../../testkit/in-process.js';
import { eventEnv, GITHUB_TOKEN, OWNER, REPO } from '../../testkit/workflow.js';

jest.setTimeout(60_000);

const EXAMPLE = readFileSync('examples/plans/pull-request.json');
// The example plan's group role, declared on line 4 of roles.tf in orgs/acme.
const ORG = {
  'orgs/acme/main.tf': 'resource "okta_group" "engineering" {\n  name = "Engineering"\n}\n',
  'orgs/acme/roles.tf':
    '# Admin roles\n\n\nresource "okta_group_role" "it_admins_user_admin" {\n  role_type = "USER_ADMIN"\n}\n',
};

const finding = (address: string, severity: Finding['severity']): Finding => ({
  rule: 'admin-granted',
  severity,
  address,
  message: `${address} is risky.`,
  evidence: [],
});

function recorder() {
  const made: { level: AnnotationLevel; message: string; where: Annotation }[] = [];
  return {
    made,
    annotate: (level: AnnotationLevel, message: string, where: Annotation) =>
      made.push({ level, message, where }),
  };
}

describe('annotating findings', () => {
  const declarations = new Map([
    ['okta_group.eng', { file: 'groups.tf', line: 3 }],
    ['module.apps', { file: 'main.tf', line: 12 }],
  ]);
  const where = { directory: '/repo/orgs/acme', repository: '/repo' };

  it('puts each finding on the line that declares its object or its module call', () => {
    const runtime = recorder();
    const made = annotateFindings(
      [
        finding('okta_group.eng["x"]', 'critical'),
        finding('module.apps.okta_app_oauth.a', 'medium'),
        finding('okta_user.nowhere', 'low'),
      ],
      { declarations },
      where,
      runtime,
    );
    expect(made).toBe(2);
    expect(runtime.made.map((a) => [a.level, a.where.file, a.where.line, a.where.title])).toEqual([
      ['error', 'orgs/acme/groups.tf', 3, 'Okta review: critical, admin-granted'],
      ['warning', 'orgs/acme/main.tf', 12, 'Okta review: medium, admin-granted'],
    ]);
  });

  it("keeps within GitHub's 10 annotations per level, the most severe first", () => {
    const runtime = recorder();
    const many = [
      ...Array.from({ length: 12 }, () => finding('okta_group.eng', 'critical')),
      ...Array.from({ length: 3 }, () => finding('okta_group.eng', 'medium')),
    ];
    expect(annotateFindings(many, { declarations }, where, runtime)).toBe(ANNOTATIONS_PER_LEVEL + 3);
    expect(runtime.made.filter((a) => a.level === 'error')).toHaveLength(ANNOTATIONS_PER_LEVEL);
  });
});

describe('annotations in a run', () => {
  let github: GitHubServer | undefined;
  afterEach(async () => {
    expect(github?.violations ?? []).toEqual([]);
    await github?.close();
    github = undefined;
  });

  it('annotates the .tf line on a pull request', async () => {
    github = await startGitHubServer({ owner: OWNER, repo: REPO, token: GITHUB_TOKEN });
    const payload = { number: 9, pull_request: { number: 9, head: { sha: 'abc123' } } };
    const run = await runInProcess(
      { 'plan-json': '../../plan.json', 'working-directory': 'orgs/acme', 'github-token': GITHUB_TOKEN },
      { files: { ...ORG, 'plan.json': EXAMPLE }, env: eventEnv(github, 'pull_request', payload) },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '::error title=Okta review: critical, admin-granted,file=orgs/acme/roles.tf,line=4::Every member of the group becomes USER_ADMIN. (okta_group_role.it_admins_user_admin)',
    );
  });

  it('does not annotate outside a pull request', async () => {
    const run = await runInProcess(
      { 'plan-json': '../../plan.json', 'working-directory': 'orgs/acme' },
      { files: { ...ORG, 'plan.json': EXAMPLE } },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('::error title=Okta review');
  });
});
