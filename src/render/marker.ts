// The hidden marker in the review comment: which directory, workspace and label the comment is for (so a matrix of
// orgs keeps one comment each), the fingerprint of the plan it shows, when it was planned, the run that planned it
// and what an apply made of it. It finds the comment; it approves nothing: anyone with write access can edit it, as
// the action's own identity too (README, Threat model). Anyone who can read the repository reads it, so it holds no
// text from the plan.

import type { PlanDifference } from '../plan/fingerprint.js';
import type { ReviewTarget } from '../settings.js';
import type { ApplyReport } from '../terraform/apply-log.js';

const PREFIX = '<!-- okta-terraform-action ';
/** The drift issue's marker: the same fields, another prefix, so an issue is never taken for a review. */
export const DRIFT_PREFIX = '<!-- okta-terraform-action:drift ';
/** The marker of the notice a refused apply leaves on the pull request (never taken for a review either). */
export const NOTICE_PREFIX = '<!-- okta-terraform-action:notice ';
const SUFFIX = ' -->';

/**
 * What became of a reviewed plan on merge or dispatch: the status line of the review comment, and its kind in the
 * marker. Once an apply started from a review (applying, applied, apply-failed), the review can't approve another.
 */
export type ReviewStatus =
  | { readonly kind: 'applying' }
  | { readonly kind: 'applied'; readonly report: ApplyReport }
  | {
      readonly kind: 'apply-failed';
      readonly report: ApplyReport;
      readonly reason: string;
      readonly message: string;
      readonly notAttempted: number;
    }
  | {
      readonly kind: 'plan-changed';
      readonly difference: PlanDifference | undefined;
      /** Said instead of the difference: Terraform refused the reviewed plan file as stale. */
      readonly why?: string;
    };

export type ReviewStatusKind = ReviewStatus['kind'];

export interface ReviewMarker extends ReviewTarget {
  /**
   * The marker's format, and with it the review's layout: 3 since the review's plan part and context part (review.ts).
   * An older review approves nothing ("plan again").
   */
  readonly version?: number;
  /** When the plan this comment shows was made (ISO 8601, whole seconds). */
  readonly plannedAt?: string;
  /** Absent when the plan failed: such a comment approves nothing. */
  readonly fingerprint?: string;
  /** The workflow run that planned it and kept its record (and sealed plan file) as artifacts. */
  readonly planRun?: string;
  readonly status?: ReviewStatusKind;
}

export const MARKER_VERSION = 3;

const STATUSES: readonly string[] = [
  'applying',
  'applied',
  'apply-failed',
  'plan-changed',
] satisfies ReviewStatusKind[];

export function renderMarker(marker: ReviewMarker, prefix = PREFIX): string {
  const json = JSON.stringify({
    v: MARKER_VERSION,
    dir: marker.directory,
    workspace: marker.workspace,
    label: marker.label,
    ...(marker.plannedAt ? { planned: marker.plannedAt } : {}),
    ...(marker.fingerprint ? { fingerprint: marker.fingerprint } : {}),
    ...(marker.planRun ? { run: marker.planRun } : {}),
    ...(marker.status ? { status: marker.status } : {}),
  });
  // "--" can't appear inside an HTML comment, and "-->" would end it early.
  return `${prefix}${json.replace(/-/g, '\\u002d')}${SUFFIX}`;
}

export function parseMarker(body: string, prefix = PREFIX): ReviewMarker | undefined {
  const start = body.indexOf(prefix);
  if (start < 0) return undefined;
  const end = body.indexOf(SUFFIX, start + prefix.length);
  if (end < 0) return undefined;
  try {
    const data = JSON.parse(body.slice(start + prefix.length, end)) as Record<string, unknown>;
    const version = data.v;
    if (typeof version !== 'number' || typeof data.dir !== 'string' || typeof data.workspace !== 'string')
      return undefined;
    return {
      version,
      directory: data.dir,
      workspace: data.workspace,
      label: typeof data.label === 'string' ? data.label : '',
      ...(typeof data.planned === 'string' ? { plannedAt: data.planned } : {}),
      ...(typeof data.fingerprint === 'string' ? { fingerprint: data.fingerprint } : {}),
      ...(typeof data.run === 'string' && /^\d{1,20}$/.test(data.run) ? { planRun: data.run } : {}),
      ...(typeof data.status === 'string' && STATUSES.includes(data.status)
        ? { status: data.status as ReviewStatusKind }
        : {}),
    };
  } catch {
    return undefined;
  }
}

/** The action's hidden comments: markers, drift markers, status delimiters. */
const HIDDEN = /<!-- okta-terraform-action[\s\S]*? -->/g;

/**
 * Scrubs text the action posts, but not its hidden markers: they hold only the target (inputs), hashes and times,
 * never text from the plan, and a secret that happened to equal a directory name or a run of hex digits must not
 * break the marker that finds and checks the review.
 */
export function scrubAroundMarkers(text: string, scrub: (text: string) => string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(HIDDEN)) {
    out += scrub(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + scrub(text.slice(last));
}

export function sameTarget(a: ReviewTarget, b: ReviewTarget): boolean {
  return a.directory === b.directory && a.workspace === b.workspace && a.label === b.label;
}
