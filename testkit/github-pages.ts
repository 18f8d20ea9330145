// GitHub's pagination, as the fake REST API cuts its lists: per_page (30 by default, at most 100), page, and the
// Link header with next/last/prev/first.

import type { Call } from './github-repo.js';

/** One page of `items` as GitHub cuts them (per_page, at most 100; page), with its Link header. */
export function pageOf(
  call: Pick<Call, 'params' | 'query' | 'path'>,
  items: unknown[],
  origin: string,
): { body: unknown[]; headers: Record<string, string> } {
  const perPage = Math.min(Number(call.params['per_page'] ?? 30) || 30, 100);
  const page = Math.max(Number(call.params['page'] ?? 1) || 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const link = (n: number, rel: string) => {
    const query = new URLSearchParams(call.query);
    query.set('page', String(n));
    return `<${origin}${call.path}?${query}>; rel="${rel}"`;
  };
  const rels: string[] = [];
  if (page > 1) rels.push(link(Math.min(page - 1, last), 'prev'));
  if (page < last) rels.push(link(page + 1, 'next'), link(last, 'last'));
  if (page > 1) rels.push(link(1, 'first'));
  const body = items.slice((page - 1) * perPage, page * perPage);
  return { body, headers: rels.length > 0 ? { link: rels.join(', ') } : {} };
}
