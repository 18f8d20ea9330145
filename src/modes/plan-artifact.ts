// The plan job's half of apply-from: plan-file. The saved plan, sealed (plan/plan-envelope.ts), goes up as an
// artifact of this run with @actions/artifact, named for its target so a matrix of orgs keeps one each; the
// review's marker names this run, where the apply looks for it. Nothing here fails the plan: without the plan
// file, the apply plans again.

import { DefaultArtifactClient } from '@actions/artifact';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage } from '../errors.js';
import { sealPlan } from '../plan/plan-envelope.js';
import type { ReviewTarget, Settings } from '../settings.js';
import type { ModeContext } from './context.js';
import type { PlannedRun } from './plan-and-report.js';

/** Days GitHub keeps the artifact: a review older than that is applied by planning again. */
export const PLAN_ARTIFACT_DAYS = 14;

/** The artifact names of one target's plan files: "okta-plan-" + a digest of the target + "-" + the run attempt. */
export function planArtifactPrefix(target: ReviewTarget): string {
  const { directory, workspace, label } = target;
  const key = createHash('sha256').update(`${directory}\0${workspace}\0${label}`).digest('hex').slice(0, 12);
  return `okta-plan-${key}-`;
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
  const env = settings.processEnv;
  if (!key) return 'plan-encryption-key is not set (give the plan job the same secret as the apply job)';
  if (!env.ACTIONS_RUNTIME_TOKEN || !env.ACTIONS_RESULTS_URL || !runId || !repository) {
    return 'this is not a GitHub Actions job (no ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL, GITHUB_RUN_ID or GITHUB_REPOSITORY)';
  }
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
