// okta/okta's INFO log, read for what Okta's rate limits cost a run. The line is the provider's own format string
// (internal/transport/governed_transport.go at v6.12.0), behind the prefix Terraform writes for a provider's log.

import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { providerLogEnv, throttleLines, throttlingIn } from '../../src/terraform/provider-log.js';
import { throttlingMarkdown } from '../../src/render/throttling.js';

/** One wait, as okta/okta logs it and Terraform writes it to TF_LOG_PATH. */
function throttleLine(seconds: number, bucket: string, path: string): string {
  return (
    `2026-12-01T10:00:00.000Z [INFO]  provider.terraform-provider-okta_v6.12.0: Throttling API requests; sleeping for ${seconds} seconds until rate limit reset ` +
    `(path class "apps", bucket "${bucket}": 0 remaining of 100 total); current request "GET ${path}": timestamp=2026-12-01T10:00:00.000Z`
  );
}

describe("okta/okta's log", () => {
  it('sums the waits per bucket, the longest first, and ignores every other line', () => {
    const lines = [
      '2026-12-01T10:00:00.000Z [INFO]  provider.terraform-provider-okta_v6.12.0: configuring provider',
      throttleLine(20, '/api/v1/apps', '/api/v1/apps/0oa1/groups'),
      throttleLine(35, '/api/v1/apps', '/api/v1/apps/0oa2/groups'),
      throttleLine(5, '/api/v1/groups/{id}', '/api/v1/groups/00g1'),
      'Throttling API requests; sleeping for soon',
    ];
    expect(throttlingIn(lines)).toEqual([
      { bucket: '/api/v1/apps', waits: 2, seconds: 55 },
      { bucket: '/api/v1/groups/{id}', waits: 1, seconds: 5 },
    ]);
  });

  it('is read from a file, none when the provider wrote nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'provider-log-'));
    expect(await throttleLines(join(dir, 'missing.log'))).toEqual([]);
    const line = throttleLine(12, '/api/v1/apps', '/api/v1/apps');
    writeFileSync(join(dir, 'provider.log'), `started\n${line}\nstopped\n`);
    expect(await throttleLines(join(dir, 'provider.log'))).toEqual([line]);
  });

  it("is asked for at INFO into the session's file, unless the runner already set Terraform's logging", () => {
    expect(providerLogEnv({}, '/tmp/x/provider.log')).toEqual({
      TF_LOG_PROVIDER: 'INFO',
      TF_LOG_PATH: '/tmp/x/provider.log',
    });
    for (const own of [{ TF_LOG: 'DEBUG' }, { TF_LOG_PROVIDER: 'WARN' }, { TF_LOG_PATH: '/var/log/tf.log' }])
      expect(providerLogEnv(own, '/tmp/x/provider.log')).toEqual({});
  });

  it('is told in the job summary only when the provider waited', () => {
    expect(throttlingMarkdown([])).toBe('');
    const markdown = throttlingMarkdown([{ bucket: '/api/v1/apps', waits: 2, seconds: 55 }]);
    expect(markdown).toContain('okta/okta waited 55 seconds');
    expect(markdown).toContain('| `/api/v1/apps` | 2 | 55 |');
  });
});
