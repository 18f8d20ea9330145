// What apply-from: plan-file saves, counted: the action (in process) plans and applies pull requests' changes on an
// org of 66 okta/okta objects through the provider stand-in and the Okta emulator, which counts every call in
// Okta's own buckets against an Enterprise org's limits at the default 50% share (429 past them). The plan job's
// refresh, the apply job with re-plan (a second refresh, then the writes) and with the plan file (the writes
// alone) are each within 10% of what their review's API forecast says, per bucket.

import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { BUCKETS, oktaBucket, tierLimits, type Bucket } from '../../src/okta/api-calls.js';
import type { ApiForecast } from '../../src/plan/api-forecast.js';
import { runInProcess } from '../../testkit/in-process.js';
import { benchConfiguration, benchCounts } from '../../testkit/okta/bench-org.mjs';
import type { OktaEmulator } from '../../testkit/okta/emulator.mjs';
import { eventEnv, GITHUB_TOKEN, httpBackend, startOktaWorkflow } from '../../testkit/workflow.js';

jest.setTimeout(240_000);

const TOKEN = '00plan-file-calls-token-000000000000000';
const KEY = 'plan-file-calls-encryption-key-000000001';
const COUNTS = benchCounts(60, 3);

let workflow: Awaited<ReturnType<typeof startOktaWorkflow>>;
let emulator: OktaEmulator;

beforeAll(async () => {
  // An Enterprise org whose /api/v1/apps limit an admin raised to 240 (DynamicScale).
  const limits = { ...tierLimits('enterprise'), '/api/v1/apps': 240 };
  workflow = await startOktaWorkflow(TOKEN, {
    bucketOf: oktaBucket,
    rateLimits: Object.fromEntries(BUCKETS.map((b) => [b, { limit: limits[b], windowSeconds: 60 }])),
  });
  emulator = workflow.emulator;
});

afterAll(async () => {
  await workflow.stop();
});

type Tally = Record<Bucket, number>;

interface Job {
  readonly code: number;
  readonly fingerprint: string;
  readonly calls: Tally;
  readonly forecast: ApiForecast;
  readonly stdout: string;
}

/** A workflow_dispatch job of run `runId`: the calls the emulator counted during it, and its review's forecast. */
async function job(runId: number, edition: number, inputs: Record<string, string>): Promise<Job> {
  const before = emulator.requests.length;
  const files = {
    'orgs/bench/main.tf': benchConfiguration(COUNTS, {
      backend: '  backend "http" {}\n',
      edited: edition === 0 ? 0 : 5,
      edition,
    }),
  };
  const run = await runInProcess(
    {
      'working-directory': 'orgs/bench',
      setup: 'false',
      'github-token': GITHUB_TOKEN,
      'backend-config': httpBackend(workflow.state, 'calls'),
      ...inputs,
    },
    {
      files,
      env: {
        ...eventEnv(
          workflow.github,
          'workflow_dispatch',
          { ref: 'refs/heads/main' },
          { GITHUB_REF: 'refs/heads/main' },
        ),
        ...workflow.artifacts.jobEnv(runId),
        GITHUB_RUN_ID: String(runId),
        OKTA_ORG_NAME: 'bench',
        OKTA_BASE_URL: 'okta.com',
        OKTA_API_TOKEN: TOKEN,
        OKTA_HTTP_PROXY: emulator.url,
        TF_REATTACH_PROVIDERS: workflow.provider.reattach,
      },
    },
  );
  const calls = Object.fromEntries(BUCKETS.map((b) => [b, 0])) as Tally;
  for (const request of emulator.requests.slice(before)) calls[request.bucket as Bucket]++;
  const summary = JSON.parse(readFileSync(run.outputs['summary-json'] ?? '', 'utf8')) as {
    apiForecast: ApiForecast;
  };
  return {
    code: run.code ?? -1,
    fingerprint: run.outputs.fingerprint ?? '',
    calls,
    forecast: summary.apiForecast,
    stdout: run.stdout,
  };
}

