// The settings one mode needs besides the common ones, checked here from the inputs settings.ts (the only reader of
// inputs) read: the plan file an apply takes (apply-from), Okta's rate limits for the forecast, and what onboarding
// imports (mode: import).

import { ActionError, errorMessage } from './errors.js';
import { SCANNED_TYPES } from './okta/unmanaged.js';
import { parseRateLimits, type RateLimits } from './plan/api-forecast.js';
import type { Environment, Runtime } from './runtime.js';
import { pushedToDefaultBranch, type EventPayload } from './event.js';

/** The input mode's values: auto, then each mode. */
export const MODE_CHOICES = ['auto', 'plan', 'apply', 'approvals', 'drift', 'discover', 'import'] as const;
export type Mode = Exclude<(typeof MODE_CHOICES)[number], 'auto'>;

/** Where an apply takes its plan from (apply-from), and the secret that seals the plan file (plan-encryption-key). */
export interface PlanFileSettings {
  /** plan-file: the reviewed run's sealed plan file, when every piece is there; re-plan: plan again on merge. */
  readonly applyFrom: 'plan-file' | 're-plan';
  readonly key: string | undefined;
}

/** What mode: import brings under Terraform, and the branch its pull request goes to. */
export interface ImportSettings {
  /** The okta/okta types to look for (import-types). */
  readonly types: readonly string[];
  /** The branch this run is on (GITHUB_REF) and its commit (GITHUB_SHA): the pull request's base and parent. */
  readonly base: { readonly branch: string; readonly sha: string };
}

export function rateLimits(input: string, maxApiCapacity: number | undefined): RateLimits {
  try {
    return parseRateLimits(input, maxApiCapacity);
  } catch (e) {
    throw new ActionError(
      'invalid-input',
      `the input okta-rate-limits is not valid: ${errorMessage(e)}; give your Okta plan (e.g. enterprise), then bucket = calls per minute lines for limits your admin changed`,
    );
  }
}

/** Well below this, a key guessed offline opens every plan file of the repository (the artifacts are readable). */
const MIN_KEY_CHARACTERS = 32;

export function planFileSettings(
  input: { readonly key: string; readonly applyFrom: PlanFileSettings['applyFrom'] },
  runtime: Runtime,
): PlanFileSettings {
  const { key, applyFrom } = input;
  if (key) runtime.setSecret(key);
  if (key && key.length < MIN_KEY_CHARACTERS) {
    throw new ActionError(
      'invalid-input',
      `plan-encryption-key is ${key.length} characters, and it must be at least ${MIN_KEY_CHARACTERS}: make one with \`openssl rand -base64 32\` and keep it as a repository secret`,
    );
  }
  return { applyFrom, key: key || undefined };
}

/** import-types in mode: import (required there, refused elsewhere), and the branch the run is on. */
export function importSettings(
  lines: readonly string[],
  env: Environment,
  importing: boolean,
): ImportSettings | undefined {
  const types = lines
    .flatMap((line) => line.split(','))
    .map((type) => type.trim())
    .filter(Boolean);
  if (!importing) {
    if (types.length > 0) {
      throw new ActionError(
        'invalid-input',
        'import-types is for mode: import: remove it, or set mode: import',
      );
    }
    return undefined;
  }
  const supported = SCANNED_TYPES.join(', ');
  if (types.length === 0) {
    throw new ActionError(
      'invalid-input',
      `mode: import needs import-types: the okta/okta types to bring under Terraform, among ${supported}`,
    );
  }
  for (const type of types) {
    if (type === 'okta_user') {
      throw new ActionError(
        'invalid-input',
        "import-types names okta_user: users are not imported (Okta's guidance: users come from a directory or HR source, not from Terraform); remove it",
      );
    }
    if (!SCANNED_TYPES.includes(type)) {
      throw new ActionError(
        'invalid-input',
        `import-types names ${type}, which onboarding does not list; use some of ${supported}`,
      );
    }
  }
  const branch = /^refs\/heads\/(.+)$/.exec(env.GITHUB_REF ?? '')?.[1];
  const sha = env.GITHUB_SHA ?? '';
  if (!branch || !/^[0-9a-f]{40}$/.test(sha)) {
    throw new ActionError(
      'invalid-input',
      `mode: import opens a pull request against the branch it runs on, and this run is on ${env.GITHUB_REF || 'no ref'}: run it on a branch (workflow_dispatch or schedule)`,
    );
  }
  return { types: [...new Set(types)], base: { branch, sha } };
}

/**
 * auto: apply what was merged into the default branch and what a dispatch approves; judge approvals again on a
 * review; drift on schedule; else plan.
 */
export function chosenMode(chosen: Mode | 'auto', env: Environment, event: EventPayload): Mode {
  if (chosen !== 'auto') return chosen;
  if (env.GITHUB_EVENT_NAME === 'pull_request_review') return 'approvals';
  if (env.GITHUB_EVENT_NAME === 'workflow_dispatch') return 'apply';
  if (env.GITHUB_EVENT_NAME === 'schedule') return 'drift';
  return env.GITHUB_EVENT_NAME === 'push' && pushedToDefaultBranch(env, event) ? 'apply' : 'plan';
}
