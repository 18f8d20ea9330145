// "Plan, then report", once for every mode: plan with Terraform (or, in plan mode, read the given plan-json),
// summarize the plan as it streams and fingerprint it, then report it: one log line, the summary JSON file, the job
// summary and the outputs.

import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import {
  lockedProviders,
  readModuleConfiguration,
  type ModuleConfiguration,
} from '../configuration/module.js';
import { configurationDigest } from '../configuration/digest.js';
import { sensitiveVariableValues } from '../configuration/variables.js';
import { ActionError } from '../errors.js';
import { checkOktaCredentials } from '../okta/credentials.js';
import { orgRateLimits } from '../okta/rate-limit-probe.js';
import { planRunOutputs, summaryOutputs, type Outputs } from '../outputs.js';
import { planLine } from '../plan/counts.js';
import { contextDigest, fingerprint, FingerprintBuilder } from '../plan/fingerprint.js';
import { openPlan, planChunks } from '../plan/plan-file.js';
import { writeSummaryJson } from '../plan/summary-json.js';
import { summarizePlan } from '../plan/summarize.js';
import type { SecretScrubber } from '../plan/redact.js';
import type { PlanSummary } from '../plan/types.js';
import { annotateFindings } from '../render/annotations.js';
import { reviewSummaryMarkdown } from '../render/job-summary.js';
import { throttlingMarkdown } from '../render/throttling.js';
import type { Runtime } from '../runtime.js';
import type { ReviewTarget, Settings } from '../settings.js';
import type { SavedPlan, TerraformSession } from '../terraform/session.js';
import type { ModeContext } from './context.js';
import { writesHere, type ReviewedPlanFile } from './reviewed-plan-file.js';

export interface PlannedRun {
  readonly summary: PlanSummary;
  /** Each changed object's digest, to say what differs from a reviewed plan. */
  readonly digests: ReadonlyMap<string, string>;
  /** Each replace of a tainted object, digested as the create it completes (plan/fingerprint.ts). */
  readonly taintedCreates: ReadonlyMap<string, string>;
  /** The plan's fingerprint here: its changes, plus this directory, workspace and backend. */
  readonly fingerprint: string;
  /** The fingerprint's context alone (directory, workspace, backend, -target, providers), shortened. */
  readonly contextDigest: string;
  readonly outputs: Outputs;
  /** The configuration's digest before init (configuration/digest.ts), when a plan file is kept for the apply. */
  readonly configurationDigest?: string;
  /** The Terraform session, its saved plan and that plan as JSON; absent when the plan came from plan-json. */
  readonly terraform?: {
    readonly session: TerraformSession;
    readonly planFile: string;
    readonly jsonPlanFile: string;
    readonly hasChanges: boolean;
  };
}

export type Planned = Omit<PlannedRun, 'fingerprint' | 'contextDigest' | 'outputs'> & {
  readonly backend: string;
  readonly providers: Readonly<Record<string, string>>;
  /** The module's configuration, when it was read (where findings are annotated). */
  readonly configuration?: ModuleConfiguration;
};

async function summarizeGivenPlan(
  path: string,
  settings: Pick<Settings, 'env' | 'reviewPolicy' | 'rateLimits'>,
  secrets: SecretScrubber,
): Promise<Planned> {
  const builder = new FingerprintBuilder();
  const summary = await summarizePlan(await openPlan(path), {
    env: settings.env,
    fingerprint: builder,
    scrubber: secrets,
    policy: settings.reviewPolicy,
    rateLimits: settings.rateLimits,
  });
  return {
    summary,
    digests: builder.objectDigests(),
    taintedCreates: builder.taintedCreates(),
    backend: '',
    providers: {},
  };
}

/**
 * The root module's configuration, refused when it has no .tf files or Okta credentials are missing. The values of
 * its sensitive variables that files give are secrets of the run from now on: Terraform's errors echo values.
 */
export async function readRootModule(
  settings: Settings,
  secrets: SecretScrubber,
): Promise<ModuleConfiguration> {
  const configuration = await readModuleConfiguration(settings.workingDirectoryPath);
  const { varFiles } = settings.terraform;
  for (const value of await sensitiveVariableValues(settings.workingDirectoryPath, varFiles))
    secrets.add(value);
  // A typo in working-directory would otherwise "plan" an empty configuration: no changes, all green.
  if (configuration.files.length === 0) {
    throw new ActionError(
      'invalid-input',
      `working-directory ${settings.target.directory} has no Terraform files (.tf): give the directory of the org's root module, relative to the repository`,
    );
  }
  // Before Terraform spends minutes on install, init and refresh only to fail without credentials.
  checkOktaCredentials(configuration, settings.processEnv);
  return configuration;
}

/** Terraform installed and initialized in the root module, with the backend. */
export function startSession(
  settings: Settings,
  context: ModeContext,
  configuration: ModuleConfiguration,
): Promise<TerraformSession> {
  return context.startTerraform({
    terraform: settings.terraform,
    workingDirectory: settings.workingDirectoryPath,
    repositoryPath: settings.repositoryPath,
    tempDir: settings.tempDir,
    processEnv: settings.processEnv,
    requiredVersions: configuration.requiredVersions,
  });
}

/**
 * Plans, or with `reviewedPlanFile` (apply-from: plan-file) takes that saved plan as it is: then nothing is planned
 * and the org is not refreshed.
 */
