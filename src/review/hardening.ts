// Updates that only harden: every attribute the update changes moves the way that protects the org (a longer
// minimum password, MFA now required, a zone that covers fewer addresses). Such an update is no risk on the scale
// (scale.ts), however risky its type: it can't widen access, and a lockout it might cause is what the rules judge
// (a password rule that is newly strict locks no one out until their next change). The directions, with sources:
// reference/okta/risk-scale.md.

import type { Plain } from './engine.js';
import { ipv4Range } from './rules/network.js';

/** Whether one attribute's move from `was` to `now` hardens, given both whole objects. */
type Direction = (was: unknown, now: unknown, after: Plain) => boolean;

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const strs = (v: unknown): string[] | null =>
  Array.isArray(v) && v.every((e): e is string => typeof e === 'string') ? v : null;

/** More is stricter (a longer minimum, a longer history). */
const more: Direction = (was, now) => {
  const [a, b] = [num(was), num(now)];
  return a !== null && b !== null && b > a;
};
/** Off to on. */
const turnedOn: Direction = (was, now) => was !== true && now === true;
/** Lockout after fewer failed attempts; 0 means never locked out, so any number is stricter than 0. */
const fewerAttempts: Direction = (was, now) => {
  const [a, b] = [num(was), num(now)];
  return a !== null && b !== null && b > 0 && (a === 0 || b < a);
};
/** Whether every address `entry` covers, one of `entries` covers too. */
function covered(entry: string, entries: readonly string[]): boolean {
  const range = ipv4Range(entry);
  return entries.some((e) => {
    if (e === entry) return true;
    const outer = ipv4Range(e);
    return range !== null && outer !== null && outer[0] <= range[0] && range[1] <= outer[1];
  });
}

/**
 * An allow-list zone covers less (each entry within one it had, and fewer addresses or entries); a block-list zone
 * blocks more (the other way round). The zone's usage must not change with it (zone-whole-internet judges that).
 */
const zoneNarrowed: Direction = (was, now, after) => {
  const [a, b] = [strs(was) ?? [], strs(now) ?? []];
  const [wider, narrower] = after['usage'] === 'BLOCKLIST' ? [b, a] : [a, b];
  return narrower.every((e) => covered(e, wider)) && !wider.every((e) => covered(e, narrower));
};

const PASSWORD: Readonly<Record<string, Direction>> = {
  password_min_length: more,
  password_min_lowercase: more,
  password_min_uppercase: more,
  password_min_number: more,
  password_min_symbol: more,
  password_history_count: more,
  password_min_age_minutes: more,
  password_max_lockout_attempts: fewerAttempts,
  password_exclude_username: turnedOn,
  password_exclude_first_name: turnedOn,
  password_exclude_last_name: turnedOn,
  password_dictionary_lookup: turnedOn,
};

const HARDENING: Readonly<Record<string, Readonly<Record<string, Direction>>>> = {
  okta_policy_password: PASSWORD,
  okta_policy_password_default: PASSWORD,
  okta_policy_rule_signon: { mfa_required: turnedOn },
  okta_app_signon_policy_rule: { factor_mode: (was, now) => was === '1FA' && now === '2FA' },
  okta_network_zone: { gateways: zoneNarrowed, proxies: zoneNarrowed },
};

/** The top-level attributes whose values differ (JSON-equal values are the same). */
function changedAttributes(before: Plain, after: Plain): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/** Whether an update changes something, and every change it makes hardens. */
export function hardensOnly(type: string, before: Plain | null, after: Plain | null): boolean {
  const directions = HARDENING[type];
  if (!directions || !before || !after) return false;
  const changed = changedAttributes(before, after);
  return (
    changed.length > 0 &&
    changed.every((attribute) => directions[attribute]?.(before[attribute], after[attribute], after) === true)
  );
}
