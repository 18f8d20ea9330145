// The review's "Okta API budget": the rate-limit buckets where a run of this plan waits more than a minute, from the
// summary's forecast (plan/api-forecast.ts), and what to do about it. Nothing is shown when no bucket waits.

import type { ApiForecast } from '../plan/api-forecast.js';
import { code, escapeText, plural, table } from './markdown.js';

/** A bucket is shown when its calls take more than this many minutes at the run's rate. */
const SHOWN_FROM_MINUTES = 1;

export function apiBudgetSection(forecast: ApiForecast): string[] {
  const slow = forecast.buckets.filter((b) => b.minutes > SHOWN_FROM_MINUTES);
  if (slow.length === 0) return [];
  const worst = slow[0];
  if (!worst) return [];
  return [
    '#### Okta API budget',
    `Refreshing this configuration takes ${plural(forecast.refresh, 'API call')} and applying this plan ${plural(forecast.apply, 'more call')}: about ${worst.minutes} minutes of waiting on Okta's ${code(worst.bucket)} limit (limits: ${escapeText(forecast.limits, 120)}).`,
    '',
    table(
      ['Bucket', 'Refresh', 'Apply', 'Calls a minute', 'Minutes'],
      ['left', 'right', 'right', 'right', 'right'],
      slow.map((b) => [
        code(b.bucket),
        String(b.refresh),
        String(b.apply),
        String(b.limitPerMinute),
        String(b.minutes),
      ]),
    ),
    '',
    'The apply on merge plans again, so it reads all of this a second time before it writes. To wait less: give ' +
      'the service app a larger share of these buckets (Okta gives one app 50% by default; then say so in ' +
      'okta-rate-limits); split the configuration so each run reads fewer objects; keep okta-max-api-capacity ' +
      'below 100 so the provider waits for the limit to reset instead of retrying into HTTP 429.',
  ];
}
