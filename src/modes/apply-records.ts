// An apply run's own records (run-records.ts): before it marks a review "applying", it keeps which review it applies
// and the objects it is to apply; once applied, that it is done. A re-run of the same run (a later attempt: the same
// run ID, the same pushed commit) reads them through the REST API, which lists a run's artifacts over its attempts
// (the runtime token's service sees only the current attempt's: MeshInspector/MeshLib#6474, NVIDIA/aicr#1928), and
// goes on with what is left, or stops because it is done. Without them (no `actions: read`, an upload that failed) a re-run applies nothing from
// that review.

import { errorMessage } from '../errors.js';
import type { GitHubClient } from '../github/octokit.js';
import type { MergedPullRequest } from '../github/pulls.js';
import type { Runtime } from '../runtime.js';
import type { Settings } from '../settings.js';
import {
  artifactsUnavailable,
  keepRecord,
  RECORD_FORMAT,
  recordPrefix,
  targetRecords,
  type ApplyRecord,
} from './run-records.js';

export interface ApplyRecords {
  readonly found: readonly ApplyRecord[];
  /** Why none could be read, when that is so. */
  readonly why?: string;
}

/** This run's records from earlier attempts, of this commit and pull request; none on a first attempt. */
export async function thisRunsApplyRecords(
  settings: Settings,
  github: GitHubClient,
  pull: MergedPullRequest,
): Promise<ApplyRecords> {
  const { runId, runAttempt, repository, pushedCommit } = settings.github;
  if (runAttempt === '1') return { found: [], why: "was not kept: this is the run's first attempt" };
  if (!runId || !repository) return { found: [], why: 'is not there: GITHUB_RUN_ID is not set' };
  const where = { repository, target: settings.target, tempDir: settings.tempDir };
  const read = await targetRecords(github, where, Number(runId), 'apply');
  if ('unreadable' in read) return { found: [], why: `could not be read (${read.unreadable})` };
  const found = read.records.filter((r) => r.commit === pushedCommit && r.pullRequest === pull.number);
  return found.length > 0 ? { found } : { found, why: 'was not found among its artifacts' };
}

/**
 * Keeps this attempt's record. Never fails the apply: without it, a re-run after a failure part-way can't resume
 * (it applies nothing), which the warning says.
 */
export async function keepApplyRecord(
  settings: Settings,
  record: Omit<
    ApplyRecord,
    'format' | 'kind' | 'repository' | 'directory' | 'workspace' | 'label' | 'commit'
  >,
  runtime: Pick<Runtime, 'warning'>,
): Promise<void> {
  const { repository, runAttempt, pushedCommit } = settings.github;
  const unavailable = artifactsUnavailable(settings) ?? (pushedCommit ? undefined : 'no pushed commit');
  const name = `${recordPrefix('apply', settings.target)}${runAttempt}-${record.state}.json`;
  try {
    if (unavailable || !repository || !pushedCommit) throw new Error(unavailable);
    await keepRecord(settings, name, {
      format: RECORD_FORMAT,
      kind: 'apply',
      repository: `${repository.owner}/${repository.repo}`,
      ...settings.target,
      commit: pushedCommit,
      ...record,
    });
  } catch (e) {
    const then =
      record.state === 'applying'
        ? 'if this apply stops part-way, a re-run of this job will not resume it'
        : 'a re-run of this job refuses the review all the same (it is marked applied)';
    runtime.warning(`This run's record of the apply was not kept (${errorMessage(e)}): ${then}.`);
  }
}
