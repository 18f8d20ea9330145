// Which review approves the plan the apply made, now that it is made. A review's marker approves nothing: anyone
// with write access can write one, as the action's own identity too. What approves (README, Threat model):
// - its plan run's record: GitHub says the run was started by this pull request at its merged head (plan-run.ts),
//   the run recorded the digest of exactly the review text the comment shows, before the merge, and the fingerprint
//   of exactly this plan (or its plan file is the one applied). This binds everything, sensitive values too;
// - or, when that record can't be read, the text itself: the comment's plan part (render/review-text.ts) is what this
//   plan renders to, word for word, and shows every value as it is (nothing cut, masked or left out).
// Otherwise nothing is applied, and the refusal says what differs.

import { ActionError } from '../errors.js';
import { comparePlans, type PlanDifference } from '../plan/fingerprint.js';
import { differenceText } from '../render/apply-report.js';
import { code } from '../render/markdown.js';
import {
  compareReviewText,
  readReviewComment,
  reviewDigest,
  type TextDifference,
  type TextVerdict,
} from '../render/review-text.js';
import type { Settings } from '../settings.js';
import { AGAIN, type ApprovalGate, type Candidate, type Reviewed } from './approval.js';
import type { ModeContext } from './context.js';
import type { PlannedRun } from './plan-and-report.js';
import { planRunRecords } from './plan-run.js';
import type { ReviewComment } from './review-comment.js';
import type { ApplyRecord, PlanRecord } from './run-records.js';

export type Approval =
  | (Reviewed & {
      readonly kind: 'review';
      readonly comment: ReviewComment;
      /** GitHub's time of the approved text: approvals given since count for it. */
      readonly reviewWrittenAt: string;
    })
  | (Reviewed & {
      readonly kind: 'resume';
      readonly record: ApplyRecord;
      readonly comment?: ReviewComment;
      readonly reviewWrittenAt: string;
    })
  | { readonly kind: 'fingerprint'; readonly fingerprint: string }
  | { readonly kind: 'auto' };

/** What the plan run's record says of this candidate and plan. */
type RecordVerdict =
  | { readonly kind: 'approves'; readonly run: string }
  | { readonly kind: 'differs'; readonly difference: PlanDifference; readonly sameContext: boolean }
  | { readonly kind: 'unusable'; readonly why: string };

/** The record a trusted plan run kept of this very review text, and what it says of the plan. */
async function recordVerdict(
  gate: Extract<ApprovalGate, { kind: 'reviews' }>,
  candidate: Candidate,
  digest: string,
  planned: PlannedRun,
  where: { readonly settings: Settings; readonly context: ModeContext },
): Promise<RecordVerdict> {
  const run = candidate.comment.marker.planRun;
  const { github } = where.context;
  if (!run || !github) return { kind: 'unusable', why: 'the review names no plan run that kept a record' };
  const { target, tempDir } = where.settings;
  const { repository } = gate.pullRequest;
  const found = await planRunRecords(github, Number(run), { repository, pull: gate.pull, target, tempDir });
  if ('why' in found) return { kind: 'unusable', why: found.why };
  const record: PlanRecord | undefined = found.records.find((r) => r.reviewDigest === digest);
  if (!record)
    return {
      kind: 'unusable',
      why: `run ${run} rendered another review than the comment shows (it was edited since)`,
    };
  if (!(Date.parse(record.plannedAt) <= Date.parse(gate.pull.mergedAt)))
    return { kind: 'unusable', why: `run ${run} planned after the merge` };
  if (record.fingerprint === planned.fingerprint) return { kind: 'approves', run };
  return {
    kind: 'differs',
    difference: comparePlans(record.objects, planned.digests),
    sameContext: record.context === planned.contextDigest,
  };
}

interface Judged {
  readonly candidate: Candidate;
  /** Not compared when the record approves: the record binds more than the text can. */
  readonly text: TextVerdict | { readonly kind: 'unreadable' | 'not-compared'; readonly why: string };
  readonly record: RecordVerdict;
}

