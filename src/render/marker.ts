// The hidden marker in the review comment: which directory, workspace and label the comment is for (so a matrix of
// orgs keeps one comment each), the fingerprint of the plan it shows and when it was planned (so apply can prove
// what was reviewed, and that it was before the merge). Anyone who can read the repository reads it, so it holds
// no text from the plan: objects are keyed by a hash of their address.

import { objectKey, type PlanDifference } from '../plan/fingerprint.js';
import type { ReviewTarget } from '../settings.js';
import type { ApplyReport } from '../terraform/apply-log.js';

const PREFIX = '<!-- okta-terraform-action ';
/** The drift issue's marker: the same fields, another prefix, so an issue is never taken for a review. */
export const DRIFT_PREFIX = '<!-- okta-terraform-action:drift ';
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
  /** The marker's format: 2 since fingerprint v2; a v1 review approves nothing ("plan again"). */
  readonly version?: number;
  /** When the plan this comment shows was made (ISO 8601, whole seconds). */
  readonly plannedAt?: string;
  /** Absent when the plan failed: such a comment approves nothing. */
  readonly fingerprint?: string;
  /**
   * Each changed object's digest by a hash of its address, both shortened (absent for plans too big to list): says
   * what differs on merge.
   */
  readonly objects?: Readonly<Record<string, string>>;
  /** The digest of the fingerprint's context (plan/fingerprint.ts contextDigest), for a re-run after a failure. */
  readonly context?: string;
  /** The workflow run that kept this plan's sealed plan file as an artifact (apply-from: plan-file). */
  readonly planRun?: string;
  readonly status?: ReviewStatusKind;
}

export const MARKER_VERSION = 2;

const STATUSES: readonly string[] = [
  'applying',
  'applied',
  'apply-failed',
  'plan-changed',
] satisfies ReviewStatusKind[];

/** Digits of each object's digest kept in the marker: enough to tell changes apart, small enough to list many. */
export const OBJECT_DIGEST_CHARS = 12;
/** Bytes of the comment the object list may take; beyond that only the fingerprint is kept. */
const OBJECTS_BUDGET = 20_000;

/** The per-object digests for a marker, or undefined when the list would not fit. */
export function markerObjects(digests: ReadonlyMap<string, string>): Record<string, string> | undefined {
  const objects: Record<string, string> = {};
  let bytes = 0;
  for (const [identity, digest] of digests) {
    const key = objectKey(identity);
    bytes += key.length + OBJECT_DIGEST_CHARS + 6;
    if (bytes > OBJECTS_BUDGET) return undefined;
    objects[key] = digest.slice(0, OBJECT_DIGEST_CHARS);
  }
  return objects;
}

export function renderMarker(marker: ReviewMarker, prefix = PREFIX): string {
  const json = JSON.stringify({
    v: MARKER_VERSION,
    dir: marker.directory,
    workspace: marker.workspace,
    label: marker.label,
    ...(marker.plannedAt ? { planned: marker.plannedAt } : {}),
    ...(marker.fingerprint ? { fingerprint: marker.fingerprint } : {}),
    ...(marker.objects ? { objects: marker.objects } : {}),
    ...(marker.context ? { ctx: marker.context } : {}),
    ...(marker.planRun ? { run: marker.planRun } : {}),
    ...(marker.status ? { status: marker.status } : {}),
  });
  // "--" can't appear inside an HTML comment, and "-->" would end it early.
  return `${prefix}${json.replace(/-/g, '\\u002d')}${SUFFIX}`;
}

function objectsOf(value: unknown): Record<string, string> | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as Record<string, unknown>);
  return entries.every(([, v]) => typeof v === 'string') ? (value as Record<string, string>) : undefined;
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
      ...(objectsOf(data.objects) ? { objects: objectsOf(data.objects) } : {}),
      ...(typeof data.ctx === 'string' ? { context: data.ctx } : {}),
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
