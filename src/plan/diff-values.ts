// How one value shows in the attribute diff (plan/diff.ts): as display text cut to its limit after the secrets are
// out, a long string as the window around what differs, a list of scalars as what it gained and lost.

import type { SecretScrubber } from './redact.js';

export const MAX_VALUE_CHARS = 160;
export const MAX_LIST_ITEMS = 5;
export const UNKNOWN = '(known after apply)';

type Plain = Record<string, unknown>;

export type Shorten = (text: string) => string;

/** Cuts display text to its limit, after the secrets are out: a cut secret would no longer be recognised. */
export function shortener(scrubber: SecretScrubber): Shorten {
  return (raw) => {
    const text = scrubber.scrub(raw);
    return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
  };
}

/** Characters of unchanged text shown before and after what differs in a long value. */
const CONTEXT_CHARS = 40;

/**
 * Two long values as the window around what differs, "…" where text is left out: one group ID appended to a
 * 1,200-character group rule expression must show, not the expression's first 160 characters twice. Scrubbed before
 * it is cut, as everything shown.
 */
export function changedWindows(
  before: unknown,
  after: unknown,
  scrub: Shorten,
): { before: string; after: string } {
  const a = scrub(JSON.stringify(before));
  const b = scrub(JSON.stringify(after));
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  )
    suffix++;
  const start = Math.max(0, prefix - CONTEXT_CHARS);
  const window = (text: string): string => {
    const end = Math.min(text.length, text.length - suffix + CONTEXT_CHARS, start + MAX_VALUE_CHARS);
    return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
  };
  return { before: window(a), after: window(b) };
}

/** A string attribute that holds JSON (profile, settings, app_settings_json...): its parsed value, else undefined. */
export function jsonContainer(value: unknown): Plain | unknown[] | undefined {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed !== null && typeof parsed === 'object' ? (parsed as Plain | unknown[]) : undefined;
  } catch {
    return undefined;
  }
}

export function displayValue(value: unknown, shorten: Shorten): string | null {
  if (value === null || value === undefined) return null;
  return shorten(JSON.stringify(value));
}

/** A list of scalars with the elements Terraform doesn't know yet (an ID created in the same apply) said so. */
export function listWithUnknowns(list: unknown[], unknown: unknown, shorten: Shorten): string {
  if (!Array.isArray(unknown) || !unknown.some((u) => u === true)) return displayValue(list, shorten) ?? '[]';
  return shorten(`[${list.map((v, i) => (unknown[i] === true ? UNKNOWN : JSON.stringify(v))).join(',')}]`);
}

/** What a list of scalars gained and lost (sets of thousands of member IDs included: linear, not quadratic). */
export function listDelta(
  before: unknown[],
  after: unknown[],
  shorten: Shorten,
): { before: string; after: string; partial: boolean } {
  const beforeTexts = before.map((v) => JSON.stringify(v));
  const afterTexts = after.map((v) => JSON.stringify(v));
  const had = new Set(beforeTexts);
  const has = new Set(afterTexts);
  const shown = [
    ...afterTexts.filter((v) => !had.has(v)).map((v) => `+${v}`),
    ...beforeTexts.filter((v) => !has.has(v)).map((v) => `-${v}`),
  ];
  const more = shown.length > MAX_LIST_ITEMS ? ` and ${shown.length - MAX_LIST_ITEMS} more` : '';
  return {
    before: `${before.length} items`,
    after: shorten(`${after.length} items: ${shown.slice(0, MAX_LIST_ITEMS).join(', ')}${more}`),
    partial: more !== '',
  };
}
