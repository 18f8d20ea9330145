// Labels that say what the plan does, so reviewers (and branch rules) see it in the PR list: no changes, changes,
// deletes/replaces, high-risk. Created with colours when missing; the ones that no longer apply are removed.

import type { PlanSummary } from '../plan/types.js';
import type { Repository } from './comments.js';
import { httpStatus, type GitHubClient } from './octokit.js';

/** The label a reviewer adds to a pull request to let apply delete or replace high-risk Okta objects. */
export const HIGH_RISK_APPROVAL_LABEL = 'okta-high-risk-approved';

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
    description: 'Terraform plan changes Okta objects that can lock people out or widen access',
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

async function ensureRepositoryLabel(
  client: GitHubClient,
  repository: Repository,
  label: LabelDefinition,
): Promise<void> {
  try {
    await client.rest.issues.getLabel({ ...repository, name: label.name });
  } catch (e) {
    if (httpStatus(e) !== 404) throw e;
    try {
      await client.rest.issues.createLabel({ ...repository, ...label });
    } catch (created) {
      // Another job of the same matrix made it first.
      if (httpStatus(created) !== 422) throw created;
    }
  }
}

/** Puts exactly `wanted` of this action's labels on the pull request; other labels are left alone. */
export async function syncLabels(
  client: GitHubClient,
  repository: Repository,
  issue: number,
  label: string,
  wanted: readonly LabelDefinition[],
): Promise<void> {
  const current = new Set(
    (
      await client.paginate(client.rest.issues.listLabelsOnIssue, {
        ...repository,
        issue_number: issue,
        per_page: 100,
      })
    ).map((l) => l.name),
  );
  const wantedNames = new Set(wanted.map((l) => l.name));
  for (const stale of Object.values(managedLabels(label))) {
    if (current.has(stale.name) && !wantedNames.has(stale.name)) {
      await client.rest.issues.removeLabel({ ...repository, issue_number: issue, name: stale.name });
    }
  }
  const missing = wanted.filter((l) => !current.has(l.name));
  if (missing.length === 0) return;
  for (const definition of missing) await ensureRepositoryLabel(client, repository, definition);
  await client.rest.issues.addLabels({
    ...repository,
    issue_number: issue,
    labels: missing.map((l) => l.name),
  });
}
