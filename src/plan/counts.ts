// Counting, exactly as Terraform's own "Plan:" line counts (DESIGN.md, Summary JSON): a replace is one add and one
// destroy, only ["update"] is a change, imports are counted apart, data sources never.

import type { ObjectAction, ObjectCounts, TerraformCounts } from './types.js';

export function emptyTerraformCounts(): TerraformCounts {
  return { add: 0, change: 0, destroy: 0, import: 0, forget: 0 };
}

export function emptyObjectCounts(): ObjectCounts {
  return { create: 0, update: 0, delete: 0, replace: 0, import: 0, move: 0, forget: 0, read: 0 };
}

/** What happens to one managed object, in one word. */
export function objectAction(actions: readonly string[]): ObjectAction {
  const has = (a: string): boolean => actions.includes(a);
  if (has('create') && has('delete')) return 'replace';
  if (has('create')) return 'create';
  if (has('delete')) return 'delete';
  if (has('update')) return 'update';
  if (has('forget')) return 'forget';
  return 'no-op';
}

export function replaceOrder(actions: readonly string[]): 'delete-first' | 'create-first' | null {
  const create = actions.indexOf('create');
  const del = actions.indexOf('delete');
  if (create < 0 || del < 0) return null;
  return del < create ? 'delete-first' : 'create-first';
}

export function isMove(address: string, previousAddress: string | null): boolean {
  return previousAddress !== null && previousAddress !== '' && previousAddress !== address;
}

export interface ManagedChange {
  readonly actions: readonly string[];
  readonly importing: boolean;
  readonly moved: boolean;
}

/** Adds one managed object's change to Terraform's counts (the "Plan:" line). */
export function countTerraform(change: ManagedChange, terraform: TerraformCounts): void {
  const { actions } = change;
  if (actions.includes('create')) terraform.add++;
  if (actions.includes('delete')) terraform.destroy++;
  if (actions.length === 1 && actions[0] === 'update') terraform.change++;
  if (actions.includes('forget')) terraform.forget++;
  if (change.importing) terraform.import++;
}

/** Adds one managed object's change to the object counts: once by what happens to it, plus import and move. */
export function countObjects(change: ManagedChange, objects: Omit<ObjectCounts, 'read'>): void {
  const action = objectAction(change.actions);
  if (action !== 'no-op') objects[action]++;
  // create_then_forget (a replace of an object Terraform stops managing) creates one object and forgets another.
  if (action === 'create' && change.actions.includes('forget')) objects.forget++;
  if (change.importing) objects.import++;
  if (change.moved) objects.move++;
}

/** True when applying the change would do anything: an import or a move alone is a change. */
export function isChange(change: ManagedChange): boolean {
  return objectAction(change.actions) !== 'no-op' || change.importing || change.moved;
}

/** Terraform's own "Plan:" line for these counts. */
export function planLine(counts: TerraformCounts): string {
  const importing = counts.import ? `${counts.import} to import, ` : '';
  const forgetting = counts.forget ? `, ${counts.forget} to forget` : '';
  return `Plan: ${importing}${counts.add} to add, ${counts.change} to change, ${counts.destroy} to destroy${forgetting}.`;
}
