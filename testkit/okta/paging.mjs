// @ts-check
// Okta's cursor pagination: `limit` items per page and, when more remain, a `Link: <...?after=CURSOR>;
// rel="next"` header next to rel="self". The cursor names the last item's sort key rather than its position,
// so deleting objects between two pages neither skips nor repeats any.

import { URLSearchParams } from 'node:url';

/** @typedef {import('./store.mjs').Obj} Obj */
/** @typedef {{ status: number, body?: unknown, headers?: Record<string, string | string[]> }} Reply */

/** Creation order, as Okta lists groups, users, apps and zones. */
export const byCreation = (/** @type {Obj} */ o) => `${o.created ?? ''}|${o.id ?? ''}`;

/** Priority order, as Okta lists policies and their rules. */
export const byPriority = (/** @type {Obj} */ o) =>
  `${String(o.priority ?? 0).padStart(9, '0')}|${o.id ?? ''}`;

/**
 * @param {Obj[]} items
 * @param {(o: Obj) => string} keyOf
 * @param {{ url: string, path: string, query: URLSearchParams }} request
 * @param {number} [defaultLimit]
 * @returns {Reply}
 */
export function page(items, keyOf, request, defaultLimit = 200) {
  const sorted = [...items].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  const asked = Number.parseInt(request.query.get('limit') ?? '', 10);
  const limit = Number.isFinite(asked) && asked > 0 ? asked : defaultLimit;
  const after = request.query.get('after');
  const from = after ? Buffer.from(after, 'base64url').toString('utf8') : null;
  const rest = from === null ? sorted : sorted.filter((o) => keyOf(o) > from);
  const body = rest.slice(0, limit);
  const link = (/** @type {URLSearchParams} */ q) => `${request.url}${request.path}${q.size ? `?${q}` : ''}`;
  const links = [`<${link(request.query)}>; rel="self"`];
  const last = body.at(-1);
  if (rest.length > limit && last) {
    const next = new URLSearchParams(request.query);
    next.set('after', Buffer.from(keyOf(last), 'utf8').toString('base64url'));
    next.set('limit', String(limit));
    links.push(`<${link(next)}>; rel="next"`);
  }
  return { status: 200, body, headers: { Link: links } };
}
