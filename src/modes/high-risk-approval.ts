// Deleting or replacing a high-risk Okta object (a sign-on policy, an admin role, an authenticator...), and any change
// with a security finding at or above block-on (high by default: MFA dropped, admin granted...), needs a
// second person's explicit approval, beyond the review that merging needs: the okta-high-risk-approved label on the
// pull request, given after the last plan by someone with write access who is neither the pull request's author
// nor one of its commit authors. A bot never counts: a pull request's own workflow can label as
// github-actions[bot]. When the label was put on by someone who does not count (the author, say), an approving
// review by someone who does, after the last plan, confirms it. On workflow_dispatch, allow-high-risk (in a job
// behind an Environment with required reviewers) is the only way.

import { ActionError } from '../errors.js';
import type { GitHubClient } from '../github/octokit.js';
import {
  commitAuthors,
  labelEvents,
  pullReviews,
  repositoryRole,
  type Actor,
} from '../github/pull-activity.js';
import type { ChangeSummary, PlanSummary } from '../plan/types.js';
import { severityRank, type BlockOn, type Finding } from '../review/findings.js';
import { HIGH_RISK_APPROVAL_LABEL } from '../render/labels.js';
import type { Approval } from './approve-review.js';

const WRITERS = new Set(['admin', 'maintain', 'write']);

interface Given {
  readonly what: string;
  readonly actor: Actor | undefined;
  readonly at: string | undefined;
}

/** What needs the approval: high-risk deletes and replaces, and findings at or above block-on. */
interface Blocked {
  readonly risky: readonly ChangeSummary[];
  readonly findings: readonly Finding[];
  readonly blockOn: BlockOn;
}

function refusal({ risky, findings, blockOn }: Blocked, why: string): ActionError {
  const list = <T>(items: readonly T[], show: (item: T) => string): string =>
    `${items.slice(0, 10).map(show).join(', ')}${items.length > 10 ? ', ...' : ''}`;
  const what = [
    ...(risky.length
      ? [`deletes or replaces high-risk Okta objects: ${list(risky, (c) => `${c.name} (${c.action})`)}`]
      : []),
    ...(findings.length
      ? [
          `has findings at or above ${blockOn} (block-on): ${list(findings, (f) => `${f.rule} on ${f.address} (${f.severity})`)}`,
        ]
      : []),
  ];
  return new ActionError('high-risk-not-approved', `the plan ${what.join(', and ')}. ${why}`);
}

const ASK =
  `Someone with write access who is not the pull request's author or a commit author must add the label ` +
  `${HIGH_RISK_APPROVAL_LABEL} after reviewing them (after the last plan), or set allow-high-risk: true, then re-run`;

/** Why this approval does not count, or undefined when it does. */
async function objection(
  given: Given,
  context: { readonly authors: ReadonlySet<string>; readonly plannedAt: number },
  role: (login: string) => Promise<string>,
): Promise<string | undefined> {
  const { actor } = given;
  if (!actor) return `${given.what} by a deleted account`;
  const by = `${given.what} by ${actor.login}`;
  if (actor.type === 'Bot') return `${by}, a bot`;
  if (context.authors.has(actor.login)) return `${by}, who wrote this pull request or one of its commits`;
  if (!(Date.parse(given.at ?? '') >= context.plannedAt)) return `${by}, before the last plan`;
  const level = await role(actor.login);
  if (!WRITERS.has(level)) return `${by}, who has ${level} access`;
  return undefined;
}

export async function checkHighRisk(
  summary: PlanSummary,
  approval: Approval,
  options: {
    readonly allowHighRisk: boolean;
    readonly github: GitHubClient | undefined;
    readonly blockOn: BlockOn;
  },
): Promise<void> {
  const { blockOn } = options;
  const blocked: Blocked = {
    risky: summary.changes.filter((c) => c.highRisk && (c.action === 'delete' || c.action === 'replace')),
    // By the built-in rules: a policy file a pull request can edit must not lift the gate.
    findings:
      blockOn === 'none'
        ? []
        : (summary.builtInFindings ?? summary.findings).filter(
            (f) => severityRank(f.severity) <= severityRank(blockOn),
          ),
    blockOn,
  };
  if ((blocked.risky.length === 0 && blocked.findings.length === 0) || options.allowHighRisk) return;
  const { github } = options;
  if ((approval.kind !== 'review' && approval.kind !== 'resume') || !github)
    throw refusal(blocked, `Set allow-high-risk: true, then re-run.`);
  const { pull, pullRequest } = approval;
  if (!pull.labels.includes(HIGH_RISK_APPROVAL_LABEL)) throw refusal(blocked, `${ASK}.`);
  const { repository, number } = pullRequest;
  const [events, reviews, committers] = await Promise.all([
    labelEvents(github, repository, number),
    pullReviews(github, repository, number),
    commitAuthors(github, repository, number),
  ]);
  const labelled = events.filter((e) => e.event === 'labeled' && e.label === HIGH_RISK_APPROVAL_LABEL).at(-1);
  const given: Given[] = [
    ...(labelled ? [{ what: `the label`, actor: labelled.actor, at: labelled.at }] : []),
    ...reviews
      .filter((r) => r.state === 'APPROVED')
      .map((r) => ({ what: 'an approving review', actor: r.user, at: r.at })),
  ];
  const context = {
    authors: new Set([...(pull.author ? [pull.author] : []), ...committers]),
    // GitHub's time of the review's text, not the marker's word: an approval counts for what was shown before it.
    plannedAt: Date.parse(approval.reviewWrittenAt),
  };
  const roles = new Map<string, Promise<string>>();
  const role = (login: string): Promise<string> => {
    let found = roles.get(login);
    if (!found) roles.set(login, (found = repositoryRole(github, repository, login)));
    return found;
  };
  const objections: string[] = [];
  for (const approvalGiven of given) {
    const why = await objection(approvalGiven, context, role);
    if (!why) return;
    objections.push(why);
  }
  throw refusal(blocked, `The approval does not count: ${objections.join('; ')}. ${ASK}.`);
}
