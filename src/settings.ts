// The only reader of inputs and the runner's environment: everything else gets a readonly, typed Settings. Secrets
// found here (backend settings, variables, credentials in releases-url, the token, Okta credentials) go to
// runtime.setSecret here, before anything can print them: masked in the log, and scrubbed from all the run sends.

import { tmpdir } from 'node:os';
import { parseHcl } from './configuration/hcl.js';
import { ActionError, errorMessage } from './errors.js';
import {
  eventPayload,
  fromFork,
  pullOfEvent,
  pullRequestNumber,
  pushBefore,
  type EventPayload,
  type PullOfEvent,
} from './event.js';
import { checkWorkspaceName, confined, confinedPath, workingDirectory } from './input-paths.js';
import { InputReader } from './inputs.js';
import { environmentSecrets } from './environment-secrets.js';
import {
  chosenMode,
  MODE_CHOICES,
  importSettings,
  planFileSettings,
  rateLimits,
  type ImportSettings,
  type PlanFileSettings,
  type Mode,
} from './mode-settings.js';
import type { RateLimits } from './plan/api-forecast.js';
import { urlCredentials } from './plan/redact.js';
import { SEVERITIES, type BlockOn } from './review/findings.js';
import { DEFAULT_POLICY_FILE, readPolicy, type ReviewPolicy } from './review/policy.js';
import type { Environment, Runtime } from './runtime.js';
import { backendSecrets, parseBackendConfig, type BackendSetting } from './terraform/backend.js';
import type { Distribution } from './terraform/version-request.js';

export type { Mode } from './mode-settings.js';

export type { ImportSettings, PlanFileSettings };

export type CommentPolicy = 'always' | 'changes-only' | 'never';

export interface GitHubSettings {
  readonly token: string;
  readonly apiUrl: string;
  readonly repository: { readonly owner: string; readonly repo: string } | undefined;
  /** The pull request this run is for (pull_request and pull_request_target events). */
  readonly pullRequest: number | undefined;
  /** A pull_request event from a fork: no secrets, a read-only token. */
  readonly fromFork: boolean;
  readonly comment: CommentPolicy;
  /** Link to this workflow run, for the comment. */
  readonly runUrl: string | undefined;
  /** The pushed commit, on push events: its merged pull request holds the reviewed plan. */
  readonly pushedCommit: string | undefined;
  /** On push events, the branch's commit before the push (GitHub's `before`): the approval policy of the merge. */
  readonly pushBefore?: string;
  /** The pull request's head and base commits and author, as the event says (pull_request, pull_request_review). */
  readonly pull?: PullOfEvent;
  /** GITHUB_RUN_ID and GITHUB_RUN_ATTEMPT: where this run's plan file artifact is found. */
  readonly runId?: string;
  readonly runAttempt: string;
}

export interface TerraformSettings {
  readonly setup: boolean;
  readonly distribution: Distribution;
  /** As given; empty means "from the configuration" (version-request.ts). */
  readonly version: string;
  readonly releasesUrl?: string;
  readonly releasesPublicKey?: string;
  readonly backendConfig: readonly BackendSetting[];
  /** Paths as given, relative to the working directory. */
  readonly backendConfigFiles: readonly string[];
  /** The workspace input; undefined leaves Terraform's own choice (TF_WORKSPACE or the selected one). */
  readonly workspace?: string;
  readonly varFiles: readonly string[];
  /** HCL, as a .tfvars file would hold it. */
  readonly variables: string;
  readonly parallelism?: number;
  readonly targets: readonly string[];
  readonly refresh: boolean;
  readonly lockTimeout: string;
  readonly maxApiCapacity?: number;
}

/**
 * Which org's review a run is: the directory, workspace and label that the review comment's marker, the labels and
 * the drift issue are kept per, so a matrix of orgs keeps one of each per org.
 */
export interface ReviewTarget {
  /** The Terraform root module, relative to the workspace, as the user wrote it ("." for the root). */
  readonly directory: string;
  /** The Terraform workspace. */
  readonly workspace: string;
  /** Tells apart several reviews of one directory and workspace (the `label` input). */
  readonly label: string;
}

