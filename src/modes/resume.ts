// A re-run of an apply that stopped part-way (failed, cancelled, killed): what is left may be applied when every
// change left is one the earlier attempt was to apply, each with the digest it had then, in the same directory,
// workspace, backend, -target and providers. The earlier attempt's own record says what that was (apply-records.ts),
// never the review's marker. What it had and the plan no longer has was applied by it. One more thing may differ: an
// object it created that Terraform then marked tainted (its create failed half-way) is replaced now, and that
// replace is the create that was reviewed. Anything else: nothing is applied.

import { ActionError } from '../errors.js';
import { comparePlans, objectKey } from '../plan/fingerprint.js';
import { differenceText } from '../render/apply-report.js';
import type { Log } from '../runtime.js';
import type { Reviewed } from './approval.js';
import type { PlannedRun } from './plan-and-report.js';
import type { ApplyRecord } from './run-records.js';

export function checkRemainder(
  record: ApplyRecord,
  planned: Pick<PlannedRun, 'digests' | 'taintedCreates' | 'contextDigest'>,
  reviewed: Reviewed,
  log: Pick<Log, 'info'>,
): void {
  const current = new Map(planned.digests);
  const completed: string[] = [];
  for (const [identity, asCreate] of planned.taintedCreates) {
    if (record.objects[objectKey(identity)] !== asCreate) continue;
    current.set(identity, asCreate);
    completed.push(identity);
  }
  const difference = comparePlans(record.objects, current);
  const sameContext = record.context === planned.contextDigest;
  const number = reviewed.pull.number;
  if (difference.added.length === 0 && difference.changed.length === 0 && sameContext) {
    const tainted = completed.length
      ? ` ${completed.length} of them created by it and left tainted, replaced now as the create that was reviewed (${completed.join(', ')}).`
      : '';
    log.info(
      `Resuming the apply of pull request #${number}'s review: ${planned.digests.size} reviewed change(s) left, ` +
        `${difference.dropped} applied by the earlier run.${tainted}`,
    );
    return;
  }
  // Reviewed objects gone from the plan are those the earlier run applied: not a difference here.
  const what = sameContext
    ? differenceText({ ...difference, dropped: 0 })
    : 'The directory, workspace, backend, -target or provider versions differ from the review.';
  throw new ActionError(
    'plan-changed',
    `an earlier apply of this review stopped part-way, and what is left is not only what was reviewed, so nothing was applied. ${what} Open a pull request for what is left`,
  );
}
