// Summaries of plans built in memory (with okta-plan.mjs) or read from files.

import { openPlan, planChunks } from '../src/plan/plan-file.js';
import { summarizePlan, type SummarizeOptions } from '../src/plan/summarize.js';
import type { PlanSummary } from '../src/plan/types.js';

export { addressOf, oktaId, oktaPlan, resourceChange } from './okta-plan.mjs';

/** Feeds `text` in chunks of `chunkBytes`, as a stream would. */
export async function* chunksOf(text: string | Buffer, chunkBytes = 1 << 20): AsyncGenerator<Buffer> {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  for (let i = 0; i < bytes.length; i += chunkBytes) yield bytes.subarray(i, i + chunkBytes);
}

export function summarizeText(
  text: string | Buffer,
  chunkBytes?: number,
  options?: SummarizeOptions,
): Promise<PlanSummary> {
  return summarizePlan(planChunks(chunksOf(text, chunkBytes)), options);
}

export function summarizeObject(plan: unknown, options?: SummarizeOptions): Promise<PlanSummary> {
  return summarizeText(JSON.stringify(plan), undefined, options);
}

export async function summarizeFile(path: string, options?: SummarizeOptions): Promise<PlanSummary> {
  return summarizePlan(await openPlan(path), options);
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection, but the promise resolved');
}
