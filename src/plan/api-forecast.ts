// The Okta API budget of a run, forecast from the plan: per rate-limit bucket, the calls a refresh of every object in
// state makes and the calls the planned changes make (src/okta/api-calls.ts), and how long that takes at the share
// of the org's limit this run may use. A bucket past its limit makes the provider wait (429s, or its own
// max_api_capacity throttle): the forecast says where, before the run spends the time.

import {
  BUCKETS,
  MEMBER_LISTS,
  TIERS,
  tierLimits,
  typeCalls,
  type Bucket,
  type Calls,
  type Tier,
} from '../okta/api-calls.js';
import { TypeSet, type ResourceChangeEvent } from './indexed-resources.js';
import type { ObjectAction } from './types.js';

/** The org's limit per bucket and the share of it this run may use. */
export interface RateLimits {
  readonly perMinute: Readonly<Record<Bucket, number>>;
  /** Percent of each bucket this run may use: Okta gives one token or service app 50% by default. */
  readonly sharePercent: number;
  /** Where the limits come from, as the review says it: "enterprise (assumed)", "okta-rate-limits". */
  readonly source: string;
  /** Nobody said: the org's own limits (its answers' X-Rate-Limit-Limit) are better when they can be read. */
  readonly assumed?: boolean;
}

/** Okta's default share of a bucket for one API token or OAuth service app. */
export const DEFAULT_SHARE_PERCENT = 50;

export const ASSUMED_LIMITS: RateLimits = {
  perMinute: tierLimits('enterprise'),
  sharePercent: DEFAULT_SHARE_PERCENT,
  source: 'enterprise (assumed: set okta-rate-limits)',
  assumed: true,
};

export interface BucketForecast {
  bucket: Bucket;
  refresh: number;
  apply: number;
  /** The calls per minute this run may make in the bucket. */
  limitPerMinute: number;
  /** Minutes the refresh and apply of one run take at that rate (0: under a minute's worth). */
  minutes: number;
}

export interface ApiForecast {
  /** Every bucket the run calls, the slowest first. */
  buckets: BucketForecast[];
  refresh: number;
  apply: number;
  /** The slowest bucket's minutes: buckets are metered apart, so the run waits on the slowest. */
  minutes: number;
  limits: string;
  /** Objects whose calls are a model (one call each), not read from the provider's source. */
  modelled: number;
}

type Tally = Record<Bucket, number>;

const emptyTally = (): Tally => Object.fromEntries(BUCKETS.map((b) => [b, 0])) as Tally;

function add(tally: Tally, calls: Calls, times = 1): void {
  for (const bucket of BUCKETS) tally[bucket] += (calls[bucket] ?? 0) * times;
}

type ActionCounts = Record<ObjectAction, number>;
const ACTIONS: readonly ObjectAction[] = ['create', 'update', 'delete', 'replace', 'forget', 'no-op'];

/** Counts the objects of a plan per type and action, as they are read; forecasts once the plan is read. */
export class ApiCallCounter {
  /** Type → action → objects. */
  private readonly counts = new Map<string, ActionCounts>();
  /** The types seen: an entry's type is found among them without decoding it (most plans hold a few dozen). */
  private readonly seen = new TypeSet([]);
  private dataReads = 0;
  /** Member writes (MEMBER_LISTS) per bucket. */
  private readonly members = emptyTally();

  /** A managed entry of resource_changes (every object in state or configuration has one). */
  managed(event: Pick<ResourceChangeEvent, 'type' | 'typeIn'>, action: ObjectAction): void {
    let type = event.typeIn(this.seen);
    if (type === null) {
      type = event.type;
      this.seen.add(type);
      this.counts.set(type, Object.fromEntries(ACTIONS.map((a) => [a, 0])) as ActionCounts);
    }
    (this.counts.get(type) as ActionCounts)[action]++;
  }

  /**
   * A change of a type whose members are written one call each (MEMBER_LISTS): the members it adds and removes,
   * from the plan's values. A whole list known only after apply counts as none.
   */
  memberWrites(type: string, values: { before: unknown; after: unknown }): void {
    const list = MEMBER_LISTS.get(type);
    if (!list) return;
    /** Each member's key; null for one known only after apply (a group this plan creates). */
    const keys = (object: unknown): (string | null)[] => {
      const value = (object as Record<string, unknown> | null)?.[list.attribute];
      return (Array.isArray(value) ? value : []).map((item: unknown) => {
        const key = list.key ? (item as Record<string, unknown> | null)?.[list.key] : item;
        return typeof key === 'string' ? key : null;
      });
    };
    const was = new Set(keys(values.before));
    const now = keys(values.after);
    const kept = new Set(now);
    // Added (an unknown one is always new), then removed.
    let changed = now.filter((k) => k === null || !was.has(k)).length;
    for (const k of was) if (k !== null && !kept.has(k)) changed++;
    this.members[list.bucket] += changed;
  }

