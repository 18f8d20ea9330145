// The apply's own judgement of approvals, from the plan it is about to apply: the policy the default branch had
// before the merge (the push's `before`, GitHub's record of the branch before it moved), the reviews on the merged
// pull request's final head commit, the changes this plan makes. Whatever a commit status on the pull request says:
// any workflow with the same token can write one. A workflow_dispatch has no reviews: its job must be behind a
// GitHub Environment with required reviewers, and say so with allow-high-risk.

import { builtInApprovalPolicy } from '../approvals/policy.js';
import { changeFacts, requirementsOf } from '../approvals/requirements.js';
import { ActionError } from '../errors.js';
import type { PlanSummary } from '../plan/types.js';
import type { Settings } from '../settings.js';
import { judgeApprovals, notApproved, type Judged } from './approval-gate.js';
import type { Approval } from './approve-review.js';
import type { ModeContext } from './context.js';

export async function checkApprovals(
  summary: PlanSummary,
  approval: Approval,
  settings: Settings,
  context: ModeContext,
): Promise<Judged | undefined> {
  if (settings.allowHighRisk) return undefined;
  const facts = changeFacts(summary);
  const { github } = context;
  if ((approval.kind === 'review' || approval.kind === 'resume') && github) {
    const { pull, pullRequest } = approval;
    const judged = await judgeApprovals({
      github,
      pull: {
        repository: pullRequest.repository,
        number: pull.number,
        author: pull.author,
        headSha: pull.headSha,
      },
      policyRef: settings.github.pushBefore ?? pull.baseSha,
      facts,
      target: settings.target,
      blockOn: settings.blockOn,
    });
    if (judged.unmet.length > 0) throw notApproved(judged);
    return judged;
  }
  const needed = requirementsOf(builtInApprovalPolicy(settings.blockOn), facts, settings.target, {
    editsPolicy: false,
  });
  if (needed.length === 0) return undefined;
  const what = needed.map((r) => `${r.name} (${r.changes} change${r.changes === 1 ? '' : 's'})`).join(', ');
  throw new ActionError(
    'not-approved',
    `the plan has changes that need an approval (${what}), and a run without a reviewed pull request has no reviews to count: run the apply in a job behind a GitHub Environment with required reviewers, with allow-high-risk: true`,
  );
}
