// A repository's review policy: rules turned off, severities changed, allowlists (policy-schema.ts says what a file
// may hold). A file that is not valid fails the run with one line naming the key and the fix.

import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import { parse } from 'yaml';
import { ActionError } from '../errors.js';
import type { Severity } from './findings.js';
import { POLICY_SCHEMA, RULE_IDS } from './policy-schema.js';

export interface Allowlists {
  readonly hookHosts: readonly string[];
  readonly redirectHosts: readonly string[];
  readonly trustedCidrs: readonly string[];
  readonly adminRolesForGroups: readonly string[];
}

export interface ReviewPolicy {
  /** Where it came from, for messages ("built-in" when there is no file). */
  readonly source: string;
  readonly off: ReadonlySet<string>;
  readonly severity: ReadonlyMap<string, Severity>;
  readonly allow: Allowlists;
}

/** Where a repository keeps its policy when the input review-policy does not say. */
export const DEFAULT_POLICY_FILE = '.okta-review.yml';

export const BUILT_IN_POLICY: ReviewPolicy = {
  source: 'built-in',
  off: new Set(),
  severity: new Map(),
  allow: { hookHosts: [], redirectHosts: [], trustedCidrs: [], adminRolesForGroups: [] },
};

/** Whether `host` is on a list of hosts and `*.domain` patterns. */
export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const name = host.toLowerCase();
  return allowed.some((entry) => {
    const e = entry.toLowerCase();
    return e.startsWith('*.') ? name.endsWith(e.slice(1)) : name === e;
  });
}

let validate: ReturnType<Ajv['compile']> | undefined;

/** The first schema error as "key: problem (fix)". */
function describe(error: ErrorObject): string {
  const at = error.instancePath.replace(/^\//, '').replaceAll('/', '.') || '(top level)';
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties')
    return `${at === '(top level)' ? '' : `${at}.`}${String(params.additionalProperty)}: not a key of the policy (keys: version, rules, allow; allow: hook-hosts, redirect-hosts, trusted-cidrs, admin-roles-for-groups)`;
  if (error.keyword === 'propertyNames' || (error.keyword === 'enum' && error.propertyName !== undefined)) {
    const name = typeof params.propertyName === 'string' ? params.propertyName : (error.propertyName ?? '?');
    return `rules.${name}: no such rule (rules: ${RULE_IDS.join(', ')})`;
  }
  if (error.keyword === 'required') return `${String(params.missingProperty)}: missing (add version: 1)`;
  if (error.keyword === 'const') return `${at}: must be 1`;
  if (error.keyword === 'oneOf' || error.keyword === 'enum')
    return `${at}: must be off, a severity (critical, high, medium, low, info) or { enabled, severity }`;
  return `${at}: ${error.message ?? 'not valid'}`;
}

/** Reads and checks a policy file's text. */
export function parsePolicy(text: string, source: string): ReviewPolicy {
  const fail = (problem: string): never => {
    throw new ActionError('invalid-input', `the review policy ${source} is not valid: ${problem}`);
  };
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    fail(
      `it is not YAML${line ? ` (line ${line})` : ''}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
  }
  validate ??= new Ajv({ allErrors: false, strict: false }).compile(POLICY_SCHEMA);
  if (!validate(document)) fail(describe((validate.errors ?? [])[0] as ErrorObject));
  const doc = document as {
    rules?: Record<string, string | { enabled?: boolean; severity?: Severity }>;
    allow?: Record<string, string[] | undefined>;
  };
  const off = new Set<string>();
  const severity = new Map<string, Severity>();
  for (const [rule, setting] of Object.entries(doc.rules ?? {})) {
    if (setting === 'off' || (typeof setting === 'object' && setting.enabled === false)) off.add(rule);
    else if (typeof setting === 'string') severity.set(rule, setting as Severity);
    else if (setting.severity) severity.set(rule, setting.severity);
  }
  const allow = doc.allow ?? {};
  return {
    source,
    off,
    severity,
    allow: {
      hookHosts: allow['hook-hosts'] ?? [],
      redirectHosts: allow['redirect-hosts'] ?? [],
      trustedCidrs: allow['trusted-cidrs'] ?? [],
      adminRolesForGroups: allow['admin-roles-for-groups'] ?? [],
    },
  };
}

/**
 * The policy at `path` (`shown`: how messages name it); the built-in one when it is not `required` (the default
 * path) and there is no such file. Read once, with the inputs.
 */
export function readPolicy(path: string, shown: string, { required }: { required: boolean }): ReviewPolicy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') return BUILT_IN_POLICY;
    throw new ActionError(
      'invalid-input',
      `the review policy ${shown} can't be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): give the path of a .okta-review.yml in the repository`,
    );
  }
  return parsePolicy(text, shown);
}

/** What the summary says of a policy. */
export function policySummary(policy: ReviewPolicy): {
  source: string;
  off: string[];
  severity: Record<string, string>;
} {
  return { source: policy.source, off: [...policy.off], severity: Object.fromEntries(policy.severity) };
}
