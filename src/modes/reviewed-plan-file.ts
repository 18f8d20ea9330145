// The apply's half of apply-from: plan-file: find the reviewed run's sealed plan file, open it, and check it is the
// reviewed plan for this target, made from the configuration that was merged. The run is the one the review names,
// taken only when GitHub says it planned this pull request's merged head (plan-run.ts). Each missing or failed piece
// is a reason to plan again, said in the log; it never applies anything by itself. What makes the plan file safe to
// apply is checked twice: here from its authenticated header, and once it is summarized, as for a plan made on
// merge: a review must approve exactly it (approve-review.ts).

import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { configurationDigest } from '../configuration/digest.js';
import { errorMessage } from '../errors.js';
import { downloadArtifact, runArtifacts } from '../github/artifacts.js';
import { httpStatus } from '../github/octokit.js';
import { openPlan, PlanEnvelopeError, type OpenedPlan } from '../plan/plan-envelope.js';
import type { Runtime } from '../runtime.js';
import type { Settings } from '../settings.js';
import { sameBackend } from '../terraform/backend.js';
import { planBackend } from '../terraform/plan-backend.js';
import type { TerraformSession } from '../terraform/session.js';
import type { ApprovalGate } from './approval.js';
import { planRunDistrust } from './plan-run.js';
import type { ModeContext } from './context.js';
import { planArtifactPrefix } from './plan-artifact.js';
import { ACTIONS_READ_HINT } from './run-records.js';

/** The reviewed plan file, opened, or why the apply plans again. */
export type PlanSource =
  | { readonly kind: 'plan-file'; readonly planFile: string; readonly run: string }
  | { readonly kind: 're-plan'; readonly why?: string };

type Approved = { readonly run: string; readonly fingerprint: string } | { readonly why: string };

/** The run whose artifact holds the approved plan, and its fingerprint; or why there is none to look for. */
async function approvedPlan(settings: Settings, context: ModeContext, gate: ApprovalGate): Promise<Approved> {
  if (gate.kind === 'auto' || gate.kind === 'used') return { why: 'no review approved a plan file' };
  if (gate.kind === 'fingerprint') {
    // workflow_dispatch: the plan job is a job of this run.
    const run = settings.github.runId;
    return run ? { run, fingerprint: gate.fingerprint } : { why: 'GITHUB_RUN_ID is not set' };
  }
  if (gate.kind === 'resume')
    return { why: 'an earlier apply of this review stopped part-way, so its plan file is spent' };
  const [newest] = gate.candidates;
  const { planRun: run, fingerprint } = newest?.comment.marker ?? {};
  if (!run || !fingerprint) {
    return {
      why: "the review's run kept no plan file (give its plan job apply-from: plan-file and plan-encryption-key)",
    };
  }
  const distrust = context.github
    ? await planRunDistrust(context.github, gate.pullRequest.repository, Number(run), gate.pull)
    : 'there is no GitHub client';
  return distrust ? { why: distrust } : { run, fingerprint };
}

/** Why an opened plan file is not the approved plan of this target made from the merged configuration. */
function openedProblem(
  opened: OpenedPlan,
  expected: {
    readonly settings: Settings;
    readonly repository: string;
    readonly approvedFingerprint: string;
    readonly merged: string;
  },
): string | undefined {
  const { header } = opened;
  const { target, terraform } = expected.settings;
  if (
    header.repository !== expected.repository ||
    header.directory !== target.directory ||
    header.workspace !== target.workspace ||
    header.label !== target.label
  ) {
    return 'it is the plan of another repository, directory, workspace or label';
  }
  if (header.fingerprint !== expected.approvedFingerprint)
    return 'it is not the approved plan (its fingerprint differs)';
  if (header.configuration !== expected.merged) {
    return 'the merged configuration differs from the one it was planned from (commits after the last plan, or another pull request merged since)';
  }
  if (!opened.binds(terraform.variables)) return 'the variables input differs from the plan job';
  return undefined;
}

