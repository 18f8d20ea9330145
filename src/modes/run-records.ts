// What a run keeps of its plan or its apply, as an artifact of that run. Only that run can upload to itself (its
// runtime token), so another run reads the record as the word of the run GitHub says made it (plan-run.ts checks
// which run that is): a plan run's record says what it planned (fingerprint, each object's digest) and which review
// text it rendered; an apply run's record says which review it began to apply, and the objects it was to apply, for
// a re-run of that same run. JSON with no secrets: objects are keyed by a hash of their address, as in a marker.
// Read through the REST API (another run's, or an earlier attempt's: the runtime token sees only this attempt's),
// which needs `actions: read`.

import { DefaultArtifactClient } from '@actions/artifact';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { downloadArtifact, runArtifacts } from '../github/artifacts.js';
import type { Repository } from '../github/issue-comments.js';
import { httpStatus, type GitHubClient } from '../github/octokit.js';
import { errorMessage } from '../errors.js';
import { objectKey } from '../plan/fingerprint.js';
import type { ReviewTarget, Settings } from '../settings.js';
import type { ChangeFacts } from '../approvals/requirements.js';
import { LEVELS } from '../review/scale.js';

export const RECORD_FORMAT = 'okta-terraform-action/run-record@1';

interface RecordBase extends ReviewTarget {
  readonly format: typeof RECORD_FORMAT;
  /** owner/repo */
  readonly repository: string;
  readonly fingerprint: string;
  /** The fingerprint's context alone (plan/fingerprint.ts contextDigest). */
  readonly context: string;
  /** Each changed object's digest, by a hash of its identity (objectKey). */
  readonly objects: Readonly<Record<string, string>>;
}

/** A plan run's record: what it planned, and the digest of the review text it rendered for the pull request. */
export interface PlanRecord extends RecordBase {
  readonly kind: 'plan';
  readonly plannedAt: string;
  readonly reviewDigest?: string;
  /**
   * What the approval policy matches of each change (src/approvals/requirements.ts), without addresses (they can
   * hold for_each keys): a review event judges approvals by it without planning again.
   */
  readonly approvalFacts?: readonly ChangeFacts[];
}

/** The facts as a record keeps them: no address, each distinct set once with how many changes share it. */
export function recordFacts(facts: readonly ChangeFacts[]): ChangeFacts[] {
  const distinct = new Map<string, ChangeFacts>();
  for (const fact of facts) {
    const kept = { ...fact, address: '', count: 1 };
    const key = JSON.stringify(kept);
    const seen = distinct.get(key);
    distinct.set(key, { ...kept, count: (seen?.count ?? 0) + (fact.count ?? 1) });
  }
  return [...distinct.values()];
}

function isFacts(value: unknown): value is ChangeFacts[] {
  const strings = (v: unknown): boolean => Array.isArray(v) && v.every((e) => typeof e === 'string');
  return (
    Array.isArray(value) &&
    value.every(
      (f: Record<string, unknown>) =>
        f !== null &&
        typeof f === 'object' &&
        ['address', 'category', 'type'].every((k) => typeof f[k] === 'string') &&
        (LEVELS as readonly unknown[]).includes(f['severity']) &&
        strings(f['actions']) &&
        strings(f['findings']) &&
        (f['count'] === undefined || (Number.isInteger(f['count']) && Number(f['count']) > 0)),
    )
  );
}

/** An apply run's record, kept before it touched the review: which review it applied, and what it was to apply. */
export interface ApplyRecord extends RecordBase {
  readonly kind: 'apply';
  readonly state: 'applying' | 'applied';
  /** The pushed commit: a re-run of the run applies the same one. */
  readonly commit: string;
  readonly pullRequest: number;
  readonly commentId: number;
  /** When the approved review's text was written, by GitHub's clock (approvals given after it count). */
  readonly reviewWrittenAt: string;
}

export type RunRecord = PlanRecord | ApplyRecord;

/** The records' artifact names for a target: "okta-review-" or "okta-apply-", a digest of the target, "-". */
export function recordPrefix(kind: RunRecord['kind'], target: ReviewTarget): string {
  return `okta-${kind === 'plan' ? 'review' : 'apply'}-${targetKey(target)}-`;
}

/** A short digest of directory, workspace and label: artifact names can't hold a path. */
export function targetKey({ directory, workspace, label }: ReviewTarget): string {
  return createHash('sha256').update(`${directory}\0${workspace}\0${label}`).digest('hex').slice(0, 12);
}

/** The record's objects: each digest by a hash of its identity. */
export function recordObjects(digests: ReadonlyMap<string, string>): Record<string, string> {
  return Object.fromEntries([...digests].map(([identity, digest]) => [objectKey(identity), digest]));
}

