// @ts-check
// The two small languages the emulated API reads: SCIM-style `search`/`filter` query parameters
// (profile.name eq "Sales" and type eq "OKTA_GROUP") and group rule conditions in the Okta Expression Language,
// of which only user.<attribute>=="value" joined with &&/|| is understood; any other rule matches nobody.

import { badSearch } from './errors.mjs';

/** @typedef {import('./store.mjs').Obj} Obj */
/** @typedef {(object: Obj) => boolean} Predicate */

/**
 * @param {Obj} object
 * @param {string} path dotted: profile.name
 * @returns {unknown}
 */
export function valueAt(object, path) {
  /** @type {unknown} */
  let value = object;
  for (const key of path.split('.')) {
    value = value == null ? undefined : /** @type {Record<string, unknown>} */ (value)[key];
  }
  return value;
}

const SCIM_TOKEN = /\s*(?:(\()|(\))|"((?:[^"\\]|\\.)*)"|([^\s()"]+))/y;

/**
 * @param {string} text
 * @returns {Array<{ kind: 'open' | 'close' | 'string' | 'word', text: string }>}
 */
function scimTokens(text) {
  /** @type {Array<{ kind: 'open' | 'close' | 'string' | 'word', text: string }>} */
  const tokens = [];
  SCIM_TOKEN.lastIndex = 0;
  while (SCIM_TOKEN.lastIndex < text.trimEnd().length) {
    const m = SCIM_TOKEN.exec(text);
    if (!m) throw badSearch();
    if (m[1]) tokens.push({ kind: 'open', text: '(' });
    else if (m[2]) tokens.push({ kind: 'close', text: ')' });
    else if (m[3] !== undefined) tokens.push({ kind: 'string', text: m[3].replace(/\\(.)/g, '$1') });
    else tokens.push({ kind: 'word', text: m[4] ?? '' });
  }
  return tokens;
}

/**
 * @param {unknown} actual
 * @param {string} op
 * @param {unknown} expected
 */
function compare(actual, op, expected) {
  if (op === 'pr') return actual !== undefined && actual !== null && actual !== '';
  const values = Array.isArray(actual) ? actual : [actual];
  return values.some((value) => {
    const a = typeof value === 'string' ? value.toLowerCase() : value;
    const e = typeof expected === 'string' ? expected.toLowerCase() : expected;
    if (op === 'eq') return a === e;
    if (op === 'ne') return a !== e;
    if (typeof a !== 'string' && typeof a !== 'number') return false;
    if (op === 'sw') return String(a).startsWith(String(e));
    if (op === 'co') return String(a).includes(String(e));
    // ISO timestamps compare correctly as strings.
    const [x, y] = typeof a === 'number' ? [a, Number(e)] : [a, String(e)];
    if (op === 'gt') return x > y;
    if (op === 'ge') return x >= y;
    if (op === 'lt') return x < y;
    if (op === 'le') return x <= y;
    return false;
  });
}

/**
 * Parses a SCIM filter; throws Okta's "Invalid search criteria." error (E0000031) on anything else.
 * @param {string} text
 * @param {() => Error} [failure]
 * @returns {Predicate}
 */
