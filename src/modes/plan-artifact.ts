// What a plan job keeps as artifacts of its run, named for its target so a matrix of orgs keeps one each; the
// review's marker names this run, where the apply looks for them (after asking GitHub whether the run planned the
// merged head, plan-run.ts):
// - its record (run-records.ts): the plan's fingerprint and objects, and the digest of the review text it rendered;
// - with apply-from: plan-file, the saved plan, sealed (plan/plan-envelope.ts).
// Nothing here fails the plan: without them the apply plans again, and approves only a review whose text shows
// every change as it is.

import { DefaultArtifactClient } from '@actions/artifact';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage } from '../errors.js';
import { sealPlan } from '../plan/plan-envelope.js';
import type { ReviewTarget, Settings } from '../settings.js';
import type { ChangeFacts } from '../approvals/requirements.js';
import type { ModeContext } from './context.js';
import type { PlannedRun } from './plan-and-report.js';
import {
  artifactsUnavailable,
  keepRecord,
  recordFacts,
  recordObjects,
  recordPrefix,
  RECORD_FORMAT,
  targetKey,
} from './run-records.js';

/** Days GitHub keeps the artifact: a review older than that is applied by planning again. */
export const PLAN_ARTIFACT_DAYS = 14;

/** The artifact names of one target's plan files: "okta-plan-" + a digest of the target + "-" + the run attempt. */
export function planArtifactPrefix(target: ReviewTarget): string {
  return `okta-plan-${targetKey(target)}-`;
}

interface UploadPieces {
  readonly key: string;
  readonly runId: string;
  readonly repository: string;
}

/** What the upload needs, or why this run can't keep its plan file. */
function uploadPieces(settings: Settings): UploadPieces | string {
  const { key } = settings.planFile;
  const { runId, repository } = settings.github;
  if (!key) return 'plan-encryption-key is not set (give the plan job the same secret as the apply job)';
  const unavailable = artifactsUnavailable(settings);
  if (unavailable || !runId || !repository) return unavailable ?? 'GITHUB_RUN_ID is not set';
  return { key, runId, repository: `${repository.owner}/${repository.repo}` };
}

/**
 * Uploads the sealed plan file for apply-from: plan-file. The run's ID (for the review's marker) when it is
 * uploaded; undefined, with a warning that says why, when not. A plan without changes has nothing to apply.
 */
export async function uploadPlanFile(
  settings: Settings,
  planned: PlannedRun,
  context: Pick<ModeContext, 'runtime'>,
): Promise<string | undefined> {
  const { terraform, configurationDigest } = planned;
  if (settings.planFile.applyFrom !== 'plan-file' || !terraform?.hasChanges || !configurationDigest)
    return undefined;
  const { runtime } = context;
  const pieces = uploadPieces(settings);
  if (typeof pieces === 'string') {
    runtime.warning(`The plan file was not kept for the apply (${pieces}): the apply will plan again.`);
    return undefined;
  }
  const dir = await mkdtemp(join(settings.tempDir, 'okta-tf-plan-artifact-'));
  const name = `${planArtifactPrefix(settings.target)}${settings.github.runAttempt}.bin`;
  const sealed = join(dir, name);
  try {
    await sealPlan(terraform.planFile, sealed, {
      secret: pieces.key,
      bound: settings.terraform.variables,
      header: {
        repository: pieces.repository,
        ...settings.target,
        fingerprint: planned.fingerprint,
        configuration: configurationDigest,
        plannedAt: new Date().toISOString(),
        run: pieces.runId,
      },
    });
    const uploaded = await new DefaultArtifactClient().uploadArtifact(name, [sealed], dir, {
      skipArchive: true,
      retentionDays: PLAN_ARTIFACT_DAYS,
    });
    runtime.info(
      `Kept the plan file for the apply, encrypted: artifact ${name} (${uploaded.size ?? 0} bytes, ${PLAN_ARTIFACT_DAYS} days).`,
    );
    return pieces.runId;
  } catch (e) {
    runtime.warning(
      `The plan file was not kept for the apply (${errorMessage(e)}): the apply will plan again.`,
    );
    return undefined;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Keeps this run's record of its plan (run-records.ts): when it was planned (the review's marker says the same) and
 * the digest of the review text it is about to post (none on a dispatch). A plan without changes approves nothing,
 * and a failed upload only warns: the apply then has the review's text alone to go by.
 */
export async function keepPlanRecord(
  settings: Settings,
  planned: PlannedRun,
  review: {
    readonly plannedAt: string;
    readonly digest: string | undefined;
    readonly facts: readonly ChangeFacts[];
  },
  context: Pick<ModeContext, 'runtime'>,
): Promise<void> {
  const { repository, runAttempt } = settings.github;
  // Kept for a plan without changes too: a review event judges its approvals by it (approvals.ts).
  if (artifactsUnavailable(settings) || !repository) return;
  const name = `${recordPrefix('plan', settings.target)}${runAttempt}.json`;
  try {
    await keepRecord(settings, name, {
      format: RECORD_FORMAT,
      kind: 'plan',
      repository: `${repository.owner}/${repository.repo}`,
      ...settings.target,
      fingerprint: planned.fingerprint,
      context: planned.contextDigest,
      objects: recordObjects(planned.digests),
      plannedAt: review.plannedAt,
      ...(review.digest ? { reviewDigest: review.digest } : {}),
      approvalFacts: recordFacts(review.facts),
    });
  } catch (e) {
    context.runtime.warning(
      `This run's record of its plan was not kept (${errorMessage(e)}): the apply can approve its review only by its text.`,
    );
  }
}
