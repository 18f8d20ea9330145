// What one change says of itself, before it is named: its IDs, its actions as kept, the attributes forcing a replace,
// the fields changes and drift share, its identity for the fingerprint, and its summary. Pure functions of the
// change's event and what summarize.ts judged of it.

import type { OktaType } from '../okta/catalog.js';
import { knownNoise } from '../okta/noise.js';
import { formatPath, type DiffResult } from './diff.js';
import type { ChangeValues, ResourceChangeEvent } from './indexed-resources.js';
import type { TypeRisk } from '../review/scale.js';
import { replaceOrder } from './counts.js';
import type { ChangeSummary, DriftSummary, ObjectAction } from './types.js';

export function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function idOf(value: unknown): string | null {
  if (!value || typeof value !== 'object') return null;
  const id = (value as Record<string, unknown>).id;
  return typeof id === 'string' && id ? id : null;
}

/** The object's IDs before and after, in an array of its exact size (kept per change until names are resolved). */
export function idsOf(values: ChangeValues): string[] {
  const before = idOf(values.before);
  const after = idOf(values.after);
  if (before === null) return after === null ? [] : [after];
  return after === null || after === before ? [before] : [before, after];
}

export function replacePathTexts(replacePaths: unknown): string[] {
  if (!Array.isArray(replacePaths)) return [];
  return replacePaths.filter(Array.isArray).map((path) => formatPath(path as (string | number)[]));
}

/** The top-level attributes whose change forces the replace. */
export function forcingAttributes(diff: DiffResult): string[] {
  return [
    ...new Set(
      diff.attributes.filter((a) => a.forcesReplacement).map((a) => a.path.split(/[.[]/)[0] as string),
    ),
  ];
}

/** Terraform's action words, one string each: every change keeps its actions (100,000 in an import). */
const ACTION_WORDS = new Map(['create', 'read', 'update', 'delete', 'no-op', 'forget'].map((a) => [a, a]));

/** The actions as kept in the summary: the shared words, in an array of its own. */
export function keptActions(actions: readonly string[]): string[] {
  return actions.map((action) => ACTION_WORDS.get(action) ?? action);
}

/** What changes and drift both say of an object. */
export function described(
  event: ResourceChangeEvent,
  info: OktaType,
  diff: DiffResult,
): Omit<DriftSummary, 'name'> {
  return {
    address: event.address,
    type: info.type,
    category: info.category,
    actions: keptActions(event.actions),
    noun: info.noun,
    attributes: diff.attributes,
    attributesOmitted: diff.omitted,
  };
}

/** Which object a change is to, for the fingerprint: its address, and what makes two changes to it differ. */
export function changeIdentity(event: ResourceChangeEvent, moved: boolean): string {
  const deposed = event.deposed ? ` (deposed ${event.deposed})` : '';
  const from = moved ? ` (from ${event.previousAddress})` : '';
  return `${event.address}${deposed}${from}${event.importing ? ' (import)' : ''}`;
}

/** Why an update is only provider noise (okta/noise.ts), or null: only updates can be. */
export function noiseOf(
  type: string,
  action: ObjectAction,
  values: ChangeValues,
  importing: boolean,
): { reason: string; evidence: string } | null {
  if (action !== 'update') return null;
  const rule = knownNoise(type, { ...values, importing });
  return rule ? { reason: rule.reason, evidence: rule.evidence } : null;
}

/** What summarize.ts judged of a change before it is named and rated. */
export interface ChangeJudged {
  readonly action: ObjectAction;
  readonly diff: DiffResult;
  readonly noise: ChangeSummary['noise'];
  readonly notes: ChangeSummary['providerNotes'];
  readonly risk: TypeRisk;
  readonly moved: boolean;
}

/**
 * A change's summary, named later in place (name '') and rated once every finding is made (severity, highRisk:
 * scale.ts rateChanges). A literal of one shape, not a spread: a spread object gets a hidden class of its own in V8,
 * about 600 bytes per change kept (100 MB for an import of 100,000 objects).
 */
export function changeSummary(
  event: ResourceChangeEvent,
  info: OktaType,
  judged: ChangeJudged,
): ChangeSummary {
  const { action, diff, noise, risk } = judged;
  return {
    address: event.address,
    type: info.type,
    category: info.category,
    actions: keptActions(event.actions),
    noun: info.noun,
    attributes: diff.attributes,
    attributesOmitted: diff.omitted,
    noise,
    providerNotes: judged.notes,
    replaceOrder: replaceOrder(event.actions),
    importing: event.importing,
    previousAddress: judged.moved ? event.previousAddress : null,
    // Noise changes nothing in Okta.
    severity: noise ? 'none' : risk.level,
    typeSeverity: noise ? 'none' : risk.level,
    highRisk: false,
    riskReasons: noise ? [] : risk.reasons,
    action,
    actionReason: event.actionReason,
    deposed: event.deposed,
    name: '',
    // An import's target (which Okta object) is in the fingerprint, not in the attributes shown.
    shownInFull: diff.shownInFull && !event.importing,
  };
}
