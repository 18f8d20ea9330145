// The attribute-level diff of one object (before → after), as short display text with secrets already masked.

import type { ChangeValues } from './indexed-resources.js';
import type { AttributeChange } from './types.js';
import { pairByKey, type KeyedPair } from './keyed-elements.js';
import {
  changedWindows,
  displayValue,
  jsonContainer,
  listDelta,
  listWithUnknowns,
  MAX_LIST_ITEMS,
  MAX_VALUE_CHARS,
  shortener,
  UNKNOWN,
  type Shorten,
} from './diff-values.js';
import { isSecretPath, maskChild, REDACTED, type PathSegment, type SecretScrubber } from './redact.js';

const MAX_ATTRIBUTES = 40;
/** An Okta ID: a 3-character prefix per kind of object (00u users, 00g groups, 0oa apps...) and 17 more. */
const OKTA_ID = /^[0-9a-z]{3}[A-Za-z0-9]{17}$/;

export interface DiffResult {
  attributes: AttributeChange[];
  omitted: number;
  /**
   * Every value the change plans is in `attributes` as it is: nothing cut, masked, scrubbed or left out. Only such
   * a diff lets the review's text alone say what is applied (modes/approval.ts).
   */
  shownInFull: boolean;
}

interface DiffOptions {
  readonly secretPaths: readonly string[];
  readonly replacePaths: readonly string[];
  readonly scrubber: SecretScrubber;
  /** Creates list what is set; updates and replaces list what differs. */
  readonly creating: boolean;
}

type Plain = Record<string, unknown>;