  /** A data source read during apply (its values unknown at plan time). */
  dataRead(): void {
    this.dataReads++;
  }

  forecast(limits: RateLimits): ApiForecast {
    const refresh = emptyTally();
    const apply = emptyTally();
    let modelled = 0;
    for (const [type, byAction] of this.counts) {
      const calls = typeCalls(type);
      for (const action of ACTIONS) {
        const n = byAction[action];
        if (calls.source === 'model') modelled += n;
        // Objects in state are read by the refresh; the provider reads each one it writes again.
        if (action !== 'create') add(refresh, calls.refresh, n);
        if (action === 'create' || action === 'replace') add(apply, calls.create, n);
        if (action === 'update') add(apply, calls.update, n);
        if (action === 'delete' || action === 'replace') add(apply, calls.delete, n);
        if (action === 'create' || action === 'update' || action === 'replace') add(apply, calls.refresh, n);
      }
    }
    apply['other /api/v1'] += this.dataReads;
    add(apply, this.members);
    // ConfigureProvider checks an API token with GET /api/v1/users/me, once per terraform command: the plan's, and
    // the apply's when there is anything to apply.
    if (this.counts.size > 0) refresh['GET /api/v1/users/{id}'] += 1;
    if (BUCKETS.some((b) => apply[b] > 0)) apply['GET /api/v1/users/{id}'] += 1;
    const buckets = BUCKETS.filter((b) => refresh[b] + apply[b] > 0)
      .map((bucket): BucketForecast => {
        const limitPerMinute = Math.max(
          1,
          Math.floor((limits.perMinute[bucket] * limits.sharePercent) / 100),
        );
        const calls = refresh[bucket] + apply[bucket];
        return {
          bucket,
          refresh: refresh[bucket],
          apply: apply[bucket],
          limitPerMinute,
          minutes: calls > limitPerMinute ? Math.round((calls / limitPerMinute) * 10) / 10 : 0,
        };
      })
      .sort((a, b) => b.minutes - a.minutes || b.refresh + b.apply - (a.refresh + a.apply));
    const sum = (tally: Tally): number => BUCKETS.reduce((n, b) => n + tally[b], 0);
    return {
      buckets,
      refresh: sum(refresh),
      apply: sum(apply),
      minutes: buckets[0]?.minutes ?? 0,
      limits: limits.source,
      modelled,
    };
  }
}

/**
 * The input okta-rate-limits: a plan tier (developer-free, developer-paid, one-app, enterprise, workforce-identity),
 * then `bucket = calls per minute` lines for buckets an admin changed, and `share = percent` when the service app's
 * share is not Okta's default 50. `maxApiCapacity` (okta-max-api-capacity) caps the share: the provider waits past
 * it. Throws the problem, for the settings reader.
 */
export function parseRateLimits(text: string, maxApiCapacity = 100): RateLimits {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const tierName = lines[0] && !lines[0].includes('=') ? lines.shift() : undefined;
  if (tierName !== undefined && !(tierName in TIERS))
    throw new Error(`"${tierName}" is not an Okta plan (one of ${Object.keys(TIERS).join(', ')})`);
  const perMinute = tierLimits((tierName as Tier | undefined) ?? 'enterprise');
  let share = DEFAULT_SHARE_PERCENT;
  for (const line of lines) {
    const shareLine = /^share\s*=\s*(\d+)\s*%?$/.exec(line);
    if (shareLine) {
      share = Number(shareLine[1]);
      if (share < 1 || share > 100) throw new Error(`share must be a percent from 1 to 100, not ${share}`);
      continue;
    }
    const match = /^(.+?)\s*=\s*(\d+)$/.exec(line);
    const bucket = match?.[1] as Bucket | undefined;
    if (!match || !bucket || !BUCKETS.includes(bucket))
      throw new Error(
        `"${line}" is not "bucket = calls per minute" or "share = percent" (buckets: ${BUCKETS.join(', ')})`,
      );
    perMinute[bucket] = Number(match[2]);
  }
  const source = [tierName ?? (lines.length ? 'enterprise' : ''), lines.length ? 'okta-rate-limits' : '']
    .filter(Boolean)
    .join(' + ');
  return {
    perMinute,
    sharePercent: Math.min(share, maxApiCapacity),
    source: source || ASSUMED_LIMITS.source,
    ...(source ? {} : { assumed: true }),
  };
}
