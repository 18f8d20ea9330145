// workflow_dispatch: the apply job applies only a plan with the fingerprint the plan job output and an Environment's
// reviewers let through (approved-fingerprint). When this plan has another, the plan job's record in this run
// (run-records.ts: it keeps one for every plan with changes) says which objects differ; the refusal says so.

import { ActionError } from '../errors.js';
import { comparePlans } from '../plan/fingerprint.js';
import { differenceText } from '../render/apply-report.js';
import type { Settings } from '../settings.js';
import type { ModeContext } from './context.js';
import type { PlannedRun } from './plan-and-report.js';
import { targetRecords } from './run-records.js';

/** What differs from the approved plan, as the plan job's record tells it; or why it can't tell. */
async function whatDiffers(
  approved: string,
  planned: PlannedRun,
  settings: Settings,
  context: ModeContext,
): Promise<string> {
  const { github } = context;
  const { runId, repository } = settings.github;
  if (!github || !repository || !runId)
    return 'This is not a GitHub Actions run, so the plan job kept no record to compare with.';
  const where = { repository, target: settings.target, tempDir: settings.tempDir };
  const read = await targetRecords(github, where, Number(runId), 'plan');
  if ('unreadable' in read)
    return `The plan job's record could not be read (${read.unreadable}), so which objects differ is not known.`;
  const { records } = read;
  const record = records.find((r) => r.fingerprint === approved);
  if (!record) {
    return `No plan job of this run recorded a plan with the approved fingerprint ${approved.slice(0, 16)} (approve the fingerprint of a plan job of this run).`;
  }
  if (record.context !== planned.contextDigest) return differenceText({ added: [], changed: [], dropped: 0 });
  return differenceText(comparePlans(record.objects, planned.digests));
}

export async function refuseDispatch(
  approved: string,
  planned: PlannedRun,
  settings: Settings,
  context: ModeContext,
): Promise<never> {
  const what = (await whatDiffers(approved, planned, settings, context)).replace(
    /^Since the review, /,
    'Since the plan job, ',
  );
  await context.runtime.appendSummary(`### Not applied: the plan changed since it was approved\n\n${what}\n`);
  throw new ActionError(
    'plan-changed',
    `the plan differs from the one approved (approved-fingerprint), so nothing was applied. ${what} Run the plan job again and approve its fingerprint`,
  );
}
