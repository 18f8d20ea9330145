// What a reviewer approved, as a hash (DESIGN.md, Fingerprint): for every change, its address, actions and the
// planned value of every attribute that changes (unknown values as a fixed token, sensitive values hashed), sorted;
// then the working directory, workspace and backend identity. Prior state and drift are not in it, so refresh
// noise that does not change the plan leaves it alone; anything that changes what apply would do changes it.

import { createHash } from 'node:crypto';
import type { ChangeValues } from './indexed-resources.js';
import { maskChild } from './redact.js';

const UNKNOWN = { unknown: 'known after apply' };

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with object keys sorted, so equal values always hash the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The value with unknown parts replaced by a token and sensitive parts by their hash. */
function planned(value: unknown, unknown: unknown, sensitive: unknown): unknown {
  if (unknown === true) return UNKNOWN;
  if (sensitive === true) return { sensitive: sha256(canonicalJson(value)) };
  if (Array.isArray(value))
    return value.map((v, i) => planned(v, maskChild(unknown, i), maskChild(sensitive, i)));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = planned(v, maskChild(unknown, k), maskChild(sensitive, k));
    }
    return out;
  }
  return value;
}

function asObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** The digest of one change: what apply would do to that object. */
export function changeDigest(identity: string, actions: readonly string[], values: ChangeValues): string {
  const before = asObject(values.before);
  const after = asObject(values.after);
  const unknown = asObject(values.afterUnknown);
  const attributes: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(after), ...Object.keys(unknown)])) {
    const changes = unknown[key] !== undefined || canonicalJson(before[key]) !== canonicalJson(after[key]);
    if (changes)
      attributes[key] = planned(
        after[key],
        maskChild(values.afterUnknown, key),
        maskChild(values.afterSensitive, key),
      );
  }
  return sha256(canonicalJson({ identity, actions, attributes }));
}

/** Collects change digests while a plan streams by; order-independent. */
export class FingerprintBuilder {
  private readonly digests = new Map<string, string>();

  addChange(identity: string, actions: readonly string[], values: ChangeValues): void {
    this.digests.set(identity, changeDigest(identity, actions, values));
  }

  addOutput(name: string, actions: readonly string[]): void {
    this.digests.set(`output.${name}`, sha256(canonicalJson(actions)));
  }

  /** Each changed object's (and output's) digest, by its identity. */
  objectDigests(): ReadonlyMap<string, string> {
    return this.digests;
  }

  /** The digest of every change in the plan (without the context that `fingerprint` adds). */
  planDigest(): string {
    const lines = [...this.digests].map(([identity, digest]) => `${identity}\t${digest}`);
    return sha256(lines.sort().join('\n'));
  }
}

/** Which objects differ between a reviewed plan's digests and a fresh plan's. */
export interface PlanDifference {
  readonly added: string[];
  readonly dropped: string[];
  readonly changed: string[];
}

/** Compares digests; reviewed ones may be shortened to a prefix (the comment keeps 12 hex digits). */
export function comparePlans(
  reviewed: Readonly<Record<string, string>>,
  current: ReadonlyMap<string, string>,
): PlanDifference {
  const added: string[] = [];
  const changed: string[] = [];
  for (const [identity, digest] of current) {
    const before = reviewed[identity];
    if (before === undefined) added.push(identity);
    else if (!digest.startsWith(before)) changed.push(identity);
  }
  const dropped = Object.keys(reviewed).filter((identity) => !current.has(identity));
  return { added: added.sort(), dropped: dropped.sort(), changed: changed.sort() };
}

export interface FingerprintContext {
  readonly directory: string;
  readonly workspace: string;
  /** The backend's type and location, never its credentials ("" when unknown, e.g. for plan-json). */
  readonly backend: string;
}

export function fingerprint(planDigest: string, context: FingerprintContext): string {
  return sha256(canonicalJson({ plan: planDigest, ...context }));
}
