// What Okta's rate limits cost a run, from okta/okta's own log. With max_api_capacity below 100 (the input
// okta-max-api-capacity) the provider waits before a call that would pass that share of a bucket, and logs at INFO
// (internal/transport/governed_transport.go at v6.12.0):
//   Throttling API requests; sleeping for N seconds until rate limit reset (path class "C", bucket "B":
//   R remaining of L total); current request "GET /api/v1/..."
// Terraform writes provider logs to TF_LOG_PATH when TF_LOG_PROVIDER sets a level; INFO holds no request bodies or
// headers (those are DEBUG). Only the counts are read back: the log itself is never posted.

import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Environment } from '../runtime.js';

export interface BucketThrottling {
  /** The provider's bucket name (its rate_limit_lines.go), e.g. "/api/v1/apps". */
  readonly bucket: string;
  readonly waits: number;
  readonly seconds: number;
}

const THROTTLED =
  /Throttling API requests; sleeping for (\d+) seconds until rate limit reset \(path class "[^"]*", bucket "([^"]*)": \d+ remaining of \d+ total\)/;

/**
 * The variables that send okta/okta's INFO log to `path`, unless the runner's environment already chose where and
 * how much Terraform logs (TF_LOG overrides the others; a user's TF_LOG_PATH is theirs).
 */
export function providerLogEnv(processEnv: Environment, path: string): Record<string, string> {
  if (processEnv.TF_LOG || processEnv.TF_LOG_PROVIDER || processEnv.TF_LOG_PATH) return {};
  return { TF_LOG_PROVIDER: 'INFO', TF_LOG_PATH: path };
}

/** The provider's waits in these log lines, per bucket, the longest first. */
export function throttlingIn(lines: readonly string[]): BucketThrottling[] {
  const byBucket = new Map<string, { waits: number; seconds: number }>();
  for (const line of lines) {
    const match = THROTTLED.exec(line);
    if (!match) continue;
    const bucket = match[2] ?? '';
    const seen = byBucket.get(bucket) ?? { waits: 0, seconds: 0 };
    byBucket.set(bucket, { waits: seen.waits + 1, seconds: seen.seconds + Number(match[1]) });
  }
  return [...byBucket]
    .map(([bucket, t]) => ({ bucket, ...t }))
    .sort((a, b) => b.seconds - a.seconds || a.bucket.localeCompare(b.bucket));
}

/** The lines of the log at `path` that tell of a wait, read line by line; none when there is no log. */
export async function throttleLines(path: string): Promise<string[]> {
  const lines: string[] = [];
  try {
    for await (const line of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity }))
      if (THROTTLED.test(line)) lines.push(line);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return lines;
}