/** Why this run can't keep artifacts, or undefined when it can. */
export function artifactsUnavailable(settings: Settings): string | undefined {
  const env = settings.processEnv;
  const { runId, repository } = settings.github;
  return env.ACTIONS_RUNTIME_TOKEN && env.ACTIONS_RESULTS_URL && runId && repository
    ? undefined
    : 'this is not a GitHub Actions job (no ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL, GITHUB_RUN_ID or GITHUB_REPOSITORY)';
}

export const ACTIONS_READ_HINT = 'give the job `permissions: actions: read`';

/** Days GitHub keeps a record: GitHub lets a run be re-run for 30 days. */
const RECORD_DAYS = 30;

/** Uploads `record` as this run's artifact `name` (a JSON file). Throws what the upload throws. */
export async function keepRecord(settings: Settings, name: string, record: RunRecord): Promise<void> {
  const dir = await mkdtemp(join(settings.tempDir, 'okta-tf-record-'));
  try {
    await writeFile(join(dir, name), `${JSON.stringify(record)}\n`, { mode: 0o600 });
    await new DefaultArtifactClient().uploadArtifact(name, [join(dir, name)], dir, {
      skipArchive: true,
      retentionDays: RECORD_DAYS,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const HEX64 = /^[0-9a-f]{64}$/;

function isStringMap(value: unknown): value is Record<string, string> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string')
  );
}

/** A record as the action writes it, or undefined. */
export function parseRecord(text: string): RunRecord | undefined {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const strings = ['repository', 'directory', 'workspace', 'label', 'context'];
  const base =
    data.format === RECORD_FORMAT &&
    strings.every((key) => typeof data[key] === 'string') &&
    typeof data.fingerprint === 'string' &&
    HEX64.test(data.fingerprint) &&
    isStringMap(data.objects);
  if (!base) return undefined;
  if (data.kind === 'plan') {
    const digest = data.reviewDigest;
    const valid =
      typeof data.plannedAt === 'string' &&
      (digest === undefined || (typeof digest === 'string' && HEX64.test(digest))) &&
      (data.approvalFacts === undefined || isFacts(data.approvalFacts));
    return valid ? (data as unknown as PlanRecord) : undefined;
  }
  const valid =
    data.kind === 'apply' &&
    (data.state === 'applying' || data.state === 'applied') &&
    typeof data.commit === 'string' &&
    Number.isInteger(data.pullRequest) &&
    Number.isInteger(data.commentId) &&
    typeof data.reviewWrittenAt === 'string';
  return valid ? (data as unknown as ApplyRecord) : undefined;
}

/**
 * The records of run `runId` whose artifact names start with `prefix`, newest first; expired ones left out, and
 * any that are not a record the action writes. Throws what the API throws (403 without `actions: read`).
 */
export async function readRecords(
  github: GitHubClient,
  repository: Repository,
  runId: number,
  prefix: string,
  tempDir: string,
): Promise<RunRecord[]> {
  const artifacts = (await runArtifacts(github, repository, runId, prefix)).filter((a) => !a.expired);
  if (artifacts.length === 0) return [];
  const dir = await mkdtemp(join(tempDir, 'okta-tf-records-'));
  try {
    const records: RunRecord[] = [];
    for (const artifact of artifacts) {
      const file = join(dir, String(artifact.id));
      await downloadArtifact(github, repository, artifact.id, file);
      const record = parseRecord(await readFile(file, 'utf8'));
      if (record) records.push(record);
    }
    return records;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** What a run's records are read for: this repository's, of this target. */
export interface RecordsOf {
  readonly repository: Repository;
  readonly target: ReviewTarget;
  readonly tempDir: string;
}

/**
 * The records of `kind` that run `runId` kept of this repository's target, newest first; or why they could not be
 * read (without `actions: read`, GitHub answers 403: the reason says to grant it).
 */
export async function targetRecords<K extends RunRecord['kind']>(
  github: GitHubClient,
  where: RecordsOf,
  runId: number,
  kind: K,
): Promise<{ readonly records: Extract<RunRecord, { kind: K }>[] } | { readonly unreadable: string }> {
  const { repository, target } = where;
  let found: RunRecord[];
  try {
    found = await readRecords(github, repository, runId, recordPrefix(kind, target), where.tempDir);
  } catch (e) {
    const hint = httpStatus(e) === 403 ? `: ${ACTIONS_READ_HINT}` : '';
    return { unreadable: `${errorMessage(e)}${hint}` };
  }
  const full = `${repository.owner}/${repository.repo}`;
  const records = found.filter(
    (r): r is Extract<RunRecord, { kind: K }> =>
      r.kind === kind &&
      r.repository === full &&
      r.directory === target.directory &&
      r.workspace === target.workspace &&
      r.label === target.label,
  );
  return { records };
}
