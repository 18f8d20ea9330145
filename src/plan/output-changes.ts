// A root module output that changes, for the review: its value before and after, diffed as one attribute `value`
// of an object (plan/diff.ts), so it is masked, cut and scrubbed as every value shown. Its sensitive value is a
// secret like any other and must not turn up in the review.

import { objectAction } from './counts.js';
import { diffAttributes } from './diff.js';
import type { OutputValues } from './document-reader.js';
import type { SecretScrubber } from './redact.js';
import type { OutputChangeSummary } from './types.js';

export function outputChangeSummary(
  name: string,
  actions: readonly string[],
  planned: OutputValues,
  scrubber: SecretScrubber,
): OutputChangeSummary {
  scrubber.addSensitive(planned.before, planned.beforeSensitive);
  scrubber.addSensitive(planned.after, planned.afterSensitive);
  const action = objectAction(actions);
  const wrap = (value: unknown): unknown => (value === undefined ? undefined : { value });
  const diff = diffAttributes(
    {
      before: action === 'create' ? null : wrap(planned.before),
      after: action === 'delete' ? null : wrap(planned.after),
      afterUnknown: wrap(planned.afterUnknown),
      beforeSensitive: wrap(planned.beforeSensitive),
      afterSensitive: wrap(planned.afterSensitive),
      replacePaths: [],
    },
    { secretPaths: [], replacePaths: [], scrubber, creating: action === 'create' },
  );
  return { name, action, attributes: diff.attributes, shownInFull: diff.shownInFull };
}