export interface Settings {
  readonly mode: Mode;
  /** Absolute path of a `terraform show -json` file to summarize instead of planning. */
  readonly planJson?: string;
  readonly target: ReviewTarget;
  /** The Terraform root module, absolute. */
  readonly workingDirectoryPath: string;
  /** The repository checkout (GITHUB_WORKSPACE): version files are searched up to here. */
  readonly repositoryPath: string;
  /** Where files the action writes for later steps go (RUNNER_TEMP). */
  readonly tempDir: string;
  /** OKTA_ORG_NAME and OKTA_BASE_URL: the org the review names when the provider block does not. */
  readonly env: Environment;
  readonly terraform: TerraformSettings;
  readonly autoApprove: boolean;
  /** The fingerprint a reviewer approved (workflow_dispatch: the plan job's `fingerprint` output). */
  readonly approvedFingerprint: string | undefined;
  /** Apply deletes and replaces of high-risk Okta objects without the approval label. */
  readonly allowHighRisk: boolean;
  /** Leave the run's files (RUNNER_TEMP, .terraform's backend settings) after the job: the post step removes them. */
  readonly keepRunFiles: boolean;
  /** Rules off, severities and allowlists for the security findings (review-policy, or .okta-review.yml). */
  readonly reviewPolicy: ReviewPolicy;
  /** Findings this severe or more need the high-risk approval to apply (input block-on). */
  readonly blockOn: BlockOn;
  /** The org's Okta rate limits and this run's share of them, for the API forecast (okta-rate-limits). */
  readonly rateLimits: RateLimits;
  readonly planFile: PlanFileSettings;
  /** Mode import only: the types to bring under Terraform and the branch its pull request goes to. */
  readonly import?: ImportSettings;
  readonly github: GitHubSettings;
  /** The runner's environment, for Terraform's processes and the credentials preflight. */
  readonly processEnv: Environment;
}

function lockTimeout(inputs: InputReader): string {
  const value = inputs.getInput('lock-timeout') || '5m';
  if (!/^\d+(ms|s|m|h)$/.test(value)) {
    throw new ActionError(
      'invalid-input',
      `the input lock-timeout must be a duration like 30s or 5m, not "${value}"`,
    );
  }
  return value;
}

function releasesUrl(inputs: InputReader): string | undefined {
  const value = inputs.getInput('releases-url');
  if (!value) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(url.protocol);
  } catch (e) {
    throw new ActionError(
      'invalid-input',
      `the input releases-url is not an http(s) URL (${errorMessage(e)})`,
    );
  }
  return value;
}

/** Masks every credential the runner's environment holds (environment-secrets.ts says which). */
function maskCredentials(runtime: Runtime): void {
  for (const secret of environmentSecrets(runtime.env)) runtime.setSecret(secret);
}

function approvedFingerprint(inputs: InputReader): string | undefined {
  const value = inputs.getInput('approved-fingerprint').trim().toLowerCase();
  if (!value) return undefined;
  if (!/^[0-9a-f]{64}$/.test(value)) {
    throw new ActionError(
      'invalid-input',
      "approved-fingerprint must be the 64 hex digits of the plan job's fingerprint output (needs.plan.outputs.fingerprint)",
    );
  }
  return value;
}

/**
 * The values of the `variables` input (HCL, as a .tfvars file): they are there because they are not in the
 * repository, so each is treated as a secret. Literal strings, and numbers long enough to be one.
 */
function variableSecrets(text: string): string[] {
  if (!text.trim()) return [];
  const numbers = [...text.matchAll(/^\s*[A-Za-z_][\w-]*\s*=\s*(-?\d+)\s*$/gm)].map((m) => m[1] as string);
  return [...parseHcl(text).strings, ...numbers];
}

function terraformSettings(
  inputs: InputReader,
  runtime: Runtime,
  where: { repository: string; directory: string },
): TerraformSettings {
  const backendConfig = parseBackendConfig(inputs.getInput('backend-config'));
  for (const secret of backendSecrets(backendConfig)) runtime.setSecret(secret);
  const variables = inputs.getInput('variables');
  for (const secret of variableSecrets(variables)) runtime.setSecret(secret);
  const workspaceInput = inputs.getInput('workspace');
  const workspace = workspaceInput ? checkWorkspaceName(workspaceInput) : undefined;
  const publicKey = inputs.getInput('releases-public-key');
  const url = releasesUrl(inputs);
  for (const secret of urlCredentials(url ?? '')) runtime.setSecret(secret);
  const parallelism = inputs.integerInput('parallelism', 1, 256);
  const maxApiCapacity = inputs.integerInput('okta-max-api-capacity', 1, 100);
  return {
    setup: inputs.booleanInput('setup'),
    distribution: inputs.choiceInput('distribution', ['terraform', 'opentofu'], 'terraform'),
    version: inputs.getInput('terraform-version'),
    ...(url ? { releasesUrl: url } : {}),
    ...(publicKey ? { releasesPublicKey: publicKey } : {}),
    backendConfig,
    backendConfigFiles: confined(inputs.multilineInput('backend-config-file'), 'backend-config-file', where),
    ...(workspace ? { workspace } : {}),
    varFiles: confined(inputs.multilineInput('var-file'), 'var-file', where),
    variables,
    ...(parallelism ? { parallelism } : {}),
    targets: inputs.multilineInput('target'),
    refresh: inputs.booleanInput('refresh'),
    lockTimeout: lockTimeout(inputs),
    ...(maxApiCapacity ? { maxApiCapacity } : {}),
  };
}