async function fetchPlanFile(
  settings: Settings,
  context: ModeContext,
  run: string,
  approvedFingerprint: string,
): Promise<PlanSource> {
  const { github } = context;
  const { repository } = settings.github;
  const key = settings.planFile.key;
  if (!key) return { kind: 're-plan', why: 'plan-encryption-key is not set' };
  if (!github || !repository) return { kind: 're-plan', why: 'GITHUB_REPOSITORY is not set' };
  // Before init, as the plan job digested it: init writes into the directory.
  const merged = await configurationDigest(
    settings.workingDirectoryPath,
    settings.repositoryPath,
    settings.terraform.varFiles,
  );
  const prefix = planArtifactPrefix(settings.target);
  let artifacts;
  try {
    artifacts = await runArtifacts(github, repository, Number(run), prefix);
  } catch (e) {
    const hint = httpStatus(e) === 403 ? `: ${ACTIONS_READ_HINT}` : '';
    return { kind: 're-plan', why: `its artifacts could not be listed (${errorMessage(e)})${hint}` };
  }
  const artifact = artifacts.find((a) => !a.expired);
  if (!artifact) {
    const why =
      artifacts.length > 0 ? 'its plan file has expired' : `run ${run} has no plan file for this directory`;
    return { kind: 're-plan', why };
  }
  const dir = await mkdtemp(join(settings.tempDir, 'okta-tf-reviewed-plan-'));
  const sealed = join(dir, 'sealed.bin');
  const planFile = join(dir, 'reviewed.tfplan');
  try {
    await downloadArtifact(github, repository, artifact.id, sealed);
    const opened = await openPlan(sealed, planFile, key);
    const problem = openedProblem(opened, {
      settings,
      repository: `${repository.owner}/${repository.repo}`,
      approvedFingerprint,
      merged,
    });
    if (!problem) return { kind: 'plan-file', planFile, run };
    await rm(planFile, { force: true });
    return { kind: 're-plan', why: `${artifact.name}: ${problem}` };
  } catch (e) {
    await rm(planFile, { force: true });
    if (e instanceof PlanEnvelopeError) return { kind: 're-plan', why: `${artifact.name}: ${e.message}` };
    return { kind: 're-plan', why: `${artifact.name} could not be downloaded (${errorMessage(e)})` };
  } finally {
    await rm(sealed, { force: true });
  }
}

/** Where the apply's plan comes from, said in the log: the reviewed plan file, or a new plan and why. */
export async function planSource(
  settings: Settings,
  context: ModeContext,
  gate: ApprovalGate,
): Promise<PlanSource> {
  if (settings.planFile.applyFrom !== 'plan-file') return { kind: 're-plan' };
  const approved = await approvedPlan(settings, context, gate);
  const source: PlanSource =
    'why' in approved
      ? { kind: 're-plan', why: approved.why }
      : await fetchPlanFile(settings, context, approved.run, approved.fingerprint);
  // Applying it is said once its backend is checked (plan-and-report.ts).
  if (source.kind === 're-plan' && source.why) {
    context.runtime.warning(`apply-from: plan-file, but the apply plans again: ${source.why}.`);
  }
  return source;
}

/** A reviewed plan file (reviewed-plan-file.ts) and the run that kept it. */
export interface ReviewedPlanFile {
  readonly planFile: string;
  readonly run: string;
}

/**
 * Whether a reviewed plan file writes its state where this job's Terraform does: Terraform applies a saved plan to
 * the backend recorded in it. Said in the log either way.
 */
export async function writesHere(
  reviewed: ReviewedPlanFile,
  session: TerraformSession,
  settings: Settings,
  runtime: Runtime,
): Promise<boolean> {
  let why: string;
  try {
    const recorded = await planBackend(reviewed.planFile);
    const { workspace } = settings.target;
    if (sameBackend(recorded.identity, session.backend) && recorded.workspace === workspace) {
      runtime.info(
        `Applying the reviewed plan file of run ${reviewed.run}: no new plan, no second refresh of the org.`,
      );
      return true;
    }
    why = `writes its state to ${recorded.identity} (workspace ${recorded.workspace}), not to this job's ${session.backend} (workspace ${workspace})`;
  } catch (e) {
    why = `has a backend that could not be read (${errorMessage(e)})`;
  }
  runtime.warning(`apply-from: plan-file, but the apply plans again: the plan file ${why}.`);
  return false;
}
