// The step's outputs, from a plan summary (names are the contract: DESIGN.md, Outputs).

import type { PlanSummary } from './plan/types.js';
import { highestSeverity } from './review/findings.js';

export type Outputs = Readonly<Record<string, string>>;

export function summaryOutputs(summary: PlanSummary, summaryJsonPath: string): Outputs {
  return {
    'to-add': String(summary.terraform.add),
    'to-change': String(summary.terraform.change),
    'to-destroy': String(summary.terraform.destroy),
    'to-replace': String(summary.objects.replace),
    'to-import': String(summary.terraform.import),
    'to-move': String(summary.objects.move),
    'to-forget': String(summary.terraform.forget),
    'has-changes': String(summary.hasChanges),
    'high-risk': String(summary.highRisk),
    findings: String(summary.findings.length),
    'highest-severity': highestSeverity(summary.findings) ?? 'none',
    drift: String(summary.drift.length),
    'summary-json': summaryJsonPath,
  };
}

export interface PlanRunOutputs {
  readonly fingerprint: string;
  /** Absent when the plan came from plan-json (the action made no plan). */
  readonly planFile?: string;
  readonly jsonPlanFile?: string;
  readonly commentUrl?: string;
}

/** What a mode adds when it has planned (or reviewed a plan): the fingerprint, files, the comment. */
export function planRunOutputs(run: PlanRunOutputs): Outputs {
  return {
    fingerprint: run.fingerprint,
    ...(run.planFile ? { 'plan-path': run.planFile } : {}),
    ...(run.jsonPlanFile ? { 'json-plan-path': run.jsonPlanFile } : {}),
    ...(run.commentUrl ? { 'comment-url': run.commentUrl } : {}),
  };
}

/** Discover mode's outputs: the matrix of root modules, and whether it has any. */
export function discoverOutputs(matrix: { include: readonly unknown[] }): Outputs {
  return { matrix: JSON.stringify(matrix), 'has-changes': String(matrix.include.length > 0) };
}

/** Import mode's outputs: how many objects it brought under Terraform, and its pull request. */
export function importOutputs(
  imported: number,
  pull?: { readonly number: number; readonly url: string },
): Outputs {
  return {
    imported: String(imported),
    ...(pull ? { 'pull-request-number': String(pull.number), 'pull-request-url': pull.url } : {}),
  };
}
