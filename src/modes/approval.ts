// What an apply may apply: the plan reviewed in the merged pull request's comment (push), the fingerprint a
// reviewer approved (workflow_dispatch: approved-fingerprint), or anything (auto-approve). Nothing else.

import { ActionError, errorMessage } from '../errors.js';
import { findReviewComment, type FoundComment, type Repository } from '../github/comments.js';
import { createGitHubClient, type GitHubClient } from '../github/octokit.js';
import { HIGH_RISK_APPROVAL_LABEL } from '../github/labels.js';
import { mergedPullRequest } from '../github/pulls.js';
import type { PlanSummary } from '../plan/types.js';
import type { ReviewMarker } from '../render/marker.js';
import type { Settings } from '../settings.js';

export type Approval =
  | {
      readonly kind: 'review';
      readonly client: GitHubClient;
      readonly repository: Repository;
      readonly pullRequest: number;
      readonly labels: readonly string[];
      readonly comment: FoundComment;
      readonly fingerprint: string;
    }
  | { readonly kind: 'fingerprint'; readonly fingerprint: string }
  | { readonly kind: 'auto' };

const DISPATCH_PATTERN =
  'run mode: plan in a first job, then apply in a job with a GitHub Environment that needs reviewers, with ' +
  'approved-fingerprint: ${{ needs.plan.outputs.fingerprint }} (see examples/workflows/okta-dispatch.yml)';

function target(settings: Settings): ReviewMarker {
  return {
    directory: settings.workingDirectory,
    workspace: settings.terraformWorkspace,
    label: settings.github.label,
  };
}

async function reviewedInPullRequest(settings: Settings, sha: string): Promise<Approval | undefined> {
  const { github } = settings;
  if (!github.repository) return undefined;
  const client = createGitHubClient(github.token, github.apiUrl);
  const pull = await mergedPullRequest(client, github.repository, sha);
  if (!pull) return undefined;
  const comment = await findReviewComment(client, github.repository, pull.number, target(settings));
  if (!comment?.marker.fingerprint) return undefined;
  return {
    kind: 'review',
    client,
    repository: github.repository,
    pullRequest: pull.number,
    labels: pull.labels,
    comment,
    fingerprint: comment.marker.fingerprint,
  };
}

export async function findApproval(settings: Settings): Promise<Approval> {
  if (settings.approvedFingerprint) return { kind: 'fingerprint', fingerprint: settings.approvedFingerprint };
  const sha = settings.github.pushedCommit;
  let reviewed: Approval | undefined;
  try {
    reviewed = sha ? await reviewedInPullRequest(settings, sha) : undefined;
  } catch (e) {
    throw new ActionError(
      'plan-not-found',
      `could not read the merged pull request's review from GitHub (${errorMessage(e)}): nothing was applied; re-run the job`,
    );
  }
  if (reviewed) return reviewed;
  if (settings.autoApprove) return { kind: 'auto' };
  if (sha) {
    throw new ActionError(
      'plan-not-found',
      `no reviewed plan for ${settings.workingDirectory} (workspace ${settings.terraformWorkspace}) in the pull request merged as ${sha.slice(0, 12)}: ` +
        'merge through a pull request whose plan ran with this action, or set auto-approve: true to apply unreviewed plans',
    );
  }
  throw new ActionError(
    'plan-not-found',
    `apply needs an approved plan: ${DISPATCH_PATTERN}; or set auto-approve: true`,
  );
}

/** Deleting or replacing a high-risk Okta object needs the approval label on the pull request, or allow-high-risk. */
export function checkHighRisk(approval: Approval, settings: Settings, summary: PlanSummary): void {
  const risky = summary.changes.filter(
    (c) => c.highRisk && (c.action === 'delete' || c.action === 'replace'),
  );
  if (risky.length === 0 || settings.allowHighRisk) return;
  if (approval.kind === 'review' && approval.labels.includes(HIGH_RISK_APPROVAL_LABEL)) return;
  const names = risky
    .slice(0, 10)
    .map((c) => `${c.name} (${c.action})`)
    .join(', ');
  throw new ActionError(
    'high-risk-not-approved',
    `the plan deletes or replaces high-risk Okta objects: ${names}${risky.length > 10 ? ', ...' : ''}. Add the label ` +
      `${HIGH_RISK_APPROVAL_LABEL} to the pull request after reviewing them (or set allow-high-risk: true), then re-run`,
  );
}
