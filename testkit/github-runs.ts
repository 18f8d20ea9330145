// Workflow runs, as GitHub records them (GET /repos/{owner}/{repo}/actions/runs/{run_id}, actions/get-workflow-run),
// for github-repo.ts: which event started a run, on which head commit of which repository. A test records each run
// it makes (org-stack.ts does for its runs); GitHub writes these, no workflow can, which is why the action trusts
// them. The answer is GitHub's documented workflow-run object (a sample of its schema) with these fields set, and
// is checked against the description like every answer.

import { createHash } from 'node:crypto';
import { merge } from './github-issues.js';
import type { Call, Reply } from './github-repo.js';

export interface RecordedRun {
  readonly id: number;
  /** pull_request, push, workflow_dispatch... */
  readonly event: string;
  readonly headSha: string;
  readonly headBranch?: string;
  /** owner/repo the head commit is in: another one for a fork's pull request. */
  readonly headRepository?: string;
  /** The workflow file, as GitHub names it (.github/workflows/okta.yml). */
  readonly path?: string;
}

export interface FakeRuns {
  /** Records a run; a run recorded again (a re-run) keeps its ID and gets the new fields. */
  recordRun(run: RecordedRun): void;
  /** The head commit of pull request `number`: set, or one made up from its number. */
  pullHead(number: number): string;
  setPullHead(number: number, sha: string): void;
  /** The base commit of pull request `number` (its base branch when it was last updated): set, or made up. */
  pullBase(number: number): string;
  setPullBase(number: number, sha: string): void;
  readonly handlers: Record<string, (call: Call, p: Record<string, unknown>) => Reply>;
}

export function createRuns(options: {
  readonly owner: string;
  readonly repo: string;
  readonly repoApi: () => string;
  readonly sample: (method: string, template: string) => Record<string, unknown>;
  readonly error: (call: Call, status: number, message: string) => Reply;
}): FakeRuns {
  const runs = new Map<number, RecordedRun>();
  const heads = new Map<number, string>();
  const bases = new Map<number, string>();
  const full = `${options.owner}/${options.repo}`;

  function runJson(run: RecordedRun): unknown {
    const api = options.repoApi();
    const url = `${api}/actions/runs/${run.id}`;
    const headRepository = run.headRepository ?? full;
    return merge(options.sample('GET', '/repos/{owner}/{repo}/actions/runs/{run_id}'), {
      id: run.id,
      run_number: run.id,
      event: run.event,
      head_sha: run.headSha,
      head_branch: run.headBranch ?? null,
      path: run.path ?? '.github/workflows/okta.yml',
      status: 'in_progress',
      conclusion: null,
      url,
      html_url: `https://github.com/${full}/actions/runs/${run.id}`,
      jobs_url: `${url}/jobs`,
      logs_url: `${url}/logs`,
      artifacts_url: `${url}/artifacts`,
      cancel_url: `${url}/cancel`,
      rerun_url: `${url}/rerun`,
      pull_requests: [],
      repository: { full_name: full, name: options.repo },
      head_repository: { full_name: headRepository, name: headRepository.split('/')[1] ?? options.repo },
    });
  }

  return {
    recordRun: (run) => void runs.set(run.id, { ...runs.get(run.id), ...run }),
    pullHead: (number) => heads.get(number) ?? createHash('sha1').update(`pull-${number}-head`).digest('hex'),
    setPullHead: (number, sha) => void heads.set(number, sha),
    pullBase: (number) => bases.get(number) ?? createHash('sha1').update(`pull-${number}-base`).digest('hex'),
    setPullBase: (number, sha) => void bases.set(number, sha),
    handlers: {
      'actions/get-workflow-run': (call, p) => {
        const run = runs.get(Number(p['run_id']));
        return run ? { status: 200, body: runJson(run) } : options.error(call, 404, 'Not Found');
      },
    },
  };
}
