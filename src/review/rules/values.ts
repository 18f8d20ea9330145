// Reading raw attribute values the way the rules need them: strings, numbers, string lists, what a list gained.

import type { Plain } from '../engine.js';

/** An object value, or null for anything else. */
export function plain(value: unknown): Plain | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Plain) : null;
}

export function text(object: Plain | null, attribute: string): string | null {
  const value = object?.[attribute];
  return typeof value === 'string' ? value : null;
}

export function number(object: Plain | null, attribute: string): number | null {
  const value = object?.[attribute];
  return typeof value === 'number' ? value : null;
}

export function flag(object: Plain | null, attribute: string): boolean | null {
  const value = object?.[attribute];
  return typeof value === 'boolean' ? value : null;
}

export function strings(object: Plain | null, attribute: string): string[] {
  const value = object?.[attribute];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The strings of a list attribute that `after` has and `before` had not (all of them for a new object). */
export function gained(before: Plain | null, after: Plain | null, attribute: string): string[] {
  const had = new Set(strings(before, attribute));
  return strings(after, attribute).filter((v) => !had.has(v));
}

/** The strings of a list attribute that `before` had and `after` has not. */
export function lost(before: Plain | null, after: Plain | null, attribute: string): string[] {
  return gained(after, before, attribute);
}

/** An attribute of a single nested block or object attribute (a list of one object in the plan, or an object). */
export function nested(object: Plain | null, attribute: string): Plain | null {
  const value = object?.[attribute];
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return first !== null && typeof first === 'object' && !Array.isArray(first) ? (first as Plain) : null;
}

/** Minutes in an ISO 8601 duration (PT2H, P1D, PT30M), or null. */
export function durationMinutes(duration: string | null): number | null {
  const m = duration ? /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(duration) : null;
  if (!m || duration === 'P' || duration === 'PT') return null;
  const [, d = '0', h = '0', min = '0', s = '0'] = m;
  return Number(d) * 1440 + Number(h) * 60 + Number(min) + Number(s) / 60;
}

export const quote = (value: string): string => `"${value}"`;
export const list = (values: readonly string[]): string => values.map(quote).join(', ');

/** The rules an okta_app_signon_policy_rules object holds, by name: the provider keys them by name in state. */
export function rulesByName(object: Plain | null): Map<string, Plain> {
  const rules = new Map<string, Plain>();
  for (const item of Array.isArray(object?.rule) ? object.rule : []) {
    const rule = plain(item);
    const name = text(rule, 'name');
    if (rule && name !== null) rules.set(name, rule);
  }
  return rules;
}
