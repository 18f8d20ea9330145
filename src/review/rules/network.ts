// Network rules (security-checks.md rows 5 and 6): the whole internet as a zone, guardrails turned off. Okta
// support's "Trusted Proxy and Network Zones" advisory: a zone of 0.0.0.0-255.255.255.255 as trusted proxy skips
// ThreatInsight for every sign-in.

import type { Rule } from '../engine.js';
import { gained, list, text } from './values.js';

/** An IPv4 address, CIDR or range as its first and last address, or null when it is not one. */
export function ipv4Range(entry: string): [number, number] | null {
  const toNumber = (ip: string): number | null => {
    const parts = ip.split('.').map(Number);
    if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return null;
    return parts.reduce((n, p) => n * 256 + p, 0);
  };
  const cidr = /^([\d.]+)\/(\d+)$/.exec(entry);
  if (cidr) {
    const base = toNumber(cidr[1] ?? '');
    const size = 2 ** (32 - Number(cidr[2]));
    return base === null ? null : [base - (base % size), base - (base % size) + size - 1];
  }
  const range = /^([\d.]+)-([\d.]+)$/.exec(entry);
  if (range) {
    const [from, to] = [toNumber(range[1] ?? ''), toNumber(range[2] ?? '')];
    return from === null || to === null ? null : [from, to];
  }
  const one = toNumber(entry);
  return one === null ? null : [one, one];
}

/** A /8 or more of IPv4 (16 million addresses), or a /16 or more of IPv6: no one's own network. */
export function isInternetWide(entry: string): boolean {
  const v6 = /^([0-9a-fA-F:]+)\/(\d+)$/.exec(entry);
  if (v6 && entry.includes(':')) return Number(v6[2]) <= 16;
  const range = ipv4Range(entry.trim());
  return range !== null && range[1] - range[0] + 1 >= 2 ** 24;
}

const internetZone: Rule = {
  id: 'zone-whole-internet',
  types: ['okta_network_zone', 'okta_threat_insight_settings'],
  check({ type, before, after, allow }) {
    if (!after) return null;
    if (type === 'okta_threat_insight_settings') {
      const excluded = gained(before, after, 'network_excludes');
      return excluded.length
        ? {
            severity: 'high',
            message: `ThreatInsight stops checking sign-ins from ${excluded.length === 1 ? 'a zone' : `${excluded.length} zones`}.`,
            attributes: ['network_excludes'],
          }
        : null;
    }
    const wide = ['gateways', 'proxies'].flatMap((a) =>
      gained(before, after, a)
        .filter((entry) => isInternetWide(entry) && !allow.trustedCidrs.includes(entry))
        .map((entry) => ({ a, entry })),
    );
    if (wide.length === 0) return null;
    const proxies = wide.filter((w) => w.a === 'proxies').map((w) => w.entry);
    return {
      severity: 'high',
      message: proxies.length
        ? `Every address on the internet becomes a trusted proxy (${list(proxies)}): ThreatInsight and the zone's rules no longer see where sign-ins come from.`
        : `The zone now covers the whole internet (${list(wide.map((w) => w.entry))}): rules that trust it trust everyone.`,
      attributes: [...new Set(wide.map((w) => w.a))],
    };
  },
};

const guardrailOff: Rule = {
  id: 'guardrail-off',
  types: ['okta_threat_insight_settings', 'okta_network_zone', 'okta_rate_limiting'],
  check({ type, action, before, after }) {
    if (type === 'okta_threat_insight_settings') {
      return text(after, 'action') === 'none' && text(before, 'action') !== 'none'
        ? {
            severity: 'high',
            message: `ThreatInsight turned off: action ${text(before, 'action') ?? 'unset'} → none, sign-ins from known-bad IPs are no longer blocked or logged.`,
            attributes: ['action'],
          }
        : null;
    }
    if (type === 'okta_rate_limiting') {
      const mode = text(after, 'default_mode');
      return mode &&
        mode !== 'ENFORCE' &&
        mode !== text(before, 'default_mode') &&
        text(before, 'default_mode') === 'ENFORCE'
        ? {
            severity: 'high',
            message: `Per-client rate limits no longer enforced: default_mode ENFORCE → ${mode}.`,
            attributes: ['default_mode'],
          }
        : null;
    }
    if (text(before, 'usage') !== 'BLOCKLIST' || text(before, 'status') === 'INACTIVE') return null;
    if (action === 'delete' || action === 'replace')
      return {
        severity: 'high',
        message: `A block list ${action === 'delete' ? 'is deleted' : 'is replaced (gone until the new one exists)'}: the addresses it blocked can sign in.`,
        attributes: ['gateways', 'usage', 'status'],
      };
    return text(after, 'status') === 'INACTIVE'
      ? {
          severity: 'high',
          message: 'A block list is deactivated: the addresses it blocked can sign in.',
          attributes: ['status'],
        }
      : null;
  },
};

export const NETWORK_RULES: readonly Rule[] = [internetZone, guardrailOff];
