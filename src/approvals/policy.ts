// A repository's approval policy: which changes need whose approvals (policy-schema.ts says what the file may hold).
// It is read from the default branch at the pull request's base, never from the pull request (src/modes/
// approval-gate.ts): a pull request can't lift its own gate. Without a file, the built-in policy is the rule of
// earlier releases on the one scale: a change of severity block-on (high) or worse needs one approval.

import { Ajv, type ErrorObject } from 'ajv';
import { parse } from 'yaml';
import { ActionError } from '../errors.js';
import type { BlockOn } from '../review/findings.js';
import { APPROVALS_SCHEMA, type ACTIONS, type LEVEL_NAMES } from './policy-schema.js';

/** Where the policy lives, on the default branch. */
export const APPROVAL_POLICY_FILE = '.github/okta-approvals.yml';

/** Who must approve. A team is "org/slug"; a user a login. */
export interface Require {
  readonly anyOf?: readonly string[];
  readonly allOf?: readonly string[];
  readonly count?: number;
}

export interface Match {
  readonly categories?: readonly string[];
  readonly types?: readonly string[];
  readonly actions?: readonly (typeof ACTIONS)[number][];
  readonly findings?: readonly string[];
  readonly severity?: (typeof LEVEL_NAMES)[number];
  readonly orgs?: {
    readonly directories?: readonly string[];
    readonly workspaces?: readonly string[];
    readonly labels?: readonly string[];
  };
}

export interface ApprovalRule {
  readonly name: string;
  readonly match: Match;
  readonly require: Require;
}

export interface ApprovalPolicy {
  /** "built-in", or the file and the commit it was read at. */
  readonly source: string;
  readonly rules: readonly ApprovalRule[];
  /** What a pull request that edits the policy file needs; undefined: every rule's require together. */
  readonly policyChanges?: Require;
}

/** The policy of a repository without a file: block-on or worse needs one approval by someone with write access. */
export function builtInApprovalPolicy(blockOn: BlockOn): ApprovalPolicy {
  if (blockOn === 'none' || blockOn === 'info') return { source: 'built-in', rules: [] };
  return {
    source: 'built-in',
    rules: [{ name: `${blockOn} or worse`, match: { severity: blockOn }, require: { count: 1 } }],
  };
}

let validate: ReturnType<Ajv['compile']> | undefined;

function problemOf(error: ErrorObject): string {
  const at = error.instancePath.replace(/^\//, '').replaceAll('/', '.') || '(top level)';
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties')
    return `${at}: ${String(params.additionalProperty)} is not a key here (see schemas/okta-approvals.schema.json)`;
  if (error.keyword === 'required') return `${at}: ${String(params.missingProperty)} is missing`;
  if (error.keyword === 'enum')
    return `${at}: must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
  if (error.keyword === 'pattern') return `${at}: not a user (alice) or a team (org/team-slug)`;
  return `${at}: ${error.message ?? 'not valid'}`;
}

interface RequireDocument {
  readonly 'any-of'?: string[];
  readonly 'all-of'?: string[];
  readonly count?: number;
}

const withoutAt = (entry: string): string => entry.replace(/^@/, '');

function requireOf(document: RequireDocument): Require {
  return {
    ...(document['any-of'] ? { anyOf: document['any-of'].map(withoutAt) } : {}),
    ...(document['all-of'] ? { allOf: document['all-of'].map(withoutAt) } : {}),
    ...(document.count !== undefined ? { count: document.count } : {}),
  };
}

/** Reads and checks a policy file's text; one line naming the key and the fix when it is not valid. */
export function parseApprovalPolicy(text: string, source: string): ApprovalPolicy {
  const fail = (problem: string): never => {
    throw new ActionError(
      'invalid-input',
      `the approval policy ${source} is not valid: ${problem}; fix it on the default branch (the policy a pull request is judged by is the base's)`,
    );
  };
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    fail(`it is not YAML: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}`);
  }
  validate ??= new Ajv({ allErrors: false, strict: false }).compile(APPROVALS_SCHEMA);
  if (!validate(document)) fail(problemOf((validate.errors ?? [])[0] as ErrorObject));
  const doc = document as {
    rules: { name: string; match: Match; require: RequireDocument }[];
    'policy-changes'?: RequireDocument;
  };
  return {
    source,
    rules: doc.rules.map((r) => ({ name: r.name, match: r.match, require: requireOf(r.require) })),
    ...(doc['policy-changes'] ? { policyChanges: requireOf(doc['policy-changes']) } : {}),
  };
}
