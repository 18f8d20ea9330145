// @ts-check
// Okta counts requests per bucket (method + path pattern, e.g. "GET /api/v1/groups/{id}") in fixed windows and
// reports the count on every answer: X-Rate-Limit-Limit, X-Rate-Limit-Remaining and X-Rate-Limit-Reset (epoch
// seconds when the window ends). Past the limit it answers 429 until then.
//
// Limits are set per bucket pattern: an exact bucket name, or a pattern with * wildcards ("* /api/v1/apps*");
// the exact name wins, then the longest matching pattern, then the default.

/** @typedef {{ limit: number, windowSeconds: number }} Limit */
/** @typedef {{ allowed: boolean, limit: number, remaining: number, reset: number }} Count */

export const DEFAULT_LIMIT = { limit: 600, windowSeconds: 60 };

/** @param {string} pattern */
function glob(pattern) {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

export class RateLimiter {
  /** @param {Record<string, Limit>} [limits] */
  constructor(limits = {}) {
    /** @type {Map<string, Limit>} */
    this.limits = new Map(Object.entries(limits));
    /** @type {Map<string, { start: number, count: number }>} */
    this.windows = new Map();
  }

  /**
   * Changes the limit of the buckets `pattern` names, starting their windows afresh.
   * @param {string} pattern
   * @param {number} limit
   * @param {number} [windowSeconds]
   */
  set(pattern, limit, windowSeconds = 60) {
    this.limits.set(pattern, { limit, windowSeconds });
    const matches = glob(pattern);
    for (const bucket of [...this.windows.keys()]) if (matches.test(bucket)) this.windows.delete(bucket);
  }

  /** @param {string} bucket */
  limitOf(bucket) {
    const exact = this.limits.get(bucket);
    if (exact) return exact;
    let best = { length: -1, limit: DEFAULT_LIMIT };
    for (const [pattern, limit] of this.limits) {
      if (pattern.includes('*') && pattern.length > best.length && glob(pattern).test(bucket)) {
        best = { length: pattern.length, limit };
      }
    }
    return best.limit;
  }

  /**
   * Counts one request against its bucket.
   * @param {string} bucket
   * @param {number} [at] epoch milliseconds
   * @returns {Count}
   */
  take(bucket, at = Date.now()) {
    const { limit, windowSeconds } = this.limitOf(bucket);
    let window = this.windows.get(bucket);
    if (!window || at >= window.start + windowSeconds * 1000) {
      window = { start: at, count: 0 };
      this.windows.set(bucket, window);
    }
    const allowed = window.count < limit;
    if (allowed) window.count++;
    return {
      allowed,
      limit,
      remaining: Math.max(0, limit - window.count),
      reset: Math.ceil((window.start + windowSeconds * 1000) / 1000),
    };
  }
}
