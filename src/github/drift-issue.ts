// One GitHub issue per org (directory, workspace, label) for changes made outside Terraform: opened when drift
// appears, its body kept current while it lasts (with one comment each time the drift itself changes, never on
// an unchanged re-run), closed with a comment when the org and the code agree again.

import type { PlanSummary } from '../plan/types.js';
import { DRIFT_PREFIX, parseMarker, renderMarker, sameTarget, type ReviewMarker } from '../render/marker.js';
import { COMMENT_BUDGET, renderReview } from '../render/comment.js';
import { plural } from '../render/markdown.js';
import type { Repository } from './comments.js';
import type { GitHubClient } from './octokit.js';

export const DRIFT_LABEL = 'okta-drift';

export interface DriftIssueContext {
  readonly target: ReviewMarker;
  readonly runUrl: string | undefined;
}

export type DriftIssueChange = 'opened' | 'updated' | 'unchanged' | 'closed' | 'none';

interface OpenIssue {
  readonly number: number;
  readonly body: string;
}

function title(target: ReviewMarker): string {
  const workspace = target.workspace === 'default' ? '' : ` (workspace ${target.workspace})`;
  const label = target.label ? ` [${target.label}]` : '';
  return `Okta drift: ${target.directory}${workspace}${label}`;
}

/** The issue's body; the run link stays out of it, so an unchanged drift leaves the body (and the issue) alone. */
export function driftIssueBody(summary: PlanSummary, target: ReviewMarker): string {
  const intro =
    `The Okta org and the Terraform code for \`${target.directory}\` disagree: ` +
    `${plural(summary.drift.length, 'object')} changed outside Terraform (Admin Console, API), and ` +
    `${plural(summary.changes.length, 'change')} in the code not applied yet. Applying the code would revert the ` +
    'edits listed below; to keep an edit, change the code to match. This issue closes itself when they agree.\n\n';
  const marker = renderMarker(target, DRIFT_PREFIX);
  const { markdown } = renderReview(summary, {
    directory: target.directory,
    workspace: target.workspace,
    moreAt: 'the job summary of the latest drift run',
    budget: COMMENT_BUDGET - intro.length - marker.length - 2,
  });
  return `${marker}\n${intro}${markdown}`;
}

async function findOpenIssue(
  client: GitHubClient,
  repository: Repository,
  target: ReviewMarker,
): Promise<OpenIssue | undefined> {
  for await (const page of client.paginate.iterator(client.rest.issues.listForRepo, {
    ...repository,
    labels: DRIFT_LABEL,
    state: 'open',
    per_page: 100,
  })) {
    for (const issue of page.data) {
      const marker = parseMarker(issue.body ?? '', DRIFT_PREFIX);
      // Only issues the action opened (a bot's): anyone can paste a marker into an issue of their own.
      if (marker && sameTarget(marker, target) && issue.user?.type === 'Bot' && !issue.pull_request) {
        return { number: issue.number, body: issue.body ?? '' };
      }
    }
  }
  return undefined;
}

export async function syncDriftIssue(
  client: GitHubClient,
  repository: Repository,
  summary: PlanSummary,
  context: DriftIssueContext,
): Promise<{ change: DriftIssueChange; number?: number }> {
  const drifting = summary.drift.length > 0 || summary.hasChanges;
  const open = await findOpenIssue(client, repository, context.target);
  const run = context.runUrl ? ` ([workflow run](${context.runUrl}))` : '';
  if (!drifting) {
    if (!open) return { change: 'none' };
    await client.rest.issues.createComment({
      ...repository,
      issue_number: open.number,
      body: `The Okta org matches the code again${run}. Closing.`,
    });
    await client.rest.issues.update({
      ...repository,
      issue_number: open.number,
      state: 'closed',
      state_reason: 'completed',
    });
    return { change: 'closed', number: open.number };
  }
  const body = driftIssueBody(summary, context.target);
  if (!open) {
    const { data } = await client.rest.issues.create({
      ...repository,
      title: title(context.target),
      body,
      labels: [DRIFT_LABEL],
    });
    return { change: 'opened', number: data.number };
  }
  if (open.body === body) return { change: 'unchanged', number: open.number };
  await client.rest.issues.update({ ...repository, issue_number: open.number, body });
  await client.rest.issues.createComment({
    ...repository,
    issue_number: open.number,
    body:
      `The drift changed${run}: now ${plural(summary.drift.length, 'object')} changed outside Terraform and ` +
      `${plural(summary.changes.length, 'change')} not applied. The description above is current.`,
  });
  return { change: 'updated', number: open.number };
}
