// The event that started the run, as GITHUB_EVENT_PATH holds it: what the modes need from it, or a clear error
// when it lacks that (a hand-made or truncated payload must never make a mode a silent no-op).

import { readFileSync } from 'node:fs';
import { ActionError, errorMessage } from './errors.js';
import type { Environment } from './runtime.js';

interface RepositoryRef {
  readonly repo?: { readonly full_name?: unknown } | null;
}

interface CommitRef extends RepositoryRef {
  readonly sha?: unknown;
}

export interface EventPayload {
  readonly pull_request?: {
    readonly number?: unknown;
    readonly head?: CommitRef;
    readonly base?: CommitRef;
    readonly user?: { readonly login?: unknown } | null;
  };
  readonly number?: unknown;
  /** push: the branch's commit before the push. */
  readonly before?: unknown;
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

const PULL_EVENTS = /^pull_request(_target|_review)?$/;
const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/** The pull request's head and base commits and its author, as GitHub's event payload has them. */
export interface PullOfEvent {
  readonly headSha: string;
  readonly baseSha: string;
  readonly author: string | undefined;
}

/** The pull request of a pull_request, pull_request_target or pull_request_review event, when it names its commits. */
export function pullOfEvent(env: Environment, event: EventPayload): { pull?: PullOfEvent } {
  const pull = event.pull_request;
  const [head, base] = [pull?.head?.sha, pull?.base?.sha];
  if (!PULL_EVENTS.test(env.GITHUB_EVENT_NAME ?? '') || typeof head !== 'string' || typeof base !== 'string')
    return {};
  if (!SHA.test(head) || !SHA.test(base)) return {};
  const login = pull?.user?.login;
  return { pull: { headSha: head, baseSha: base, author: typeof login === 'string' ? login : undefined } };
}

/** A push's `before`, when it is a commit (all zeros: the branch was created by the push). */
export function pushBefore(env: Environment, event: EventPayload): { pushBefore?: string } {
  const before = event.before;
  if (
    env.GITHUB_EVENT_NAME !== 'push' ||
    typeof before !== 'string' ||
    !SHA.test(before) ||
    /^0+$/.test(before)
  )
    return {};
  return { pushBefore: before };
}

/** The pull request number, for the events that carry one. */
export function pullRequestNumber(env: Environment, event: EventPayload): number | undefined {
  if (!PULL_EVENTS.test(env.GITHUB_EVENT_NAME ?? '')) return undefined;
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
