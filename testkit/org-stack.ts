// What the in-process tests of one org's review and apply share: the harness's http state backend (one per file),
// a fresh GitHub stand-in per test (its violations fail the test), a fresh state per test, and the runs a repository
// makes: a plan on a pull request, the push of a merge commit, a workflow_dispatch. Each is a workflow run of its own,
// recorded in the GitHub stand-in as GitHub records it (event, head commit); the push of a commit already pushed is a
// re-run of its run (the same run ID, the next GITHUB_RUN_ATTEMPT); the jobs of a workflow_dispatch share a run
// until newRun().

import { afterAll, afterEach, beforeAll, beforeEach, expect } from '@jest/globals';
import { startArtifactService, type ArtifactService } from './artifact-service.js';
import { startGitHubServer, type GitHubServer } from './github-server.js';
import type { RunOptions } from '../src/main.js';
import { runInProcess, type InProcessRun } from './in-process.js';
import { startStateServer, type StateServer } from './state-server.js';
import { eventEnv, GITHUB_TOKEN, OWNER, orgInputs, REPO, STATE_PASSWORD, STATE_USER } from './workflow.js';

export interface OrgStack {
  readonly github: GitHubServer;
  /** The Actions artifact storage of this test's runs (artifact-service.ts), behind github and the runtime token. */
  readonly artifacts: ArtifactService;
  /** Starts a new workflow run (GITHUB_RUN_ID, its own runtime token) for the next runs; its ID. */
  newRun(): number;
  readonly state: StateServer;
  /** This test's state on the backend. */
  readonly stateName: string;
  /** More of the runner's environment for this test's runs (a TF_VAR_* secret, say); empty at each test's start. */
  readonly env: Record<string, string>;
  /** The names of the resources in this test's state, sorted. */
  resourcesInState(): string[];
  /** A push to pull request `pr`: the plan that reviewers see, in a run of its own. */
  pullRequestRun(
    pr: number,
    files: Record<string, string>,
    inputs?: Record<string, string>,
    runOptions?: RunOptions,
  ): Promise<StackRun>;
  /** A review submitted, edited or dismissed on pull request `pr`: a pull_request_review run of its own. */
  reviewEventRun(
    pr: number,
    files: Record<string, string>,
    inputs?: Record<string, string>,
  ): Promise<StackRun>;
  /** The push of merge commit `sha` to main; again for the same `sha`, a re-run of that run. */
  mergeRun(
    files: Record<string, string>,
    sha: string,
    inputs?: Record<string, string>,
    runOptions?: RunOptions,
  ): Promise<StackRun>;
  /** A job of the current workflow_dispatch run. */
  dispatchRun(files: Record<string, string>, inputs: Record<string, string>): Promise<StackRun>;
}

export type StackRun = InProcessRun & { readonly runId: number };

/** The pull request as GitHub's pull_request and pull_request_review payloads carry it: head, base, author. */
function pullOfPayload(github: GitHubServer, pr: number) {
  const author = github.activity.author(pr)?.login ?? OWNER;
  return {
    number: pr,
    head: { sha: github.runs.pullHead(pr) },
    base: { sha: github.runs.pullBase(pr) },
    user: { login: author },
  };
}