function isPlainObject(v: unknown): v is Plain {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isScalar(v: unknown): boolean {
  return v === null || (typeof v !== 'object' && v !== undefined);
}

function childOf(value: unknown, segment: PathSegment): unknown {
  if (Array.isArray(value)) return typeof segment === 'number' ? value[segment] : undefined;
  if (isPlainObject(value) && typeof segment === 'string' && Object.hasOwn(value, segment))
    return value[segment];
  return undefined;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => deepEqual(item, other[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b as Plain);
  return (
    ka.length === kb.length &&
    ka.every((k) => Object.hasOwn(b as Plain, k) && deepEqual((a as Plain)[k], (b as Plain)[k]))
  );
}

/** A step of the walk: an attribute, a list position, or a nested block found by its key attribute. */
type DiffSegment = PathSegment | KeyedPair;

/** The path a reviewer reads: `rule[0].access`, or `rule[name="Allow admins"].access` for a keyed block. */
export function formatPath(path: readonly DiffSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (typeof segment === 'object') text += `[${segment.by}=${JSON.stringify(segment.key)}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) text += text ? `.${segment}` : segment;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** The path as Terraform counts it: a keyed block at its position in the list after (before, if removed). */
const positional = (path: readonly DiffSegment[]): PathSegment[] =>
  path.map((s) => (typeof s === 'object' ? ((s.after ?? s.before) as number) : s));

/** The element at `index` of a list value or mask; a whole-true mask covers every element. */
const elementAt = (value: unknown, index: number | undefined): unknown =>
  value === true ? true : index === undefined ? undefined : childOf(value, index);

/** Lists what changes in one object. Secret values are masked here and handed to the scrubber. */
export function diffAttributes(values: ChangeValues, options: DiffOptions): DiffResult {
  // Anything shown otherwise than it is (cut, masked, scrubbed, a list's tail left out) makes the diff partial.
  let partial = false;
  const cut = shortener(options.scrubber);
  const shorten: Shorten = (raw) => {
    const text = cut(raw);
    if (text !== raw) partial = true;
    return text;
  };
  const attributes: AttributeChange[] = [];
  let omitted = 0;
  const emit = (path: readonly DiffSegment[], before: string | null, after: string | null): void => {
    if (attributes.length >= MAX_ATTRIBUTES) {
      omitted++;
      return;
    }
    // Terraform's replace paths count list positions.
    const counted = formatPath(positional(path));
    const forcesReplacement = options.replacePaths.some(
      (p) => counted === p || counted.startsWith(`${p}.`) || counted.startsWith(`${p}[`),
    );
    attributes.push({ path: formatPath(path), before, after, forcesReplacement });
  };

  const walk = (
    path: DiffSegment[],
    before: unknown,
    after: unknown,
    unknown: unknown,
    beforeSensitive: unknown,
    afterSensitive: unknown,
  ): void => {
    // A flag named like a secret (omit_secret, client_secret_rotation_enabled) holds no secret: a boolean can't leak one.
    const flag = [before, after].every((v) => v === null || v === undefined || typeof v === 'boolean');
    const secret =
      beforeSensitive === true ||
      afterSensitive === true ||
      (path.length > 0 && !flag && isSecretPath(positional(path), options.secretPaths));
    if (secret) {
      options.scrubber.add(before);
      options.scrubber.add(after);
      if (unknown === true && options.creating) return;
      if (unknown === true) emit(path, before == null ? null : REDACTED, UNKNOWN);
      else if (!deepEqual(before, after)) {
        if (after != null) partial = true;
        emit(path, before == null ? null : REDACTED, after == null ? null : REDACTED);
      }
      return;
    }
    if (unknown === true) {
      if (!options.creating) emit(path, displayValue(before, shorten), UNKNOWN);
      return;
    }
    if (options.creating && (after === null || after === undefined)) return;
    if (options.creating && Array.isArray(after) && after.every(isScalar)) {
      emit(path, null, listWithUnknowns(after, unknown, shorten));
      return;
    }
    const bothScalarLists =
      Array.isArray(before) && Array.isArray(after) && before.every(isScalar) && after.every(isScalar);
    if (bothScalarLists) {
      const pending = Array.isArray(unknown) && unknown.some((u) => u === true);
      if (deepEqual(before, after) && !pending) return;
      const full = {
        before: displayValue(before, shorten),
        after: listWithUnknowns(after, unknown, shorten),
      };
      // Sets of Okta IDs (group members, group assignments, app groups) are read element by element: a reviewer must
      // not compare five IDs by eye to find the one added.
      const elements: unknown[] = [...(before as unknown[]), ...(after as unknown[])];
      const ids = elements.length > 0 && elements.every((v) => typeof v === 'string' && OKTA_ID.test(v));
      const short =
        !ids &&
        before.length + after.length <= MAX_LIST_ITEMS * 2 &&
        (full.after?.length ?? 0) < MAX_VALUE_CHARS;
      const delta = short ? { ...full, partial: false } : listDelta(before, after, shorten);
      if (delta.partial) partial = true;
      emit(path, delta.before, delta.after);
      return;
    }
    // JSON in a string is compared as JSON, key by key: a reorder or whitespace change is no change.
    const [jsonBefore, jsonAfter] = [jsonContainer(before), jsonContainer(after)];
    if (!options.creating && jsonBefore && jsonAfter) {
      walk(path, jsonBefore, jsonAfter, undefined, undefined, undefined);
      return;
    }
    const containers = [before, after].filter((v) => v !== null && v !== undefined);
    const nested =
      containers.length > 0 && (containers.every(isPlainObject) || containers.every(Array.isArray));
    const pairs =
      nested && !options.creating && Array.isArray(before) && Array.isArray(after)
        ? pairByKey(before, after)
        : null;
    if (pairs) {
      for (const pair of pairs) {
        walk(
          [...path, pair],
          elementAt(before, pair.before),
          elementAt(after, pair.after),
          elementAt(unknown, pair.after),
          elementAt(beforeSensitive, pair.before),
          elementAt(afterSensitive, pair.after),
        );
      }
      return;
    }
    if (nested) {
      const keys = new Set<PathSegment>();
      for (const v of containers) {
        if (Array.isArray(v)) v.forEach((_, i) => keys.add(i));
        else Object.keys(v).forEach((k) => keys.add(k));
      }
      if (isPlainObject(unknown)) Object.keys(unknown).forEach((k) => keys.add(k));
      for (const key of keys) {
        walk(
          [...path, key],
          childOf(before, key),
          childOf(after, key),
          childOf(unknown, key),
          maskChild(beforeSensitive, key),
          maskChild(afterSensitive, key),
        );
      }
      return;
    }
    if (deepEqual(before ?? null, after ?? null)) return;
    const long = [before, after].some((v) => typeof v === 'string' && v.length > MAX_VALUE_CHARS - 2);
    if (long && typeof before === 'string' && typeof after === 'string') {
      const windows = changedWindows(before, after, (text) => options.scrubber.scrub(text));
      partial = true;
      emit(path, windows.before, windows.after);
    } else emit(path, displayValue(before, shorten), displayValue(after, shorten));
  };

  walk(
    [],
    values.before ?? null,
    values.after ?? null,
    values.afterUnknown,
    values.beforeSensitive,
    values.afterSensitive,
  );
  // Exact size: an array grown by push keeps room for 17, and one is kept per changed object.
  return { attributes: attributes.slice(), omitted, shownInFull: !partial && omitted === 0 };
}
