// One GitHub issue per org (directory, workspace, label) for changes made outside Terraform: opened when drift
// appears, its body kept current while it lasts (with one comment each time the drift itself changes, never on
// an unchanged re-run), closed with a comment when the org and the code agree again.

import { viewerLogin } from '../github/identity.js';
import { createIssueComment, type Repository } from '../github/issue-comments.js';
import { closeIssue, listOpenIssues, openIssue, updateIssueBody } from '../github/issues.js';
import type { GitHubClient } from '../github/octokit.js';
import type { PlanSummary } from '../plan/types.js';
import {
  DRIFT_LABEL,
  driftChangedComment,
  driftEndedComment,
  driftIssueBody,
  driftIssueTitle,
} from '../render/drift-issue.js';
import { DRIFT_PREFIX, parseMarker, sameTarget } from '../render/marker.js';
import type { ReviewTarget } from '../settings.js';

export type DriftIssueChange = 'opened' | 'updated' | 'unchanged' | 'closed' | 'none';

/** The open drift issue the action opened for this target (its own identity's: anyone can paste a marker). */
async function findDriftIssue(
  client: GitHubClient,
  repository: Repository,
  target: ReviewTarget,
): Promise<{ number: number; body: string } | undefined> {
  const login = await viewerLogin(client);
  for await (const issue of listOpenIssues(client, repository, DRIFT_LABEL)) {
    const marker = parseMarker(issue.body, DRIFT_PREFIX);
    if (marker && sameTarget(marker, target) && issue.author?.login === login && !issue.isPullRequest) {
      return { number: issue.number, body: issue.body };
    }
  }
  return undefined;
}

export async function syncDriftIssue(
  client: GitHubClient,
  repository: Repository,
  summary: PlanSummary,
  context: {
    readonly target: ReviewTarget;
    readonly runUrl: string | undefined;
    /** Objects made outside Terraform, as markdown ('' for none, or when they could not be read). */
    readonly unmanaged?: string;
  },
): Promise<{ change: DriftIssueChange; number?: number }> {
  const unmanaged = context.unmanaged ?? '';
  const drifting = summary.drift.length > 0 || summary.hasChanges || unmanaged !== '';
  const open = await findDriftIssue(client, repository, context.target);
  if (!drifting) {
    if (!open) return { change: 'none' };
    await createIssueComment(client, repository, open.number, driftEndedComment(context.runUrl));
    await closeIssue(client, repository, open.number);
    return { change: 'closed', number: open.number };
  }
  const body = driftIssueBody(summary, context.target, unmanaged);
  if (!open) {
    const number = await openIssue(client, repository, {
      title: driftIssueTitle(context.target),
      body,
      labels: [DRIFT_LABEL],
    });
    return { change: 'opened', number };
  }
  if (open.body === body) return { change: 'unchanged', number: open.number };
  await updateIssueBody(client, repository, open.number, body);
  await createIssueComment(client, repository, open.number, driftChangedComment(summary, context.runUrl));
  return { change: 'updated', number: open.number };
}