/** Registers the hooks that start and stop the stand-ins; the returned stack is valid inside each test. */
export function useOrgStack(prefix: string): OrgStack {
  let github: GitHubServer | undefined;
  let artifacts: ArtifactService | undefined;
  let runId = 4242;
  /** Whether a run has used `runId` yet: the first run of a test is 4242. */
  let claimed = false;
  const pushRuns = new Map<string, { id: number; attempts: number }>();
  const extraEnv: Record<string, string> = {};
  let state: StateServer | undefined;
  let stateName = '';
  let counter = 0;
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the org stack is only there inside a test');
    return value;
  };

  beforeAll(async () => {
    state = await startStateServer({ username: STATE_USER, password: STATE_PASSWORD });
  });
  afterAll(async () => {
    await state?.close();
  });
  beforeEach(async () => {
    artifacts = await startArtifactService();
    github = await startGitHubServer({ owner: OWNER, repo: REPO, token: GITHUB_TOKEN, artifacts });
    stateName = `${prefix}-${++counter}`;
    runId = 4242;
    claimed = false;
    pushRuns.clear();
    for (const name of Object.keys(extraEnv)) delete extraEnv[name];
  });
  afterEach(async () => {
    expect(github?.violations).toEqual([]);
    expect(artifacts?.violations).toEqual([]);
    await github?.close();
    await artifacts?.close();
  });

  /** A run ID no run has used yet. */
  const freshRun = (): number => {
    if (claimed) runId++;
    claimed = true;
    return runId;
  };
  const run = async (
    where: { readonly id: number; readonly attempt?: number },
    inputs: Record<string, string>,
    files: Record<string, string>,
    env: Record<string, string>,
    runOptions: RunOptions = {},
  ): Promise<StackRun> => {
    const job = {
      ...started(artifacts).jobEnv(where.id),
      GITHUB_RUN_ID: String(where.id),
      GITHUB_RUN_ATTEMPT: String(where.attempt ?? 1),
    };
    const done = await runInProcess(
      { ...orgInputs(started(state), stateName), ...inputs },
      { files, env: { ...extraEnv, ...env, ...job } },
      runOptions,
    );
    return { ...done, runId: where.id };
  };

  return {
    get github() {
      return started(github);
    },
    get state() {
      return started(state);
    },
    get artifacts() {
      return started(artifacts);
    },
    newRun: () => {
      claimed = false;
      return ++runId;
    },
    get stateName() {
      return stateName;
    },
    env: extraEnv,
    resourcesInState() {
      const text = started(state).state(stateName)?.toString('utf8');
      type Resource = { name: string; instances?: unknown[] };
      const parsed = text ? (JSON.parse(text) as { resources?: Resource[] }) : {};
      // Terraform keeps a resource whose create failed before it began as an entry without instances.
      return (parsed.resources ?? [])
        .filter((r) => (r.instances ?? []).length > 0)
        .map((r) => r.name)
        .sort();
    },
    pullRequestRun: (pr, files, inputs = {}, runOptions = {}) => {
      const id = freshRun();
      const headSha = started(github).runs.pullHead(pr);
      started(github).runs.recordRun({ id, event: 'pull_request', headSha, headBranch: `feature-${pr}` });
      const payload = { number: pr, pull_request: pullOfPayload(started(github), pr) };
      return run({ id }, inputs, files, eventEnv(started(github), 'pull_request', payload), runOptions);
    },
    reviewEventRun: (pr, files, inputs = {}) => {
      const id = freshRun();
      const headSha = started(github).runs.pullHead(pr);
      started(github).runs.recordRun({
        id,
        event: 'pull_request_review',
        headSha,
        headBranch: `feature-${pr}`,
      });
      const payload = { action: 'submitted', pull_request: pullOfPayload(started(github), pr) };
      return run({ id }, inputs, files, eventEnv(started(github), 'pull_request_review', payload));
    },
    mergeRun: (files, sha, inputs = {}, runOptions = {}) => {
      const earlier = pushRuns.get(sha);
      const where = earlier
        ? { id: earlier.id, attempts: earlier.attempts + 1 }
        : { id: freshRun(), attempts: 1 };
      pushRuns.set(sha, where);
      started(github).runs.recordRun({ id: where.id, event: 'push', headSha: sha, headBranch: 'main' });
      // `before`: main as it was before the push (its policy is the merge's), when the test gave main commits.
      const before = started(github).git.branch('main');
      const payload = {
        ref: 'refs/heads/main',
        after: sha,
        ...(before ? { before } : {}),
        repository: { default_branch: 'main' },
      };
      const env = { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: sha };
      const event = eventEnv(started(github), 'push', payload, env);
      return run({ id: where.id, attempt: where.attempts }, inputs, files, event, runOptions);
    },
    dispatchRun: (files, inputs) => {
      claimed = true;
      const headSha = 'f'.repeat(40);
      started(github).runs.recordRun({ id: runId, event: 'workflow_dispatch', headSha, headBranch: 'main' });
      const env = { GITHUB_REF: 'refs/heads/main' };
      const event = eventEnv(started(github), 'workflow_dispatch', { ref: 'refs/heads/main' }, env);
      return run({ id: runId }, inputs, files, event);
    },
  };
}