/** A dispatch's plan job, then its apply job with the plan job's fingerprint. */
async function planThenApply(runId: number, edition: number, applyFrom: string) {
  // The plan's limits given, so the plan job reads none from Okta: the calls counted are Terraform's alone.
  const from = { 'apply-from': applyFrom, 'plan-encryption-key': KEY, 'okta-rate-limits': 'enterprise' };
  const plan = await job(runId, edition, { mode: 'plan', ...from });
  expect(plan.code).toBe(0);
  const apply = await job(runId, edition, {
    mode: 'apply',
    'approved-fingerprint': plan.fingerprint,
    ...from,
  });
  expect(apply.code).toBe(0);
  return { plan, apply };
}

const total = (tally: Tally) => BUCKETS.reduce((n, b) => n + tally[b], 0);

/** Each bucket's forecast (refresh, apply or both) against the calls counted in it: within 10%, or one call. */
function expectForecast(measured: Job, part: (b: ApiForecast['buckets'][number]) => number): void {
  const forecast = Object.fromEntries(measured.forecast.buckets.map((b) => [b.bucket, part(b)]));
  for (const bucket of BUCKETS) {
    const counted = measured.calls[bucket];
    const predicted = forecast[bucket] ?? 0;
    expect({ bucket, off: Math.abs(predicted - counted) <= Math.max(1, 0.1 * counted) }).toEqual({
      bucket,
      off: true,
    });
  }
}

describe('the Okta calls of a merge, with re-plan and with the plan file', () => {
  it('applies from the plan file with only the writes: the second refresh is saved', async () => {
    await planThenApply(1, 0, 're-plan');
    const replan = await planThenApply(2, 1, 're-plan');
    const planFile = await planThenApply(3, 2, 'plan-file');
    expect(planFile.apply.stdout).toContain('Applying the reviewed plan file of run 3');
    expect(emulator.requests.filter((r) => r.status === 429)).toEqual([]);

    // The plan job refreshes the org: every object once.
    expectForecast(replan.plan, (b) => b.refresh);
    expect(total(replan.plan.calls)).toBe(replan.plan.forecast.refresh);
    // Re-plan: the same refresh again, then the five updates.
    expectForecast(replan.apply, (b) => b.refresh + b.apply);
    // The plan file: the five updates, nothing else.
    expectForecast(planFile.apply, (b) => b.apply);
    expect(total(planFile.apply.calls)).toBeLessThan(total(replan.plan.calls) / 5);
    const saved = total(replan.apply.calls) - total(planFile.apply.calls);
    expect(Math.abs(saved - replan.plan.forecast.refresh)).toBeLessThanOrEqual(0.1 * saved);
  });
});

describe("the org's own rate limits", () => {
  it('are read from the answers of one GET per bucket when okta-rate-limits says nothing (after the merges above)', async () => {
    const before = emulator.requests.length;
    const plan = await job(4, 0, { mode: 'plan' });
    expect(plan.code).toBe(0);
    const host = new URL(emulator.url).host;
    expect(plan.forecast.limits).toBe(
      `the org's X-Rate-Limit-Limit (${host}; the other 2 enterprise, assumed)`,
    );
    // 240 a minute for the org, half of it for this token.
    expect(plan.forecast.buckets.find((b) => b.bucket === '/api/v1/apps')?.limitPerMinute).toBe(120);
    // One GET per bucket: a one-item list, then the item (the org has no users), and a list of zones.
    const probes = emulator.requests.slice(before).filter((r) => /\?limit=1$/.test(r.path));
    expect(probes.map((r) => r.path)).toEqual([
      '/api/v1/apps?limit=1',
      '/api/v1/groups?limit=1',
      '/api/v1/users?limit=1',
      '/api/v1/zones?limit=1',
    ]);
  });
});
