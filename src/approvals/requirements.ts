// Which approvals a plan needs: each change's facts (category, type, action, severity, finding rules) matched
// against the policy's rules, and the org target against their `orgs`. The severity is the one scale's, judged by
// the built-in rules (src/review/scale.ts): the review policy file is in the pull request's checkout, so it must not
// lower what approvals ask for.

import type { ChangeSummary, PlanSummary } from '../plan/types.js';
import { changeLevel, findingsByAddress, levelRank, type RiskLevel } from '../review/scale.js';
import type { ApprovalPolicy, ApprovalRule, Match, Require } from './policy.js';

/** What a rule can match of one change. */
export interface ChangeFacts {
  /** '' when read from a plan run's record, which names no address (they can hold for_each keys). */
  readonly address: string;
  readonly category: string;
  readonly type: string;
  readonly actions: readonly string[];
  readonly severity: RiskLevel;
  readonly findings: readonly string[];
  /** How many changes have these facts (a record keeps each distinct set once); 1 when absent. */
  readonly count?: number;
}

/** The org target a run is for. */
export interface OrgTarget {
  readonly directory: string;
  readonly workspace: string;
  readonly label: string;
}

/** A rule the plan matched: whose approvals it needs, and for which changes. */
export interface Requirement {
  readonly name: string;
  readonly require: Require;
  /** How many changes it matched (0 for the policy file's own rule), and their addresses where known. */
  readonly changes: number;
  readonly addresses: readonly string[];
}

function actionsOf(change: ChangeSummary): string[] {
  const actions = change.action === 'no-op' || change.action === 'forget' ? [] : [change.action];
  return change.importing ? [...actions, 'import'] : actions;
}

/** Each change's facts, by the built-in rules' findings (the plan's own judgement, whatever the policy file says). */
export function changeFacts(summary: PlanSummary): ChangeFacts[] {
  const found = findingsByAddress(summary.builtInFindings ?? summary.findings);
  return summary.changes
    .filter((c) => !c.noise)
    .map((change) => {
      const rules = found.get(change.address)?.rules;
      return {
        address: change.address,
        category: change.category,
        type: change.type,
        actions: actionsOf(change),
        severity: changeLevel(change, found),
        findings: rules ? [...rules] : [],
      };
    })
    .filter((facts) => facts.actions.length > 0);
}

const anyOf = <T>(wanted: readonly T[] | undefined, has: (value: T) => boolean): boolean =>
  wanted === undefined || wanted.some(has);

function orgMatches(match: Match, org: OrgTarget): boolean {
  const { orgs } = match;
  const directory = org.directory.replace(/^\.\//, '').replace(/\/$/, '') || '.';
  return (
    anyOf(orgs?.directories, (d) => d.replace(/^\.\//, '').replace(/\/$/, '') === directory) &&
    anyOf(orgs?.workspaces, (w) => w === org.workspace) &&
    anyOf(orgs?.labels, (l) => l === org.label)
  );
}

function changeMatches(match: Match, facts: ChangeFacts): boolean {
  return (
    anyOf(match.categories, (c) => c === facts.category) &&
    anyOf(match.types, (t) => t === facts.type) &&
    anyOf(match.actions, (a) => facts.actions.includes(a)) &&
    anyOf(match.findings, (f) => facts.findings.includes(f)) &&
    (match.severity === undefined || levelRank(facts.severity) <= levelRank(match.severity))
  );
}

/** The rules a plan's changes match, for this org target, in the policy's order. */
export function requirementsOf(
  policy: ApprovalPolicy,
  facts: readonly ChangeFacts[],
  org: OrgTarget,
  options: { readonly editsPolicy: boolean },
): Requirement[] {
  const matched = (rule: ApprovalRule): Requirement | undefined => {
    if (!orgMatches(rule.match, org)) return undefined;
    const matching = facts.filter((f) => changeMatches(rule.match, f));
    const addresses = matching.flatMap((f) => (f.address ? [f.address] : []));
    return matching.length
      ? {
          name: rule.name,
          require: rule.require,
          changes: matching.reduce((n, f) => n + (f.count ?? 1), 0),
          addresses,
        }
      : undefined;
  };
  const requirements = policy.rules.flatMap((rule) => matched(rule) ?? []);
  if (!options.editsPolicy) return requirements;
  const name = 'changes to the approval policy';
  const own: Requirement[] = policy.policyChanges
    ? [{ name, require: policy.policyChanges, changes: 0, addresses: [] }]
    : policy.rules.map((rule) => ({
        name: `${name} (as "${rule.name}")`,
        require: rule.require,
        changes: 0,
        addresses: [],
      }));
  return [...requirements, ...own];
}
