// Security findings as workflow annotations on the .tf line that declares each object, so that a pull request
// shows them in its diff. GitHub keeps 10 annotations of each level per step: the most severe findings get them.

import type { ModuleConfiguration } from '../configuration/module.js';
import type { Finding, Severity } from '../review/findings.js';
import type { AnnotationLevel, Runtime } from '../runtime.js';
import { declaredAt } from './declared-at.js';

const LEVEL: Readonly<Record<Severity, AnnotationLevel>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'notice',
  info: 'notice',
};

/**
 * GitHub's limit per step and level. GitHub's workflow-command docs do not state it; GitHub staff and users in
 * community discussions #26680 and #68471 do (10 warnings and 10 errors per step; the rest are dropped silently).
 */
export const ANNOTATIONS_PER_LEVEL = 10;

/**
 * Annotates each finding (most severe first, as the summary orders them) on its declaring line; `directory` is the
 * module's directory and `repository` the checkout's root, which annotation paths are relative to. Returns how many.
 */
export function annotateFindings(
  findings: readonly Finding[],
  configuration: Pick<ModuleConfiguration, 'declarations'>,
  where: { directory: string; repository: string },
  runtime: Pick<Runtime, 'annotate'>,
): number {
  const used = new Map<AnnotationLevel, number>();
  let made = 0;
  for (const finding of findings) {
    const level = LEVEL[finding.severity];
    const declared = declaredAt(finding.address, configuration, where);
    if (!declared || (used.get(level) ?? 0) >= ANNOTATIONS_PER_LEVEL) continue;
    used.set(level, (used.get(level) ?? 0) + 1);
    runtime.annotate(level, `${finding.message} (${finding.address})`, {
      title: `Okta review: ${finding.severity}, ${finding.rule}`,
      file: declared.file,
      line: declared.line,
    });
    made++;
  }
  return made;
}