async function planWithTerraform(
  settings: Settings,
  context: ModeContext,
  reviewedPlanFile: ReviewedPlanFile | undefined,
): Promise<Planned> {
  const configuration = await readRootModule(settings, context.secrets);
  // The plan job digests the checkout before init writes into it, as the apply does (reviewed-plan-file.ts).
  const keepsPlanFile = settings.mode === 'plan' && settings.planFile.applyFrom === 'plan-file';
  const digest = keepsPlanFile
    ? await configurationDigest(
        settings.workingDirectoryPath,
        settings.repositoryPath,
        settings.terraform.varFiles,
      )
    : undefined;
  const session = await startSession(settings, context, configuration);
  const usable = reviewedPlanFile && (await writesHere(reviewedPlanFile, session, settings, context.runtime));
  // A kept plan file was kept because it changes something.
  const saved: SavedPlan = usable
    ? { planFile: reviewedPlanFile.planFile, hasChanges: true, printOutput: () => Promise.resolve() }
    : await session.plan();
  return summarizeSavedPlan(settings, context, { configuration, session, saved, digest });
}

/** The saved plan of a session, summarized and fingerprinted as it streams from `terraform show -json`. */
export async function summarizeSavedPlan(
  settings: Settings,
  context: ModeContext,
  planned: {
    readonly configuration: ModuleConfiguration;
    readonly session: TerraformSession;
    readonly saved: SavedPlan;
    readonly digest?: string | undefined;
  },
): Promise<Planned> {
  const { configuration, session, saved, digest } = planned;
  const { planFile, hasChanges } = saved;
  const json = session.showJson(planFile);
  const builder = new FingerprintBuilder();
  // The review's forecast is the plan's and the drift report's: an apply spends no calls to read the limits.
  const rateLimits =
    settings.rateLimits.assumed && settings.mode !== 'apply'
      ? ((await orgRateLimits(
          configuration.providers,
          settings.processEnv,
          settings.rateLimits,
          context.runtime,
        )) ?? settings.rateLimits)
      : settings.rateLimits;
  const summary = await summarizePlan(planChunks(json.chunks), {
    env: settings.env,
    fingerprint: builder,
    scrubber: context.secrets,
    policy: settings.reviewPolicy,
    rateLimits,
  });
  // Only now are the plan's secrets (those okta/okta does not mark, too) masked: its text may go to the log.
  await saved.printOutput();
  return {
    summary,
    digests: builder.objectDigests(),
    taintedCreates: builder.taintedCreates(),
    backend: session.backend,
    providers: await lockedProviders(settings.workingDirectoryPath),
    terraform: { session, planFile, hasChanges, jsonPlanFile: json.path },
    configuration,
    ...(digest ? { configurationDigest: digest } : {}),
  };
}

/** One log line, the summary JSON file (in RUNNER_TEMP), the job summary; the outputs that say where and what. */
async function report(
  summary: PlanSummary,
  where: { readonly tempDir: string; readonly target: ReviewTarget },
  runtime: Runtime,
): Promise<Outputs> {
  runtime.info(
    summary.hasChanges
      ? `${planLine(summary.terraform)} ${summary.highRisk} high-risk, ${summary.drift.length} changed outside Terraform.`
      : `No changes. ${summary.drift.length} changed outside Terraform.`,
  );
  const dir = await mkdtemp(join(where.tempDir, 'okta-tf-summary-'));
  const summaryJsonPath = join(dir, 'summary.json');
  await writeSummaryJson(summaryJsonPath, summary);
  const { directory, workspace } = where.target;
  await runtime.appendSummary(reviewSummaryMarkdown(summary, { directory, workspace, summaryJsonPath }));
  return summaryOutputs(summary, summaryJsonPath);
}

export async function planAndReport(
  settings: Settings,
  context: ModeContext,
  reviewedPlanFile?: ReviewedPlanFile,
): Promise<PlannedRun> {
  return reportPlan(
    settings,
    context,
    settings.planJson
      ? await summarizeGivenPlan(settings.planJson, settings, context.secrets)
      : await planWithTerraform(settings, context, reviewedPlanFile),
  );
}

/** The plan reported: the log line, summary JSON, job summary, annotations, fingerprint and outputs. */
export async function reportPlan(
  settings: Settings,
  context: ModeContext,
  { backend, providers, configuration, ...planned }: Planned,
): Promise<PlannedRun> {
  const { summary, terraform } = planned;
  // On a pull request, each finding also shows on the line of the .tf file that declares its object.
  if (settings.mode === 'plan' && settings.github.pullRequest !== undefined && summary.findings.length > 0) {
    annotateFindings(
      summary.findings,
      configuration ?? (await readModuleConfiguration(settings.workingDirectoryPath)),
      { directory: settings.workingDirectoryPath, repository: settings.repositoryPath },
      context.runtime,
    );
  }
  const { directory, workspace } = settings.target;
  const where = { directory, workspace, backend, targets: settings.terraform.targets, providers };
  const planFingerprint = fingerprint(summary.planDigest, where);
  const outputs = {
    ...(await report(summary, settings, context.runtime)),
    ...planRunOutputs({
      fingerprint: planFingerprint,
      ...(terraform ? { planFile: terraform.planFile, jsonPlanFile: terraform.jsonPlanFile } : {}),
    }),
  };
  if (terraform) await tellThrottling(terraform.session, context.runtime);
  return { ...planned, fingerprint: planFingerprint, contextDigest: contextDigest(where), outputs };
}

/** What Okta's rate limits cost the session's commands since it was last told, in the job summary. */
export async function tellThrottling(session: TerraformSession, runtime: Runtime): Promise<void> {
  const markdown = throttlingMarkdown(await session.throttling());
  if (markdown) await runtime.appendSummary(markdown);
}
