// The merge gate on a pull request: the approvals its plan needs and has, written as a commit status on its head
// commit (one per org target, a stable name branch protection and rulesets can require), and the people and teams
// whose reviews are missing asked for them. The plan run writes it (plan.ts), and so does a review event
// (approvals.ts) without planning again. The apply does not read it: it judges again (apply-approvals.ts).

import type { ChangeFacts } from '../approvals/requirements.js';
import { asActionError, errorMessage, type ActionError } from '../errors.js';
import { requestReviewers, setCommitStatus, type CommitStatus } from '../github/approvals.js';
import { httpStatus } from '../github/octokit.js';
import type { MergeOutlook } from '../render/merging.js';
import type { ReviewTarget, Settings } from '../settings.js';
import { judgeApprovals, unmetText, wantedReviewers, type Judged } from './approval-gate.js';
import type { ModeContext } from './context.js';

/** The status's name: "okta/approvals: orgs/production", with the workspace and label when they tell targets apart. */
export function approvalsCheckName(target: ReviewTarget): string {
  const extras = [
    ...(target.workspace !== 'default' ? [`workspace ${target.workspace}`] : []),
    ...(target.label ? [target.label] : []),
  ];
  return `okta/approvals: ${target.directory}${extras.length ? ` (${extras.join(', ')})` : ''}`;
}

function statusOf(judged: Judged | ActionError, settings: Settings): CommitStatus {
  const base = { context: approvalsCheckName(settings.target), targetUrl: settings.github.runUrl };
  if (!('unmet' in judged))
    return { ...base, state: 'failure', description: `Can't judge approvals: ${judged.message}` };
  if (judged.requirements.length === 0)
    return { ...base, state: 'success', description: 'Nothing in this plan needs an approval.' };
  if (judged.unmet.length === 0)
    return { ...base, state: 'success', description: `Approved by ${judged.approvers.join(', ')}.` };
  return { ...base, state: 'pending', description: `Waiting for ${unmetText(judged)}` };
}

/** The pull request of this run, when approvals can be judged on it (not a fork's: its token can't write). */
function reviewedPull(settings: Settings, context: ModeContext) {
  const { repository, pullRequest, pull, fromFork } = settings.github;
  if (!context.github || !repository || !pullRequest || !pull || fromFork) return undefined;
  return { github: context.github, repository, number: pullRequest, ...pull };
}

/** Judges the approvals of this run's pull request; undefined when there is none to judge. */
export async function judgePull(
  facts: readonly ChangeFacts[],
  settings: Settings,
  context: ModeContext,
): Promise<Judged | ActionError | undefined> {
  const pull = reviewedPull(settings, context);
  if (!pull) return undefined;
  try {
    return await judgeApprovals({
      github: pull.github,
      pull: { repository: pull.repository, number: pull.number, author: pull.author, headSha: pull.headSha },
      policyRef: pull.baseSha,
      facts,
      target: settings.target,
      blockOn: settings.blockOn,
    });
  } catch (e) {
    const failure = asActionError(e);
    // A policy to fix or a team the token can't read: a failing check, and the step fails (judgedFailure).
    if (failure.reason === 'approvals-unreadable' || failure.reason === 'invalid-input') return failure;
    // GitHub not answering: no check is written, so a ruleset that requires it keeps the merge waiting.
    context.runtime.warning(
      `The approvals were not judged (${errorMessage(e)}): the ${approvalsCheckName(settings.target)} check was not written; re-run the plan.`,
    );
    return undefined;
  }
}

/** What the review comment says merging will do. */
export function outlookOf(judged: Judged | ActionError, settings: Settings): MergeOutlook {
  if (!('unmet' in judged)) return { kind: 'unjudged', why: judged.message };
  return {
    kind: 'judged',
    policy: judged.policy,
    requirements: judged.requirements,
    check: approvalsCheckName(settings.target),
  };
}

/**
 * Writes the verdict on the head commit and asks for the missing reviews (asked: when the plan ran, not at each
 * review event). A judgement that failed (a team the token can't read, a policy that is not valid) is a failing
 * status, then the step's failure: it never passes.
 */
export async function gatePull(
  judged: Judged | ActionError,
  settings: Settings,
  context: ModeContext,
  options: { readonly askReviewers: boolean },
): Promise<void> {
  const pull = reviewedPull(settings, context);
  if (!pull) return;
  try {
    await setCommitStatus(pull.github, pull.repository, pull.headSha, statusOf(judged, settings));
  } catch (e) {
    // Without the check, a ruleset that requires it keeps the merge waiting: nothing passes by its absence.
    if (httpStatus(e) !== 403) throw e;
    context.runtime.warning(
      `The ${approvalsCheckName(settings.target)} check was not written (HTTP 403): give the job \`permissions: statuses: write\`.`,
    );
  }
  if (!('unmet' in judged)) throw judged;
  if (!options.askReviewers || judged.unmet.length === 0) return;
  const wanted = wantedReviewers(judged);
  const author = pull.author?.toLowerCase();
  const users = wanted.users.filter((u) => u.toLowerCase() !== author);
  const teams = wanted.teams.filter(
    (t) => t.split('/')[0]?.toLowerCase() === pull.repository.owner.toLowerCase(),
  );
  if (users.length + teams.length === 0) return;
  try {
    await requestReviewers(pull.github, pull.repository, pull.number, {
      users,
      teams: teams.map((t) => t.split('/')[1] ?? t),
    });
  } catch (e) {
    // GitHub refuses a reviewer who is not a collaborator (422): the status still names who must approve.
    if (httpStatus(e) !== 422) throw e;
    context.runtime.warning(
      `GitHub did not request reviews from ${[...users, ...teams].map((w) => `@${w}`).join(', ')} (HTTP 422: each must be a collaborator, or a team of ${pull.repository.owner} with access): the check names who must approve.`,
    );
  }
}
