// The kept corpus of Okta's own examples (__tests__/fixtures/okta-corpus/, written by scripts/okta-corpus.mjs),
// and what a review of one of its plans must hold: an Okta category, a human name wherever one is available and
// never an object named after itself, counts equal to terraform's Plan: line, no sensitive value printed.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lookupType } from '../src/okta/catalog.js';
import type { ChangeSummary, PlanSummary } from '../src/plan/types.js';

export const CORPUS = join(import.meta.dirname, '..', '__tests__', 'fixtures', 'okta-corpus');

export interface CorpusRow {
  type: string;
  step: 'create' | 'update' | 'replace' | 'delete';
  example: string;
  how: string;
  planLine: string;
  outcome: string;
  file: string;
}

export function corpusRows(): CorpusRow[] {
  const [, ...lines] = readFileSync(join(CORPUS, 'corpus.tsv'), 'utf8').trimEnd().split('\n');
  return lines.map((line) => {
    const [type = '', step = '', example = '', how = '', planLine = '', outcome = '', file = ''] =
      line.split('\t');
    return { type, step: step as CorpusRow['step'], example, how, planLine, outcome, file };
  });
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface PlanChange {
  address: string;
  type: string;
  change: {
    actions: string[];
    before: Json;
    after: Json;
    before_sensitive?: Json;
    after_sensitive?: Json;
  };
}

export function planChanges(plan: unknown): PlanChange[] {
  return ((plan as { resource_changes?: PlanChange[] }).resource_changes ?? []).filter(
    (c) => !c.change.actions.every((a) => a === 'no-op' || a === 'read'),
  );
}

/** The string values a sensitivity mask marks (true) inside a value. */
export function sensitiveStrings(value: Json, mask: Json | undefined): string[] {
  if (mask === true) {
    const out: string[] = [];
    const walk = (v: Json) => {
      if (typeof v === 'string') out.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(value);
    return out;
  }
  if (!mask || typeof mask !== 'object' || value === null || typeof value !== 'object') return [];
  if (Array.isArray(mask)) return mask.flatMap((m, i) => sensitiveStrings((value as Json[])[i] ?? null, m));
  return Object.entries(mask).flatMap(([k, m]) =>
    sensitiveStrings((value as Record<string, Json>)[k] ?? null, m),
  );
}

/**
 * The human names the object has in the plan: every attribute the catalog's name templates read directly
 * (`{name}`, `{label}`, `{login}`...) that holds a string other than an Okta ID, from `after` (`before` for a delete).
 */
/** Whether the review shows one of the names the object has: the corpus's naming-quality measure. */
export const showsName = (summary: ChangeSummary, available: readonly string[]): boolean =>
  available.some((name) => summary.name.includes(name.slice(0, 24)));

export function availableNames(change: PlanChange): string[] {
  const values = (change.change.after ?? change.change.before) as Record<string, Json> | null;
  if (!values || typeof values !== 'object') return [];
  const names: string[] = [];
  for (const template of lookupType(change.type).names) {
    for (const m of template.matchAll(/\{([A-Za-z0-9_]+)\}/g)) {
      const value = values[m[1] as string];
      if (typeof value === 'string' && value.trim() !== '' && !/^[0-9a-zA-Z]{20}$/.test(value))
        names.push(value);
    }
  }
  return names;
}

/**
 * Ways a review name can be wrong, one line each; none for a good name. (A name from another attribute than the
 * ones listed, "Test Engineering Group" for an identity source group's display name, is a good name.)
 */
export function nameProblems(summary: ChangeSummary, available: readonly string[]): string[] {
  const problems: string[] = [];
  const bare = summary.address.replace(/^.*\./, '');
  const addressOnly = summary.name === summary.address || summary.name === bare;
  // okta_factor.google_otp is called google_otp: a name can be its address.
  if (available.length > 0 && addressOnly && !available.includes(summary.name))
    problems.push(`${summary.address}: the bare address, although it is called ${available.join(' or ')}`);
  for (const arrow of [' ← ', ' → ']) {
    const parts = summary.name.split(arrow);
    if (parts.length > 1 && new Set(parts).size < parts.length)
      problems.push(`${summary.address}: named after itself: "${summary.name}"`);
  }
  return problems;
}

/** Every okta_* change placed in a category of Okta's, not "Other". */
export function uncategorized(summary: PlanSummary): string[] {
  return summary.changes
    .filter((c) => c.type.startsWith('okta_') && /^Other/.test(c.category))
    .map((c) => `${c.address}: ${c.category}`);
}
