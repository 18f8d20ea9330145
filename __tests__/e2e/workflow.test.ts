// The top layer: the bundled action (dist/index.js) started as the runner starts it, through a whole Okta workflow on
// the example org: the pull request's plan, the merge's apply of exactly that plan (the plan file the pull request's
// run kept, apply-from: plan-file), an Admin Console edit, and the scheduled drift run. The real terraform, the
// okta/okta provider stand-in and Okta org emulator, the http state backend, the Actions artifact service and the
// OpenAPI-checked GitHub stand-in; the modes' details are tested in process (__tests__/modes).

import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { runStep, type ActionRun } from '../../testkit/action-step.mjs';
import {
  eventEnv,
  exampleRepository,
  GITHUB_TOKEN,
  httpBackend,
  STATE_PASSWORD,
  startOktaWorkflow,
} from '../../testkit/workflow.js';

jest.setTimeout(240_000);

const TOKEN = '00e2e-workflow-token-000000000000000000';
const PR = 31;
const PLAN_KEY = 'e2e-plan-encryption-key-0000000000000001';
const FILES = exampleRepository();

let workflow: Awaited<ReturnType<typeof startOktaWorkflow>>;
let runId = 9000;
const runs: ActionRun[] = [];

beforeAll(async () => {
  workflow = await startOktaWorkflow(TOKEN);
});

afterAll(async () => {
  await workflow.stop();
});

/** One job of the workflow, in a run of its own (recorded as GitHub records runs), with mode auto: the event decides. */
async function job(
  event: string,
  payload: unknown,
  env: Record<string, string> = {},
  headSha = env.GITHUB_SHA ?? 'f'.repeat(40),
): Promise<ActionRun> {
  runId++;
  workflow.github.runs.recordRun({ id: runId, event, headSha });
  const run = await runStep(
    {
      'working-directory': 'orgs/production',
      setup: 'false',
      'github-token': GITHUB_TOKEN,
      'backend-config': httpBackend(workflow.state, 'workflow'),
      'apply-from': 'plan-file',
      'plan-encryption-key': PLAN_KEY,
    },
    {
      files: FILES,
      env: {
        ...eventEnv(workflow.github, event, payload, env),
        ...workflow.artifacts.jobEnv(runId),
        GITHUB_RUN_ID: String(runId),
        OKTA_ORG_NAME: 'acme',
        OKTA_BASE_URL: 'okta.com',
        OKTA_API_TOKEN: TOKEN,
        TF_REATTACH_PROVIDERS: workflow.provider.reattach,
      },
    },
  );
  runs.push(run);
  return run;
}

const review = () =>
  workflow.github.comments(PR).find((c) => c.body.startsWith('<!-- okta-terraform-action '));

describe('a pull request, its merge, an Admin Console edit and the next scheduled run', () => {
  it('reviews, applies exactly the reviewed plan, then reports the drift in an issue', async () => {
    const head = workflow.github.runs.pullHead(PR);
    const planned = await job('pull_request', { number: PR, pull_request: { number: PR } }, {}, head);
    expect(planned.code).toBe(0);
    expect(review()?.body).toContain('### Okta plan for acme.okta.com');
    expect(review()?.body).toContain('Plan: 11 to add, 0 to change, 0 to destroy.');
    expect(workflow.github.labels(PR)).toEqual(['okta:changes']);

    workflow.github.setPullsForCommit('merge-sha', [PR]);
    const merged = await job(
      'push',
      { ref: 'refs/heads/main', repository: { default_branch: 'main' } },
      { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: 'merge-sha' },
    );
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    expect(merged.outputs.fingerprint).toBe(planned.outputs.fingerprint);
    expect(merged.stdout).toContain('Applying the reviewed plan file of run 9001');
    expect(merged.stdout).not.toContain('::group::terraform plan');
    expect(review()?.body).toContain('✅ **Applied**');
    expect(
      Object.values(workflow.emulator.state().groups)
        .map((g) => g.profile.name)
        .sort(),
    ).toEqual(['Engineering', 'Okta admins', 'Support']);

    const support = Object.values(workflow.emulator.state().groups).find((g) => g.profile.name === 'Support');
    workflow.emulator.adminEdit('PUT', `/api/v1/groups/${support?.id}`, {
      profile: { name: 'Support', description: 'Edited in the Admin Console' },
    });
    const scheduled = await job('schedule', {});
    expect(scheduled.code).toBe(0);
    expect(scheduled.outputs.drift).toBe('1');
    const issues = workflow.github.issues().filter((i) => i.labels.includes('okta-drift'));
    expect(issues.map((i) => i.title)).toEqual(['Okta drift: orgs/production']);
    expect(issues[0]?.body).toContain('Edited in the Admin Console');
    expect(workflow.github.violations).toEqual([]);
    expect(workflow.artifacts.violations).toEqual([]);
  });

  it('posted and wrote no secret it was given', () => {
    expect(runs).toHaveLength(3);
    const posted = [
      ...workflow.github.comments(PR).map((c) => c.body),
      ...workflow.github.issues().map((i) => `${i.title}\n${i.body}`),
      ...workflow.github.issues().flatMap((i) => workflow.github.comments(i.number).map((c) => c.body)),
    ];
    // The runner reads ::add-mask:: lines and never shows them: they are how secrets get masked.
    const shown = (log: string) =>
      log
        .split('\n')
        .filter((line) => !line.startsWith('::add-mask::'))
        .join('\n');
    const written = runs.flatMap((r) => [
      shown(r.stdout),
      r.stderr,
      r.stepSummary,
      ...Object.values(r.outputs),
    ]);
    for (const secret of [TOKEN, GITHUB_TOKEN, STATE_PASSWORD, PLAN_KEY]) {
      expect([...posted, ...written].filter((text) => text.includes(secret))).toEqual([]);
    }
  });
});
