// Which workflow run planned a merged pull request, by GitHub's own record of the run (workflow-runs.ts), never by a
// marker: a review comment names its plan run, and anyone with write access can edit that name. A run counts when
// GitHub says a pull_request event of this repository started it on the merged head commit: its workflow and code
// are that commit's, which the pull request's reviewers saw. Its artifacts (its record, its sealed plan file) are
// then what the action planned for the reviewed code: no other run can upload to it. A pull_request_target run
// does not count: its head is the base branch's commit, and the pull requests GitHub links to a run are only the
// open ones (GitHub's description of workflow-run.pull_requests), so after the merge nothing ties it to this one.

import { errorMessage } from '../errors.js';
import type { Repository } from '../github/issue-comments.js';
import { httpStatus, type GitHubClient } from '../github/octokit.js';
import type { MergedPullRequest } from '../github/pulls.js';
import { workflowRun } from '../github/workflow-runs.js';
import { ACTIONS_READ_HINT, targetRecords, type PlanRecord, type RecordsOf } from './run-records.js';

/** Why run `runId` is not a plan run of the pull request's merged head, or undefined when it is. */
export async function planRunDistrust(
  github: GitHubClient,
  repository: Repository,
  runId: number,
  pull: Pick<MergedPullRequest, 'number' | 'headSha'>,
): Promise<string | undefined> {
  let run;
  try {
    run = await workflowRun(github, repository, runId);
  } catch (e) {
    const hint = httpStatus(e) === 403 ? `: ${ACTIONS_READ_HINT}` : '';
    return `run ${runId} could not be read from GitHub (${errorMessage(e)})${hint}`;
  }
  const ours = `${repository.owner}/${repository.repo}`.toLowerCase();
  const head = pull.headSha.slice(0, 12);
  if (run.event === 'pull_request') {
    if (run.headRepository?.toLowerCase() !== ours) return `run ${runId} planned a fork's commit`;
    if (run.headSha === pull.headSha) return undefined;
    return `run ${runId} planned commit ${run.headSha.slice(0, 12)}, not the merged head ${head}`;
  }
  return `run ${runId} was started by ${run.event}, not by pull request #${pull.number}`;
}

/** The plan records of a trusted plan run for `target`, newest first; or why there are none to trust. */
export async function planRunRecords(
  github: GitHubClient,
  runId: number,
  where: RecordsOf & { readonly pull: Pick<MergedPullRequest, 'number' | 'headSha'> },
): Promise<{ readonly records: PlanRecord[] } | { readonly why: string }> {
  const distrust = await planRunDistrust(github, where.repository, runId, where.pull);
  if (distrust) return { why: distrust };
  const read = await targetRecords(github, where, runId, 'plan');
  if ('unreadable' in read)
    return { why: `the records of run ${runId} could not be read (${read.unreadable})` };
  return read.records.length > 0
    ? read
    : { why: `run ${runId} kept no record of its plan for this directory` };
}
