// What the in-process tests of one org's review and apply share: the harness's http state backend (one per file),
// a fresh GitHub stand-in per test (its violations fail the test), a fresh state per test, and the runs a repository
// makes: a plan on a pull request, the push of a merge commit, a workflow_dispatch.

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
  /** Makes the runs from now on a new workflow run (GITHUB_RUN_ID, its own runtime token); its ID. */
  newRun(): number;
  readonly state: StateServer;
  /** This test's state on the backend. */
  readonly stateName: string;
  /** The names of the resources in this test's state, sorted. */
  resourcesInState(): string[];
  /** A push to pull request `pr`: the plan that reviewers see. */
  pullRequestRun(
    pr: number,
    files: Record<string, string>,
    inputs?: Record<string, string>,
    runOptions?: RunOptions,
  ): Promise<InProcessRun>;
  /** The push of merge commit `sha` to main. */
  mergeRun(
    files: Record<string, string>,
    sha: string,
    inputs?: Record<string, string>,
    runOptions?: RunOptions,
  ): Promise<InProcessRun>;
  dispatchRun(files: Record<string, string>, inputs: Record<string, string>): Promise<InProcessRun>;
}

/** Registers the hooks that start and stop the stand-ins; the returned stack is valid inside each test. */
export function useOrgStack(prefix: string): OrgStack {
  let github: GitHubServer | undefined;
  let artifacts: ArtifactService | undefined;
  let runId = 4242;
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
  });
  afterEach(async () => {
    expect(github?.violations).toEqual([]);
    expect(artifacts?.violations).toEqual([]);
    await github?.close();
    await artifacts?.close();
  });

  const run = (
    inputs: Record<string, string>,
    files: Record<string, string>,
    env: Record<string, string>,
    runOptions: RunOptions = {},
  ) => {
    const job = { ...started(artifacts).jobEnv(runId), GITHUB_RUN_ID: String(runId) };
    return runInProcess(
      { ...orgInputs(started(state), stateName), ...inputs },
      { files, env: { ...env, ...job } },
      runOptions,
    );
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
    newRun: () => ++runId,
    get stateName() {
      return stateName;
    },
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
    pullRequestRun: (pr, files, inputs = {}, runOptions = {}) =>
      run(
        inputs,
        files,
        eventEnv(started(github), 'pull_request', { number: pr, pull_request: { number: pr } }),
        runOptions,
      ),
    mergeRun: (files, sha, inputs = {}, runOptions = {}) => {
      const payload = { ref: 'refs/heads/main', after: sha, repository: { default_branch: 'main' } };
      const env = { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: sha };
      return run(inputs, files, eventEnv(started(github), 'push', payload, env), runOptions);
    },
    dispatchRun: (files, inputs) =>
      run(
        inputs,
        files,
        eventEnv(
          started(github),
          'workflow_dispatch',
          { ref: 'refs/heads/main' },
          { GITHUB_REF: 'refs/heads/main' },
        ),
      ),
  };
}