function githubSettings(inputs: InputReader, runtime: Runtime, event: EventPayload): GitHubSettings {
  const { env } = runtime;
  const token = inputs.getInput('github-token');
  if (token) runtime.setSecret(token);
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  return {
    token,
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    repository: owner && repo ? { owner, repo } : undefined,
    pullRequest: pullRequestNumber(env, event),
    fromFork: fromFork(env, event),
    comment: inputs.choiceInput('comment', ['always', 'changes-only', 'never'], 'always'),
    runUrl:
      env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
        ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined,
    pushedCommit: env.GITHUB_EVENT_NAME === 'push' ? env.GITHUB_SHA : undefined,
    ...pushBefore(env, event),
    ...pullOfEvent(env, event),
    ...(env.GITHUB_RUN_ID ? { runId: env.GITHUB_RUN_ID } : {}),
    runAttempt: env.GITHUB_RUN_ATTEMPT || '1',
  };
}

/** The input review-policy (a file in the checkout), else the checkout's .okta-review.yml when there is one. */
function reviewPolicy(inputs: InputReader, repository: string): ReviewPolicy {
  const given = inputs.getInput('review-policy');
  const path = confinedPath(repository, repository, given || DEFAULT_POLICY_FILE, 'review-policy');
  return readPolicy(path, given || DEFAULT_POLICY_FILE, { required: given !== '' });
}

export function readSettings(runtime: Runtime): Settings {
  maskCredentials(runtime);
  const { env } = runtime;
  const inputs = new InputReader(runtime);
  const repository = env.GITHUB_WORKSPACE || process.cwd();
  const directory = workingDirectory(repository, inputs.getInput('working-directory'));
  const planJson = inputs.getInput('plan-json');
  const terraform = terraformSettings(inputs, runtime, { repository, directory: directory.path });
  const event = eventPayload(env);
  const chosen = chosenMode(inputs.choiceInput('mode', MODE_CHOICES, 'auto'), env, event);
  if (planJson && chosen !== 'plan' && chosen !== 'discover') {
    throw new ActionError(
      'invalid-input',
      `plan-json is for plan mode only: ${chosen} plans for itself, so remove plan-json`,
    );
  }
  const importing = importSettings(inputs.multilineInput('import-types'), env, chosen === 'import');
  return {
    mode: chosen,
    // RUNNER_TEMP too: the json-plan-path of an earlier step is there.
    ...(planJson
      ? { planJson: confinedPath(repository, directory.path, planJson, 'plan-json', env.RUNNER_TEMP) }
      : {}),
    target: {
      directory: directory.display,
      workspace: terraform.workspace ?? (env.TF_WORKSPACE?.trim() || 'default'),
      label: inputs.getInput('label'),
    },
    workingDirectoryPath: directory.path,
    repositoryPath: repository,
    tempDir: env.RUNNER_TEMP || tmpdir(),
    env: { OKTA_ORG_NAME: env.OKTA_ORG_NAME, OKTA_BASE_URL: env.OKTA_BASE_URL },
    terraform,
    autoApprove: inputs.booleanInput('auto-approve'),
    approvedFingerprint: approvedFingerprint(inputs),
    allowHighRisk: inputs.booleanInput('allow-high-risk'),
    keepRunFiles: inputs.booleanInput('keep-run-files'),
    reviewPolicy: reviewPolicy(inputs, repository),
    blockOn: inputs.choiceInput('block-on', [...SEVERITIES, 'none'], 'high'),
    rateLimits: rateLimits(inputs.getInput('okta-rate-limits'), terraform.maxApiCapacity),
    planFile: planFileSettings(
      {
        key: inputs.getInput('plan-encryption-key'),
        applyFrom: inputs.choiceInput('apply-from', ['re-plan', 'plan-file'], 're-plan'),
      },
      runtime,
    ),
    ...(importing ? { import: importing } : {}),
    github: githubSettings(inputs, runtime, event),
    processEnv: env,
  };
}
