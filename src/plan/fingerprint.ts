// What a reviewer approved, as a hash (DESIGN.md, Fingerprint, v2): for every change, its address, actions, which
// object it is (the prior `id`, the import target, deposed key and previous address are in its identity or prior)
// and the planned value of every attribute that changes (unknown values as a fixed token, sensitive values
// hashed); every changed output's planned value; every action invocation; sorted; then the working directory,
// workspace, backend identity, -target addresses and the provider versions of the lock file. Other prior values and
// drift are not in it, so refresh noise that does not change the plan leaves it alone; anything that changes what
// apply would do, or to which object, changes it.

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

/**
 * The digest of one change: what apply would do, and to which object. Deleting one Okta app or another at one
 * address must not look alike, so the prior `id` (the Okta ID updated, replaced or deleted) and the import target
 * (`change.importing`: its `id`, or its `identity` from Terraform 1.12) are in it.
 */
export function changeDigest(
  identity: string,
  actions: readonly string[],
  values: ChangeValues,
  importTarget: unknown = null,
): string {
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
  const prior = { id: asObject(values.before).id ?? null, importTarget: importTarget ?? null };
  return sha256(canonicalJson({ identity, actions, attributes, prior }));
}

/** The short key of an object in the review's marker: a hash, so no address (a for_each key can be a secret) is posted. */
export function objectKey(identity: string): string {
  return sha256(identity).slice(0, OBJECT_KEY_CHARS);
}

const OBJECT_KEY_CHARS = 12;

/** Collects change digests while a plan streams by; order-independent. */
export class FingerprintBuilder {
  private readonly digests = new Map<string, string>();
  private readonly tainted = new Map<string, string>();

  /**
   * A change's digest. For a replace of a tainted object, also the digest it would have as the create it completes
   * (no prior object): an apply that failed part-way leaves an object it created tainted, and a re-run's replace of
   * it is the create that was reviewed (modes/resume.ts).
   */
  addChange(
    identity: string,
    actions: readonly string[],
    values: ChangeValues,
    importTarget?: unknown,
    actionReason?: string | null,
  ): void {
    this.digests.set(identity, changeDigest(identity, actions, values, importTarget));
    if (actionReason === 'replace_because_tainted') {
      const asCreate = { ...values, before: null, beforeSensitive: false };
      this.tainted.set(identity, changeDigest(identity, ['create'], asCreate, importTarget));
    }
  }

  /** Each tainted object's replace, as the create it completes: by identity. */
  taintedCreates(): ReadonlyMap<string, string> {
    return this.tainted;
  }

  /** An output that changes: its actions and planned value (sensitive parts hashed). */
  addOutput(name: string, actions: readonly string[], values: Omit<ChangeValues, 'replacePaths'>): void {
    const value = planned(values.after, values.afterUnknown, values.afterSensitive);
    this.digests.set(`output.${name}`, sha256(canonicalJson({ actions, value })));
  }

  /** A Terraform 1.14 action invocation: which action, its trigger and its configuration (sensitive parts hashed). */
  addActionInvocation(index: number, invocation: Record<string, unknown>): void {
    const {
      config_values: values,
      config_unknown: unknown,
      config_sensitive: sensitive,
      ...rest
    } = invocation;
    const address = typeof rest.address === 'string' ? rest.address : `action #${index}`;
    const config = planned(values, unknown, sensitive);
    this.digests.set(`${address} (invocation ${index})`, sha256(canonicalJson({ ...rest, config })));
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
  /** How many reviewed objects are gone (the marker keeps hashes, not their addresses). */
  readonly dropped: number;
  readonly changed: string[];
}

/** Compares the marker's digests (hashed keys, shortened digests) with a fresh plan's. */
export function comparePlans(
  reviewed: Readonly<Record<string, string>>,
  current: ReadonlyMap<string, string>,
): PlanDifference {
  const added: string[] = [];
  const changed: string[] = [];
  const seen = new Set<string>();
  for (const [identity, digest] of current) {
    const key = objectKey(identity);
    const before = reviewed[key];
    seen.add(key);
    if (before === undefined) added.push(identity);
    else if (!digest.startsWith(before)) changed.push(identity);
  }
  const dropped = Object.keys(reviewed).filter((key) => !seen.has(key)).length;
  return { added: added.sort(), dropped, changed: changed.sort() };
}

export interface FingerprintContext {
  readonly directory: string;
  readonly workspace: string;
  /** The backend's type and location, never its credentials ("" when unknown, e.g. for plan-json). */
  readonly backend: string;
  /** -target addresses: a targeted plan applies only part of the configuration. */
  readonly targets: readonly string[];
  /** Provider source → version, from .terraform.lock.hcl: a provider upgrade changes what apply does. */
  readonly providers: Readonly<Record<string, string>>;
}

/** Fingerprint format: a v1 fingerprint never equals a v2 one, so an old review can't approve. */
export const FINGERPRINT_VERSION = 2;

export function fingerprint(planDigest: string, context: FingerprintContext): string {
  return sha256(canonicalJson({ v: FINGERPRINT_VERSION, plan: planDigest, ...context }));
}

/**
 * The context alone, shortened, for the review's marker: a re-run after a part-way failure applies only reviewed
 * objects, and only in the reviewed directory, workspace and backend, with the reviewed -target and providers.
 */
export function contextDigest(context: FingerprintContext): string {
  return sha256(canonicalJson({ v: FINGERPRINT_VERSION, ...context })).slice(0, 16);
}
