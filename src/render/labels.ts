// The labels a plan earns, so reviewers (and branch rules) see in the PR list what it does: no changes, changes,
// deletes/replaces, high-risk. With the `label` input set (one per org in a matrix), each org has its own.

import type { PlanSummary } from '../plan/types.js';

export interface LabelDefinition {
  readonly name: string;
  readonly color: string;
  readonly description: string;
}

type Kind = 'no-changes' | 'changes' | 'destroys' | 'high-risk';

const KINDS: Readonly<Record<Kind, Omit<LabelDefinition, 'name'>>> = {
  'no-changes': { color: '0e8a16', description: 'Terraform plan: the Okta org already matches the code' },
  changes: { color: 'fbca04', description: 'Terraform plan changes the Okta org' },
  destroys: { color: 'd93f0b', description: 'Terraform plan deletes or replaces Okta objects (new IDs)' },
  'high-risk': {
    color: 'b60205',
    description: 'Terraform plan has high or critical changes: they can lock people out or widen access',
  },
};

/** Every label this action manages for `label` (the input): "okta:changes", or "okta/prod:changes". */
export function managedLabels(label: string): Record<Kind, LabelDefinition> {
  const prefix = label ? `okta/${label}` : 'okta';
  const entries = (Object.keys(KINDS) as Kind[]).map((kind) => [
    kind,
    { name: `${prefix}:${kind}`, ...KINDS[kind] },
  ]);
  return Object.fromEntries(entries) as Record<Kind, LabelDefinition>;
}

/** The labels a plan earns; none for a failed plan (a stale "no changes" must not stay up). */
export function labelsFor(summary: PlanSummary | undefined, label: string): LabelDefinition[] {
  if (!summary) return [];
  const labels = managedLabels(label);
  if (!summary.hasChanges) return [labels['no-changes']];
  const wanted = [labels.changes];
  if (summary.objects.delete + summary.objects.replace > 0) wanted.push(labels.destroys);
  if (summary.highRisk > 0) wanted.push(labels['high-risk']);
  return wanted;
}
