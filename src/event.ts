// The event that started the run, as GITHUB_EVENT_PATH holds it: what the modes need from it, or a clear error
// when it lacks that (a hand-made or truncated payload must never make a mode a silent no-op).

import { readFileSync } from 'node:fs';
import { ActionError, errorMessage } from './errors.js';
import type { Environment } from './runtime.js';

interface RepositoryRef {
  readonly repo?: { readonly full_name?: unknown } | null;
}

export interface EventPayload {
  readonly pull_request?: {
    readonly number?: unknown;
    readonly head?: RepositoryRef;
    readonly base?: RepositoryRef;
  };
  readonly number?: unknown;
  readonly repository?: { readonly default_branch?: unknown };
}

export function eventPayload(env: Environment): EventPayload {
  if (!env.GITHUB_EVENT_PATH) return {};
  try {
    return JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as EventPayload;
  } catch (e) {
    throw new ActionError(
      'invalid-input',
      `the event payload ${env.GITHUB_EVENT_PATH} can't be read (${errorMessage(e)})`,
    );
  }
}

/** Whether a push is to the default branch; throws when the payload does not say which branch that is. */
export function pushedToDefaultBranch(env: Environment, event: EventPayload): boolean {
  const defaultBranch = event.repository?.default_branch;
  if (typeof defaultBranch !== 'string') {
    throw new ActionError(
      'invalid-input',
      "the push event's payload has no repository.default_branch, so mode auto can't tell a merge to the default branch from another push: set mode: apply (or plan) explicitly",
    );
  }
  return env.GITHUB_REF === `refs/heads/${defaultBranch}`;
}

/** The pull request number, for the events that carry one. */
export function pullRequestNumber(env: Environment, event: EventPayload): number | undefined {
  if (!/^pull_request(_target)?$/.test(env.GITHUB_EVENT_NAME ?? '')) return undefined;
  const number = event.pull_request?.number ?? event.number;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) {
    throw new ActionError(
      'invalid-input',
      `the ${env.GITHUB_EVENT_NAME ?? ''} event's payload (GITHUB_EVENT_PATH) has no pull request number, so the review has nowhere to go: run the action on the event GitHub sends, not a hand-made payload`,
    );
  }
  return number;
}

/**
 * Whether a pull_request event comes from a fork: its head is another repository (or one since deleted). GitHub
 * gives such a workflow no secrets and a read-only token. pull_request_target runs in the base repository, with both.
 */
export function fromFork(env: Environment, event: EventPayload): boolean {
  if (env.GITHUB_EVENT_NAME !== 'pull_request') return false;
  const head = event.pull_request?.head?.repo;
  const base = event.pull_request?.base?.repo?.full_name;
  if (typeof base !== 'string' || head === undefined) return false;
  return head === null || head.full_name !== base;
}
