// An apply the main step did not finish: the job was cancelled and the runner killed the step (SIGTERM, then the
// process tree) before Terraform had stopped, or the step died. The main step leaves a record before Terraform
// starts applying and clears it once the review's status is set; the post step (post-if: always()) finds a record
// still there, pushes a state Terraform left in errored.tfstate, and marks the review failed, so it never stays
// "applying" and a re-run knows what it may resume.

import { errorMessage } from '../errors.js';
import { viewerLogin } from '../github/identity.js';
import { getIssueComment, updateIssueComment, type Repository } from '../github/issue-comments.js';
import type { GitHubClient } from '../github/octokit.js';
import { parseMarker } from '../render/marker.js';
import { withStatus } from '../render/review-comment.js';
import type { Log } from '../runtime.js';
import { pushErroredState, recoveryCommand, type StateTools } from '../terraform/state-recovery.js';

/** The post step's state name for the record. */
export const UNFINISHED_APPLY_STATE = 'unfinished-apply';

export interface UnfinishedApply {
  readonly workingDirectory: string;
  readonly tempDir: string;
  readonly binary: string;
  readonly review?: { readonly repository: Repository; readonly commentId: number; readonly runUrl?: string };
}

export function parseUnfinishedApply(text: string): UnfinishedApply | undefined {
  if (!text) return undefined;
  const record = JSON.parse(text) as Partial<UnfinishedApply>;
  if (typeof record.workingDirectory !== 'string' || typeof record.binary !== 'string') return undefined;
  return record as UnfinishedApply;
}

const NO_REPORT = {
  applied: [],
  failed: [],
  unfinished: [],
  unconfirmed: [],
  counts: undefined,
  diagnostics: '',
};

/** Finishes what the main step left: the state first, then the review. Returns the failure to report, if any. */
export async function finishUnfinishedApply(
  record: UnfinishedApply,
  terraform: StateTools,
  github: GitHubClient | undefined,
  log: Log,
): Promise<string> {
  const state = await pushErroredState(terraform, log, record);
  const stateText =
    state?.kind === 'not-saved'
      ? `The backend refused the state: it is kept in ${state.file}; run ${recoveryCommand(state.file, record.workingDirectory)} before any other apply.`
      : state?.kind === 'pushed'
        ? 'The state Terraform could not save was pushed by the post step.'
        : 'Terraform saved the state itself.';
  const message =
    `the job was cancelled or the step was killed while Terraform applied this plan. ${stateText} If Terraform ` +
    'was killed, the state lock may still be held: once no run is applying, `terraform force-unlock LOCK_ID`. ' +
    'Re-running the job applies what is left of this review, and nothing else';
  if (record.review && github) {
    const { repository, commentId, runUrl } = record.review;
    try {
      const comment = await getIssueComment(github, repository, commentId);
      const marker = parseMarker(comment.body);
      // Only the action's own review, and only while it still says applying.
      if (marker?.status === 'applying' && comment.author?.login === (await viewerLogin(github))) {
        const status = {
          kind: 'apply-failed',
          report: NO_REPORT,
          reason: 'cancelled',
          message,
          notAttempted: 0,
        } as const;
        await updateIssueComment(
          github,
          repository,
          commentId,
          withStatus(comment.body, marker, status, runUrl),
        );
      }
    } catch (e) {
      log.warning(`The review's status was not updated (${errorMessage(e)}).`);
    }
  }
  return state?.kind === 'not-saved' ? `state-not-saved: ${message}` : `cancelled: ${message}`;
}
