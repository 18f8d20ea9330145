// One change of a corpus plan (Okta's own example configuration planned through terraform), edited, with other
// objects beside it: the cross-object rules judge a change against objects the plan leaves as they are, which
// Terraform lists as no-op entries of resource_changes.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS } from './okta-corpus-kept.js';

export type Values = Record<string, unknown>;

export interface PlanEntry {
  address: string;
  type: string;
  change: { actions: string[]; before: Values | null; after: Values | null };
}

export interface CorpusChange {
  readonly plan: { resource_changes: PlanEntry[] };
  /** The first update of the type in the corpus's update plan. */
  readonly entry: PlanEntry & { change: { before: Values; after: Values } };
}

/** The corpus's update plan of `type`, its update's before and after merged with `edit`. */
export function corpusUpdate(type: string, edit: { before?: Values; after?: Values } = {}): CorpusChange {
  const plan = JSON.parse(
    readFileSync(join(CORPUS, type, 'update.show.json'), 'utf8'),
  ) as CorpusChange['plan'];
  const entry = plan.resource_changes.find((c) => c.type === type && c.change.actions.includes('update'));
  if (!entry?.change.before || !entry.change.after) throw new Error(`no ${type} update in the corpus`);
  entry.change.before = { ...entry.change.before, ...edit.before };
  entry.change.after = { ...entry.change.after, ...edit.after };
  return { plan, entry: entry as CorpusChange['entry'] };
}

/** Adds an object beside the change: unchanged (a no-op, before and after the same), or created by the plan. */
export function addObject(
  { plan, entry }: CorpusChange,
  object: { type?: string; address: string; values: Values; created?: boolean },
): void {
  const values = { id: `x${plan.resource_changes.length}`, ...object.values };
  plan.resource_changes.push({
    ...entry,
    address: object.address,
    type: object.type ?? entry.type,
    change: object.created
      ? { ...entry.change, actions: ['create'], before: null, after: values }
      : { ...entry.change, actions: ['no-op'], before: values, after: values },
  });
}
