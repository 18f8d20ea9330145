// Why a Terraform command failed, read from its output: a held state lock, Okta's rate limits, Okta refusing the
// credentials, or else the diagnostics' own summary lines. Each becomes one failure reason and a one-line message
// that says what to do.

import { ActionError, type FailureReason } from '../errors.js';
import { scopeFor } from '../okta/scopes.js';

export type Phase = 'init' | 'workspace' | 'validate' | 'plan' | 'show' | 'apply' | 'state';

const PHASE_REASON: Record<Phase, FailureReason> = {
  init: 'init-failed',
  workspace: 'init-failed',
  validate: 'plan-failed',
  plan: 'plan-failed',
  show: 'plan-failed',
  apply: 'apply-failed',
  state: 'state-not-saved',
};

export interface LockHolder {
  readonly id?: string;
  readonly who?: string;
  readonly operation?: string;
  readonly created?: string;
  readonly path?: string;
}

/**
 * Who holds the state lock. Most backends print the holder's "Lock Info:" block; the http backend prints only the
 * holder's ID ("already locked: ID=...") followed by the lock it tried to take itself, which must not be mistaken
 * for the holder.
 */
export function parseLockInfo(output: string): LockHolder | undefined {
  const flat = output.replace(/[\s│]+/g, ' ');
  const httpHolder = /already locked:\s*ID=(\S+)/.exec(flat)?.[1];
  if (httpHolder) return { id: httpHolder };
  const start = output.indexOf('Lock Info:');
  if (start < 0) return undefined;
  const block = output.slice(start, start + 2000);
  const field = (name: string): string | undefined => {
    const value = new RegExp(`^[\\s│]*${name}:[ \\t]*(.*)$`, 'm').exec(block)?.[1]?.trim();
    return value ? value : undefined;
  };
  return {
    id: field('ID'),
    who: field('Who'),
    operation: field('Operation'),
    created: field('Created'),
    path: field('Path'),
  };
}

/** One of Terraform's error diagnostics: its summary and its detail, each on one line. */
export interface Diagnostic {
  readonly summary: string;
  readonly detail: string;
}

const BOX = /^[│╷╵] ?/;
const DETAIL_CHARS = 400;

/**
 * The error diagnostics in a command's human output, once per summary, in order. Terraform prints each as
 * "Error: SUMMARY" (wrapped at 78 columns), a blank line, the source lines indented, then the detail paragraphs (a
 * precondition's error_message), boxed in │ on a terminal and in -json apply logs' rendering alike. Wrapped lines are
 * joined again, so nothing is cut at a line wrap; warnings are left out.
 */
export function errorDiagnostics(output: string): Diagnostic[] {
  const found = new Map<string, string[]>();
  let current: { summary: string[]; detail: string[] } | undefined;
  let inSummary = false;
  const finish = () => {
    if (!current) return;
    const summary = current.summary.join(' ');
    const detail = current.detail.join(' ').replace(/\s+/g, ' ').trim();
    if (!found.has(summary) || (!found.get(summary)?.length && detail))
      found.set(summary, detail ? [detail] : []);
    current = undefined;
  };
  for (const raw of output.split(/\r?\n/)) {
    const text = raw.replace(BOX, '');
    const start = /^(Error|Warning): (.+)$/.exec(text.trim());
    if (start) {
      finish();
      current = start[1] === 'Error' ? { summary: [(start[2] as string).trim()], detail: [] } : undefined;
      inSummary = true;
      continue;
    }
    if (raw.startsWith('╵')) finish();
    if (!current) continue;
    if (inSummary) {
      if (text.trim() === '') inSummary = false;
      else current.summary.push(text.trim());
    } else if (text.trim() !== '' && !/^\s/.test(text)) {
      // Indented lines are the source snippet and the values in it; the detail starts at the first column.
      current.detail.push(text.trim());
    }
  }
  finish();
  return [...found].map(([summary, detail]) => {
    const text = detail[0] ?? '';
    return { summary, detail: text.length > DETAIL_CHARS ? `${text.slice(0, DETAIL_CHARS - 1)}…` : text };
  });
}

/** The error diagnostics' summaries, once each, in order. */
export function diagnosticSummaries(output: string): string[] {
  return errorDiagnostics(output).map((d) => d.summary);
}

const RATE_LIMITED =
  /API call exceeded rate limit|Too Many Requests|\b429\b.*(rate|limit|okta)|(rate|limit|okta).*\b429\b|E0000047/i;
const OKTA_REJECTED =
  /E0000011|E0000006|E0000015|Invalid token provided|(okta|oauth|access token|api token).*\b(401|403)\b|\b(401|403)\b.*(okta|oauth|token)/i;
const LOCKED =
  /Error acquiring the state lock|Error locking state|state is locked|ConditionalCheckFailed.*lock/i;

