// Which Okta org a plan is for: the okta provider block's literal org_name and base_url (the provider prefers them),
// else OKTA_ORG_NAME and OKTA_BASE_URL from the environment, as the provider falls back to them.

import type { Environment } from '../runtime.js';
import type { OrgInfo } from './types.js';

function constant(expressions: unknown, key: string): string | null {
  if (!expressions || typeof expressions !== 'object') return null;
  const expression = (expressions as Record<string, unknown>)[key];
  if (!expression || typeof expression !== 'object') return null;
  const value = (expression as Record<string, unknown>).constant_value;
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

function host(orgName: string, baseUrl: string | null): string {
  return baseUrl ? `${orgName}.${baseUrl}` : orgName;
}

/** The org host from the default (unaliased) okta provider block, when it is written as literals. */
export function orgFromProviderConfig(config: Record<string, unknown>): string | null {
  for (const [key, entry] of Object.entries(config)) {
    if (!entry || typeof entry !== 'object') continue;
    const provider = entry as Record<string, unknown>;
    const fullName = typeof provider.full_name === 'string' ? provider.full_name : '';
    const isOkta = key === 'okta' || fullName.endsWith('/okta/okta');
    if (!isOkta || provider.alias || provider.module_address) continue;
    const orgName = constant(provider.expressions, 'org_name');
    if (orgName) return host(orgName, constant(provider.expressions, 'base_url'));
  }
  return null;
}

export function orgFromEnvironment(env: Environment = {}): OrgInfo {
  const orgName = env.OKTA_ORG_NAME?.trim();
  if (!orgName) return { host: null, source: null };
  return { host: host(orgName, env.OKTA_BASE_URL?.trim() || null), source: 'environment' };
}
