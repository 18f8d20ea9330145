// The summary contract (DESIGN.md, "Summary JSON"): what the CLI prints with --format json and what the action writes
// to the file named by its `summary-json` output. Add fields; never rename or remove them.

import type { Finding } from '../review/findings.js';
import type { RiskLevel } from '../review/scale.js';
import type { ApiForecast } from './api-forecast.js';

export type Risk = 'high' | 'medium' | 'low' | 'none';

export interface TerraformCounts {
  add: number;
  change: number;
  destroy: number;
  import: number;
  forget: number;
}

export interface ObjectCounts {
  create: number;
  update: number;
  delete: number;
  replace: number;
  import: number;
  move: number;
  forget: number;
  read: number;
}

export type CategoryCounts = { category: string } & Omit<ObjectCounts, 'read'>;

/** What happens to one object, in one word. */
export type ObjectAction = 'create' | 'update' | 'delete' | 'replace' | 'forget' | 'no-op';

/** One attribute that changes: values are display text, already redacted and shortened. */
export interface AttributeChange {
  path: string;
  before: string | null;
  after: string | null;
  forcesReplacement: boolean;
}

export interface ChangeSummary {
  address: string;
  type: string;
  category: string;
  name: string;
  actions: string[];
  replaceOrder: 'delete-first' | 'create-first' | null;
  importing: boolean;
  previousAddress: string | null;
  /**
   * One scale (src/review/scale.ts): the higher of the type's own risk for this action and its findings' severity.
   * highRisk is exactly: high or worse.
   */
  severity: RiskLevel;
  /** The type's own risk for what the plan does to it, before findings (approvals judge it with built-in rules). */
  typeSeverity: RiskLevel;
  highRisk: boolean;
  riskReasons: string[];
  /** Additions to the contract. */
  noun: string;
  action: ObjectAction;
  actionReason: string | null;
  /** Set for an older copy of the object that a create-before-destroy replace left behind. */
  deposed: string | null;
  attributes: AttributeChange[];
  /** Attributes left out of `attributes` (the list is capped per object). */
  attributesOmitted: number;
  /** Set when the update is known provider noise: it changes nothing in Okta (reference/okta/known-noise.tsv). */
  noise: { reason: string; evidence: string } | null;
  /**
   * Why okta/okta or Okta may bring this change back (reference/okta/known-noise.tsv, its "explain" rows): the change
   * is real and judged as any other; the note says why it may show again.
   */
  providerNotes: readonly { reason: string; evidence: string }[];
  /**
   * Every value the change plans is in `attributes` as it is (nothing cut, masked, scrubbed or left out) and nothing
   * about it is hidden from the review (an import's target ID is): the review's text alone then says what is applied.
   */
  shownInFull: boolean;
}

/** A root module output that changes: its value before and after as display text (sensitive values masked). */
export interface OutputChangeSummary {
  name: string;
  action: ObjectAction;
  /** One attribute, `value` (or the paths inside it that change). */
  attributes: AttributeChange[];
  shownInFull: boolean;
}

export interface DriftSummary {
  address: string;
  type: string;
  category: string;
  name: string;
  actions: string[];
  noun: string;
  attributes: AttributeChange[];
  attributesOmitted: number;
}

export interface OrgInfo {
  /** Host of the org, e.g. acme.okta.com, when the plan or the environment names it. */
  host: string | null;
  source: 'provider-block' | 'environment' | null;
}

export interface PlanSummary {
  formatVersion: 1;
  terraform: TerraformCounts;
  objects: ObjectCounts;
  hasChanges: boolean;
  categories: CategoryCounts[];
  changes: ChangeSummary[];
  drift: DriftSummary[];
  /** Additions to the contract. */
  outputChanges: number;
  /** The outputs that change, with their values. */
  outputs: OutputChangeSummary[];
  actionInvocations: number;
  deferredChanges: number;
  /** Changes of severity high or worse. */
  highRisk: number;
  /** What the changes do, judged by the security rules (src/review/) and the review policy, most severe first. */
  findings: Finding[];
  /**
   * Only when a review policy tuned the rules: the findings by the built-in rules alone. block-on judges these: the
   * policy file is the repository's, which the pull request being applied could have changed.
   */
  builtInFindings?: Finding[];
  /** The review policy the findings were judged by: its file, the rules it turned off and the severities it set. */
  reviewPolicy: { source: string; off: string[]; severity: Record<string, string> };
  /** The Okta API calls a refresh and the apply of this plan make, per rate-limit bucket, and the time they take. */
  apiForecast: ApiForecast;
  errored: boolean;
  org: OrgInfo;
  plan: { formatVersion: string | null; terraformVersion: string | null };
  /** sha256 over every change's digest (fingerprint.ts); the `fingerprint` output adds directory, workspace, backend. */
  planDigest: string;
}
