// Security findings as workflow annotations on the .tf line that declares each object, so that a pull request
// shows them in its diff. GitHub keeps 10 annotations of each level per step: the most severe findings get them.

import { join, relative } from 'node:path';
import type { ModuleConfiguration } from '../configuration/module.js';
import type { Finding, Severity } from '../review/findings.js';
import type { AnnotationLevel, Runtime } from '../runtime.js';

const LEVEL: Readonly<Record<Severity, AnnotationLevel>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'notice',
  info: 'notice',
};

/** GitHub's limit per step and level (its "Annotations" documentation for workflow commands). */
export const ANNOTATIONS_PER_LEVEL = 10;

/** The block that declares an address: the resource ("okta_group.eng[0]" → "okta_group.eng"), or its module call. */
function declaringBlock(address: string): string | null {
  const module = /^module\.([A-Za-z0-9_-]+)/.exec(address);
  if (module) return `module.${module[1]}`;
  return /^([A-Za-z0-9_]+\.[A-Za-z0-9_-]+)/.exec(address)?.[1] ?? null;
}

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
    const block = declaringBlock(finding.address);
    const declared = block ? configuration.declarations.get(block) : undefined;
    if (!declared || (used.get(level) ?? 0) >= ANNOTATIONS_PER_LEVEL) continue;
    used.set(level, (used.get(level) ?? 0) + 1);
    runtime.annotate(level, `${finding.message} (${finding.address})`, {
      title: `Okta review: ${finding.severity}, ${finding.rule}`,
      file: relative(where.repository, join(where.directory, declared.file)),
      line: declared.line,
    });
    made++;
  }
  return made;
}