async function judgeCandidate(
  gate: Extract<ApprovalGate, { kind: 'reviews' }>,
  candidate: Candidate,
  planned: PlannedRun,
  where: { readonly settings: Settings; readonly context: ModeContext },
): Promise<Judged> {
  const read = readReviewComment(candidate.comment.body);
  if ('problem' in read) {
    const why = `its text is not what the action writes: ${read.problem}`;
    return { candidate, text: { kind: 'unreadable', why }, record: { kind: 'unusable', why } };
  }
  if (read.status !== undefined) {
    // An apply writes a status after the merge; one written before it is not the action's.
    const why = 'it carries an apply status from before the merge';
    return { candidate, text: { kind: 'unreadable', why }, record: { kind: 'unusable', why } };
  }
  const record = await recordVerdict(gate, candidate, reviewDigest(read.review), planned, where);
  const text =
    record.kind === 'approves'
      ? ({ kind: 'not-compared', why: 'its record approves' } as const)
      : compareReviewText(read, planned.summary);
  return { candidate, text, record };
}

/** The approving review of the plan, or the refusal that says why none approves. */
export async function approveReviews(
  gate: Extract<ApprovalGate, { kind: 'reviews' }>,
  planned: PlannedRun,
  where: { readonly settings: Settings; readonly context: ModeContext },
): Promise<Approval | RefusedReview> {
  const judged: Judged[] = [];
  for (const candidate of gate.candidates) {
    const verdict = await judgeCandidate(gate, candidate, planned, where);
    // The text approves only when no record says otherwise: a record that says the plan changed stands.
    const byText = verdict.record.kind === 'unusable' && verdict.text.kind === 'shows-all';
    if (verdict.record.kind === 'approves' || byText) {
      where.context.runtime.info(
        verdict.record.kind === 'approves'
          ? `Approved by the review of pull request #${gate.pull.number}: its plan run ${verdict.record.run} recorded exactly this plan and this review text.`
          : `Approved by the review of pull request #${gate.pull.number}: its text shows every change of this plan, as the action renders it.`,
      );
      const { pullRequest, pull } = gate;
      return {
        kind: 'review',
        pullRequest,
        pull,
        comment: candidate.comment,
        reviewWrittenAt: candidate.writtenAt,
      };
    }
    judged.push(verdict);
  }
  return refusal(gate, judged);
}

/** Why no review approved the plan: the plan changed (with what differs), or no review could show it. */
export interface RefusedReview {
  readonly kind: 'refused';
  readonly error: ActionError;
  /** For the job summary and the notice on the pull request. */
  readonly difference?: string;
}

function textDifferenceText(difference: TextDifference): string {
  if (difference.firstLine) {
    const { review, plan } = difference.firstLine;
    return `The review's text differs from this plan's: the review reads ${code(review, 160)} where this plan reads ${code(plan, 160)}.`;
  }
  return differenceText(difference);
}

function refusal(gate: Extract<ApprovalGate, { kind: 'reviews' }>, judged: readonly Judged[]): RefusedReview {
  const [newest] = judged;
  const pr = `pull request #${gate.pull.number}`;
  if (!newest) {
    return {
      kind: 'refused',
      error: new ActionError('plan-not-found', `no review in ${pr} can approve: ${AGAIN}`),
    };
  }
  const { record, text } = newest;
  const changed = (what: string): RefusedReview => ({
    kind: 'refused',
    difference: what,
    error: new ActionError(
      'plan-changed',
      `the plan differs from the one reviewed in ${pr}, so nothing was applied. ${what} Review the new plan in a new pull request, or dispatch it`,
    ),
  });
  if (record.kind === 'differs')
    return changed(
      record.sameContext
        ? differenceText(record.difference)
        : differenceText({ added: [], changed: [], dropped: 0 }),
    );
  if (text.kind === 'differs') return changed(textDifferenceText(text.difference));
  const why =
    text.kind === 'unreadable' || text.kind === 'not-ours' || text.kind === 'not-compared'
      ? text.why
      : text.kind === 'shows-part'
        ? `it shows this plan, but not every change as it is: ${text.why}`
        : 'it shows this plan';
  const recordWhy = record.kind === 'unusable' ? record.why : '';
  return {
    kind: 'refused',
    error: new ActionError(
      'plan-not-found',
      `the review in ${pr} can't approve this plan by its text (${why}), and its plan run's record could not be used (${recordWhy}): ${AGAIN}`,
    ),
  };
}
