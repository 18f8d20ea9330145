// One risk scale for every change: critical, high, medium, low, none. A change's severity is the higher of its
// type's own risk for what the plan does to it (the catalog, reference/okta/risk.tsv) and the findings the rules
// make of it (rules/*.ts). "High-risk" means exactly high or worse, and approvals (src/approvals/) are asked for on
// this scale. Why each level, with sources: reference/okta/risk-scale.md.

import type { OktaType } from '../okta/catalog.js';
import type { ChangeSummary, ObjectAction, Risk } from '../plan/types.js';
import { riskReasons } from '../okta/risk.js';
import type { Plain } from './engine.js';
import { plain } from './rules/values.js';
import type { Finding, Severity } from './findings.js';
import { hardensOnly } from './hardening.js';

export const LEVELS = ['critical', 'high', 'medium', 'low', 'none'] as const;
export type RiskLevel = (typeof LEVELS)[number];

/** Lower is more severe. */
export function levelRank(level: RiskLevel): number {
  return LEVELS.indexOf(level);
}

export function higherLevel(a: RiskLevel, b: RiskLevel): RiskLevel {
  return levelRank(a) <= levelRank(b) ? a : b;
}

export function isHighOrWorse(level: RiskLevel): boolean {
  return levelRank(level) <= levelRank('high');
}

/** A finding's severity on the change scale: an info finding is a note, not a risk. */
export function findingLevel(severity: Severity): RiskLevel {
  return severity === 'info' ? 'none' : severity;
}

/**
 * Deleting these loses what no apply brings back: a user's factors and app accounts, an app's client ID and its
 * assignments, an IdP's links, an authenticator's enrollments, an admin role's bindings, a policy's rules (Okta's
 * API reference: users are deleted for good after deactivation; apps, IdPs, authorization servers, policies and
 * custom roles get new IDs when made again). Whatever the catalog says of them, their delete is at least high.
 */
const IRREVERSIBLE_DELETE =
  /^okta_(user|app_(oauth|saml|auto_login|basic_auth|bookmark|swa|three_field|secure_password_store|shared_credentials|ws_fed)|idp_(oidc|saml|social)|authenticator|admin_role_custom|resource_set|auth_server|auth_server_policy|app_signon_policy|policy_(signon|password|mfa|profile_enrollment|device_assurance_\w+))$/;

const RISK_LEVEL: Readonly<Record<Risk, RiskLevel>> = {
  high: 'high',
  medium: 'medium',
  low: 'low',
  none: 'none',
};

/** Creating these grants access by itself: an admin role, a resource set binding, an API scope. */
function grantsAccess(info: OktaType): boolean {
  return (
    (info.category === 'Admin roles & resource sets' && info.updateRisk === 'high') ||
    info.type === 'okta_app_oauth_api_scope'
  );
}

/**
 * The type's own risk for what the plan does to one object. An update the catalog calls high is medium here: the
 * rules say which updates of a type are high or worse (MFA dropped, admin granted, a zone opened), and an update no
 * rule flags is one to read, not one to hold for approval (the catalog's judgement is of the type, not the change).
 * An update that only hardens (hardening.ts) is none.
 */
export function typeLevel(
  info: OktaType,
  action: ObjectAction,
  values: { readonly before: Plain | null; readonly after: Plain | null },
): RiskLevel {
  switch (action) {
    case 'delete':
      return IRREVERSIBLE_DELETE.test(info.type) ? 'high' : RISK_LEVEL[info.deleteRisk];
    case 'replace':
      // A new object with a new ID: the old one is deleted, whatever the new one holds.
      return higherLevel(
        IRREVERSIBLE_DELETE.test(info.type) ? 'high' : RISK_LEVEL[info.deleteRisk],
        RISK_LEVEL[info.updateRisk],
      );
    case 'create':
      return grantsAccess(info) ? 'high' : 'none';
    case 'update': {
      if (hardensOnly(info.type, values.before, values.after)) return 'none';
      const level = RISK_LEVEL[info.updateRisk];
      return level === 'high' ? 'medium' : level;
    }
    default:
      // A forget leaves the object in Okta; an import or a move alone changes nothing there.
      return 'none';
  }
}

/** The type's own risk for what the plan does to the object, and why, in words. */
export interface TypeRisk {
  readonly level: RiskLevel;
  readonly reasons: string[];
}

/** What the findings say of each address they are on: the most severe level, and which rules found something. */
export interface FoundAt {
  level: RiskLevel;
  readonly rules: Set<string>;
}

export function findingsByAddress(findings: readonly Finding[]): Map<string, FoundAt> {
  const byAddress = new Map<string, FoundAt>();
  for (const f of findings) {
    const seen = byAddress.get(f.address) ?? { level: 'none', rules: new Set<string>() };
    seen.level = higherLevel(seen.level, findingLevel(f.severity));
    seen.rules.add(f.rule);
    byAddress.set(f.address, seen);
  }
  return byAddress;
}

/** A change's severity: its type's own (typeSeverity), raised by the findings on its address. */
export function changeLevel(change: ChangeSummary, found: ReadonlyMap<string, FoundAt>): RiskLevel {
  return higherLevel(change.typeSeverity, found.get(change.address)?.level ?? 'none');
}

/** Each change's severity, and high-risk as high or worse. Provider noise stays none: it changes nothing in Okta. */
export function rateChanges(changes: readonly ChangeSummary[], findings: readonly Finding[]): void {
  const found = findingsByAddress(findings);
  for (const change of changes) {
    if (change.noise) continue;
    change.severity = changeLevel(change, found);
    change.highRisk = isHighOrWorse(change.severity);
  }
}

/** The type's own risk of a change (level and reasons in words), before any rule judged it. */
export function typeRisk(
  info: OktaType,
  action: ObjectAction,
  values: { readonly before: unknown; readonly after: unknown },
  cause: string | null,
): TypeRisk {
  const level = typeLevel(info, action, { before: plain(values.before), after: plain(values.after) });
  return { level, reasons: riskReasons(info, action, cause, isHighOrWorse(level)) };
}