export function scimFilter(text, failure = badSearch) {
  const tokens = scimTokens(text);
  let at = 0;
  const peekWord = () => {
    const t = tokens[at];
    return t && t.kind === 'word' ? t.text.toLowerCase() : '';
  };
  /** @returns {Predicate} */
  const term = () => {
    const t = tokens[at++];
    if (!t) throw failure();
    if (t.kind === 'open') {
      const inner = or();
      if (tokens[at++]?.kind !== 'close') throw failure();
      return inner;
    }
    if (t.kind === 'word' && t.text.toLowerCase() === 'not') {
      const inner = term();
      return (o) => !inner(o);
    }
    if (t.kind !== 'word') throw failure();
    const op = tokens[at++];
    if (!op || op.kind !== 'word') throw failure();
    const operator = op.text.toLowerCase();
    if (operator === 'pr') return (o) => compare(valueAt(o, t.text), 'pr', null);
    if (!['eq', 'ne', 'sw', 'co', 'gt', 'ge', 'lt', 'le'].includes(operator)) throw failure();
    const v = tokens[at++];
    if (!v || (v.kind !== 'string' && v.kind !== 'word')) throw failure();
    /** @type {unknown} */
    let expected = v.text;
    if (v.kind === 'word') {
      if (v.text === 'true' || v.text === 'false') expected = v.text === 'true';
      else if (v.text === 'null') expected = null;
      else if (/^-?\d+(\.\d+)?$/.test(v.text)) expected = Number(v.text);
      else throw failure();
    }
    return (o) => compare(valueAt(o, t.text), operator, expected);
  };
  /** @returns {Predicate} */
  const and = () => {
    const parts = [term()];
    while (peekWord() === 'and') {
      at++;
      parts.push(term());
    }
    return (o) => parts.every((p) => p(o));
  };
  /** @returns {Predicate} */
  const or = () => {
    const parts = [and()];
    while (peekWord() === 'or') {
      at++;
      parts.push(and());
    }
    return (o) => parts.some((p) => p(o));
  };
  const predicate = or();
  if (at !== tokens.length) throw failure();
  return predicate;
}

const RULE_TOKEN =
  /\s*(?:(&&|\|\||\bAND\b|\bOR\b)|(==|!=)|\(|\)|user\.([A-Za-z_][\w]*)|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')/iy;

/**
 * The condition of a group rule, as a test of a user's profile. Unsupported expressions match nobody, the
 * safe answer for an emulator: nobody is put into a group by an expression it cannot read.
 * @param {string} expression
 * @returns {(profile: Obj) => boolean}
 */
export function ruleCondition(expression) {
  /** @type {string[]} */
  const tokens = [];
  /** @type {Array<string | null>} attribute names and string literals, alongside tokens */
  const values = [];
  RULE_TOKEN.lastIndex = 0;
  const text = expression.trim();
  while (RULE_TOKEN.lastIndex < text.length) {
    const m = RULE_TOKEN.exec(text);
    if (!m) return () => false;
    if (m[1]) tokens.push(m[1] === '&&' || m[1].toUpperCase() === 'AND' ? 'and' : 'or');
    else if (m[2]) tokens.push(m[2]);
    else if (m[3]) tokens.push('attr');
    else if (m[4] !== undefined || m[5] !== undefined) tokens.push('str');
    else tokens.push(m[0].trim());
    values.push(m[3] ?? (m[4] ?? m[5])?.replace(/\\(.)/g, '$1') ?? null);
  }
  let at = 0;
  /** @returns {((p: Obj) => boolean) | null} */
  const comparison = () => {
    if (tokens[at] === '(') {
      at++;
      const inner = or();
      if (!inner || tokens[at++] !== ')') return null;
      return inner;
    }
    const [left, op, right] = [tokens[at], tokens[at + 1], tokens[at + 2]];
    if (left !== 'attr' || (op !== '==' && op !== '!=') || right !== 'str') return null;
    const attribute = values[at] ?? '';
    const expected = values[at + 2];
    at += 3;
    return (p) => (p[attribute] === expected) === (op === '==');
  };
  /**
   * @param {'and' | 'or'} joiner
   * @param {() => ((p: Obj) => boolean) | null} next
   */
  const chain = (joiner, next) => {
    const first = next();
    if (!first) return null;
    const parts = [first];
    while (tokens[at] === joiner) {
      at++;
      const part = next();
      if (!part) return null;
      parts.push(part);
    }
    return joiner === 'and'
      ? (/** @type {Obj} */ p) => parts.every((c) => c(p))
      : (/** @type {Obj} */ p) => parts.some((c) => c(p));
  };
  /** @returns {((p: Obj) => boolean) | null} */
  const and = () => chain('and', comparison);
  /** @returns {((p: Obj) => boolean) | null} */
  const or = () => chain('or', and);
  const condition = or();
  return condition && at === tokens.length ? condition : () => false;
}
