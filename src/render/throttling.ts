// The job summary's account of what Okta's rate limits cost the run: the provider's waits per bucket, from its log
// (terraform/provider-log.ts). Nothing when it did not wait.

import type { BucketThrottling } from '../terraform/provider-log.js';
import { code, plural, table } from './markdown.js';

export function throttlingMarkdown(throttling: readonly BucketThrottling[]): string {
  if (throttling.length === 0) return '';
  const seconds = throttling.reduce((n, t) => n + t.seconds, 0);
  return [
    '### Okta rate limits',
    '',
    `okta/okta waited ${plural(seconds, 'second')} for Okta's rate limits to reset (it waits before a bucket passes okta-max-api-capacity percent of its limit):`,
    '',
    table(
      ['Bucket', 'Waits', 'Seconds'],
      ['left', 'right', 'right'],
      throttling.map((t) => [code(t.bucket), String(t.waits), String(t.seconds)]),
    ),
    '',
  ].join('\n');
}
