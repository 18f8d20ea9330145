// The step's outputs, from a plan summary (names are the contract: DESIGN.md, Outputs).

import type { PlanSummary } from './plan/types.js';

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
    drift: String(summary.drift.length),
    'summary-json': summaryJsonPath,
  };
}