function lockMessage(holder: LockHolder | undefined, lockTimeout: string): string {
  const who = holder?.who ? `by ${holder.who}` : 'by another run (the backend does not say which)';
  const operation = holder?.operation?.replace(/^OperationType/, '').toLowerCase();
  const what = operation && operation !== 'invalid' ? ` (${operation})` : '';
  const since = holder?.created ? ` since ${holder.created}` : '';
  const id = holder?.id ? `, lock ID ${holder.id}` : '';
  const unlock = holder?.id
    ? ` If that run died, unlock it with \`terraform force-unlock ${holder.id}\`.`
    : ' If that run died, unlock it with `terraform force-unlock LOCK_ID`.';
  return `the state is locked ${who}${what}${since}${id}; waited lock-timeout ${lockTimeout}. Wait for that run to finish, or raise lock-timeout.${unlock}`;
}

const RATE_ADVICE =
  'Okta answered HTTP 429 (API rate limit) until the provider gave up. Set okta-max-api-capacity (e.g. 50) so the ' +
  'provider slows down before the limit, lower parallelism (e.g. 2), and set Application Rate Limits on the ' +
  "service app Terraform uses so other clients aren't starved; then re-run";

/** The diagnostics as one line: "summary: detail; summary: detail". */
function summaryText(output: string, phase: Phase): string {
  const diagnostics = errorDiagnostics(output);
  if (diagnostics.length === 0) return `terraform ${phase} failed; see its output above in the log`;
  const joined = diagnostics.map((d) => (d.detail ? `${d.summary}: ${d.detail}` : d.summary)).join('; ');
  return joined.length > 1000 ? `${joined.slice(0, 997)}...` : joined;
}

/** Okta's 403: the credentials work, but may not do this (a missing OAuth scope, or an admin role too narrow). */
const FORBIDDEN = /E0000006|You do not have permission to perform the requested action|\b403 Forbidden\b/;

/**
 * A 403, with the scope each refused object needs: the objects are named in the diagnostics ("with
 * okta_group.engineering,"), and a plan reads (okta.groups.read) where an apply writes (okta.groups.manage).
 */
function forbidden(output: string, phase: Phase): ActionError {
  const access = phase === 'apply' ? 'manage' : 'read';
  const addresses = [
    ...new Set(
      [
        ...output.matchAll(
          /^[\s│]*with ((?:module\.[\w-]+(?:\[[^\]]*\])?\.)*(?:data\.)?(okta_\w+)\.[\w-]+(?:\[[^\]]*\])?),?$/gm,
        ),
      ].map((m) => `${m[1]}|${m[2]}`),
    ),
  ];
  const refused = addresses.map((entry) => {
    const [address = '', type = ''] = entry.split('|');
    return { address, scope: scopeFor(type, access) };
  });
  const scopes = [...new Set(refused.map((r) => r.scope).filter((s): s is string => s !== undefined))];
  const objects =
    refused.length > 0
      ? ` for ${refused
          .map((r) => r.address)
          .slice(0, 5)
          .join(', ')}`
      : '';
  const grant =
    scopes.length > 0
      ? `a service app needs the scope${scopes.length > 1 ? 's' : ''} ${scopes.join(', ')} granted and listed in OKTA_API_SCOPES`
      : `a service app needs the okta.*.${access} scope of each of these kinds granted and listed in OKTA_API_SCOPES`;
  return new ActionError(
    'credentials-missing',
    `Okta answered 403 (E0000006, not permitted)${objects}: ${grant}; an API token's admin needs a role that may ${access === 'read' ? 'read' : 'change'} them (${summaryText(output, phase)})`,
  );
}

/** Terraform's refusal of a saved plan made on an older state: it checks before it changes anything. */
const STALE_PLAN = /Error: Saved plan is stale/;

/** The ActionError for a failed Terraform command, from what it printed (stdout and stderr). */
export function classifyFailure(phase: Phase, output: string, lockTimeout: string): ActionError {
  if (phase === 'apply' && STALE_PLAN.test(output)) {
    return new ActionError(
      'plan-changed',
      'the state changed after the reviewed plan was made (another apply, or a state edit), so Terraform refused ' +
        'the plan file and nothing was applied. Re-run this job: it plans again and applies only if the new plan is the one reviewed',
    );
  }
  if (LOCKED.test(output))
    return new ActionError('state-locked', lockMessage(parseLockInfo(output), lockTimeout));
  if (RATE_LIMITED.test(output))
    return new ActionError('rate-limited', `${summaryText(output, phase)}. ${RATE_ADVICE}`);
  if (FORBIDDEN.test(output)) return forbidden(output, phase);
  if (OKTA_REJECTED.test(output)) {
    return new ActionError(
      'credentials-missing',
      `Okta refused the credentials (${summaryText(output, phase)}): check that OKTA_API_TOKEN (or the OAuth app's ` +
        'client ID, private key and scopes) is current, belongs to this org, and has an admin role that can manage these objects',
    );
  }
  return new ActionError(PHASE_REASON[phase], summaryText(output, phase));
}
