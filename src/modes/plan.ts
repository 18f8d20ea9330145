// Plan mode: plan with Terraform (or review a given plan-json), report it (log, job summary, outputs), and on a
// pull request put the review in the sticky comment and the labels. A failed plan is commented too, then fails.

import { ActionError } from '../errors.js';
import { publishReview } from '../github/review.js';
import { planRunOutputs, type Outputs } from '../outputs.js';
import { FingerprintBuilder } from '../plan/fingerprint.js';
import { openPlan } from '../plan/input.js';
import { summarizePlan } from '../plan/summarize.js';
import type { PlanSummary } from '../plan/types.js';
import { markerObjects, type ReviewMarker } from '../render/marker.js';
import type { Settings } from '../settings.js';
import { planAndSummarize, startSession, type PlanResult } from '../terraform/session.js';
import { planFingerprint, reportPlan } from './report.js';

function marker(
  settings: Settings,
  reviewed?: { fingerprint: string; digests: ReadonlyMap<string, string> },
): ReviewMarker {
  const objects = reviewed ? markerObjects(reviewed.digests) : undefined;
  return {
    directory: settings.workingDirectory,
    workspace: settings.terraformWorkspace,
    label: settings.github.label,
    ...(reviewed ? { fingerprint: reviewed.fingerprint } : {}),
    ...(objects ? { objects } : {}),
  };
}

interface Planned {
  readonly summary: PlanSummary;
  readonly digests: ReadonlyMap<string, string>;
  readonly backend: string;
  readonly result?: PlanResult;
}

async function plan(settings: Settings): Promise<Planned> {
  if (settings.planJson) {
    const fingerprint = new FingerprintBuilder();
    const summary = await summarizePlan(await openPlan(settings.planJson), {
      env: settings.env,
      fingerprint,
    });
    return { summary, digests: fingerprint.objectDigests(), backend: '' };
  }
  try {
    const session = await startSession(settings);
    const result = await planAndSummarize(session, settings);
    return { summary: result.summary, digests: result.digests, backend: session.backend, result };
  } catch (e) {
    if (e instanceof ActionError) {
      const content = { kind: 'failure', reason: e.reason, message: e.message } as const;
      await publishReview(settings.github, content, {
        marker: marker(settings),
        runUrl: settings.github.runUrl,
      });
    }
    throw e;
  }
}

export async function runPlanMode(settings: Settings): Promise<Outputs> {
  const { summary, digests, backend, result } = await plan(settings);
  const reviewed = planFingerprint(settings, summary, backend);
  const reported = await reportPlan(summary, settings);
  const commentUrl = await publishReview(
    settings.github,
    { kind: 'plan', summary },
    { marker: marker(settings, { fingerprint: reviewed, digests }), runUrl: settings.github.runUrl },
  );
  return {
    ...reported,
    ...planRunOutputs({
      fingerprint: reviewed,
      ...(result ? { planFile: result.planFile, jsonPlanFile: result.jsonPlanFile } : {}),
      ...(commentUrl ? { commentUrl } : {}),
    }),
  };
}
