// A workflow run as GitHub records it (GET /repos/{owner}/{repo}/actions/runs/{run_id}): which event started it, on
// which commit of which repository. No workflow can write these: they are what a plan run's artifacts are
// trusted by (modes/plan-run.ts). Needs `actions: read` on the token.

import type { Repository } from './issue-comments.js';
import type { GitHubClient } from './octokit.js';

export interface WorkflowRun {
  readonly id: number;
  readonly event: string;
  /** The commit the run's workflow file and checkout come from (for pull_request_target: the base branch's). */
  readonly headSha: string;
  /** owner/repo of the head commit: another repository for a fork's pull request. */
  readonly headRepository: string | undefined;
}

export async function workflowRun(
  client: GitHubClient,
  repository: Repository,
  runId: number,
): Promise<WorkflowRun> {
  const { data } = await client.rest.actions.getWorkflowRun({
    ...repository,
    run_id: runId,
    exclude_pull_requests: true,
  });
  return {
    id: data.id,
    event: data.event,
    headSha: data.head_sha,
    headRepository: data.head_repository?.full_name,
  };
}
