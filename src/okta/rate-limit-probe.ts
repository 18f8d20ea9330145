// The org's own rate limits, read from Okta's answers: each answer's X-Rate-Limit-Limit is the ceiling of the
// bucket the request counts in (Okta's rl-best-practices page). One cheap GET per bucket: a one-item list, then
// the item it names. The write-only bucket (POST/PUT/DELETE of a user) has no GET, and a bucket whose GET the
// credentials may not make (HTTP 403: no such scope or role) keeps the plan's value.

import type { ProviderBlock } from '../configuration/module.js';
import { errorMessage } from '../errors.js';
import type { RateLimits } from '../plan/api-forecast.js';
import type { Environment, Log } from '../runtime.js';
import { BUCKETS, oktaBucket, type Bucket } from './api-calls.js';
import { header, OktaApiError, OktaClient, oktaConnection } from './client.js';

/** A list of one item, then that item: the two buckets of a collection. */
const COLLECTIONS = ['/api/v1/apps', '/api/v1/groups', '/api/v1/users'] as const;
/** A list in most other /api/v1. */
const OTHER = '/api/v1/zones?limit=1';

export interface ProbedLimits {
  readonly perMinute: Partial<Record<Bucket, number>>;
  /** Why a bucket could not be read, one line each. */
  readonly unread: readonly string[];
}

export async function probeRateLimits(client: OktaClient): Promise<ProbedLimits> {
  const perMinute: Partial<Record<Bucket, number>> = {};
  const unread: string[] = [];
  const read = async (path: string): Promise<unknown> => {
    try {
      const answer = await client.get(path);
      const limit = Number(header(answer, 'x-rate-limit-limit'));
      if (Number.isInteger(limit) && limit > 0) perMinute[oktaBucket('GET', path)] = limit;
      return answer.body;
    } catch (e) {
      unread.push(errorMessage(e));
      // Okta said no to this one; anything else (no answer at all) would say the same for every other.
      if (!(e instanceof OktaApiError)) reachable = false;
      return undefined;
    }
  };
  let reachable = true;
  for (const collection of COLLECTIONS) {
    if (!reachable) break;
    const first = await read(`${collection}?limit=1`);
    const id = Array.isArray(first) ? (first[0] as { id?: unknown } | undefined)?.id : undefined;
    if (typeof id === 'string' && /^[\w-]+$/.test(id)) await read(`${collection}/${id}`);
  }
  if (reachable) await read(OTHER);
  return { perMinute, unread };
}

/**
 * The org's limits as its answers give them, for a run whose okta-rate-limits said nothing: the buckets Okta did
 * not say keep the assumed plan's. Undefined (with a line that says why) without credentials okta/okta would use
 * here, or when Okta said none.
 */
export async function orgRateLimits(
  providers: readonly ProviderBlock[],
  env: Environment,
  assumed: RateLimits,
  log: Pick<Log, 'info'>,
): Promise<RateLimits | undefined> {
  const connection = oktaConnection(providers, env);
  if (!connection) return undefined;
  const probed = await probeRateLimits(new OktaClient(connection));
  const read = BUCKETS.filter((b) => probed.perMinute[b] !== undefined);
  if (read.length === 0) {
    const why = probed.unread[0] ?? 'no limit in the answers';
    log.info(`The org's rate limits could not be read (${why}): the API forecast assumes enterprise.`);
    return undefined;
  }
  if (probed.unread.length > 0) {
    log.info(
      `The org's rate limits were read for ${read.length} bucket(s), not for others: ${probed.unread.join('; ')}.`,
    );
  }
  const perMinute = { ...assumed.perMinute };
  for (const bucket of read) perMinute[bucket] = probed.perMinute[bucket] ?? perMinute[bucket];
  const host = new URL(connection.orgUrl).host;
  const rest =
    read.length < BUCKETS.length ? `; the other ${BUCKETS.length - read.length} enterprise, assumed` : '';
  return {
    perMinute,
    sharePercent: assumed.sharePercent,
    source: `the org's X-Rate-Limit-Limit (${host}${rest})`,
  };
}
