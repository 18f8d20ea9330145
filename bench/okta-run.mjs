// npm run bench:okta [-- --objects N] [--saml N] [--okta-limits]
// The whole path on real okta/okta resource types: the bundled action plans (then applies, then plans again) an org
// of N objects (default 2,000: groups, group rules, OIDC apps, network zones) against the Okta org emulator through
// the provider stand-in; then two pull requests that each edit 10 groups are planned and applied the way a
// workflow_dispatch does (a plan job, then an apply job with its fingerprint), the first with apply-from: re-plan,
// the second with apply-from: plan-file (the harness's Actions artifact service and GitHub stand-in); then a third is
// reviewed on its pull request and applied on its merge's push, twice: approved by its plan run's record (with
// actions: read), and by the review's text alone (without). Reports the
// action's own time besides Terraform's commands, the plan JSON's size, the Okta API calls each run makes in Okta's
// buckets, the calls the review's API forecast said it would make, and the minutes those calls take at an
// Enterprise org's limits (50% share). --saml N adds N SAML apps, each with an okta_app_group_assignments of two
// groups (the rate-limit worked example is 150). --okta-limits enforces those limits (HTTP 429 past them: slow).
// Last, the scan for objects made outside Terraform (what each drift run adds) of that org, with a few objects made
// by hand, in calls per kind.
// Run with node --import ./bench/ts-register.mjs (npm run bench:okta does): the stand-ins are TypeScript.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { BUCKETS, oktaBucket, tierLimits } from '../src/okta/api-calls.js';
import { OktaClient, oktaConnection } from '../src/okta/client.js';
import { readManaged } from '../src/okta/managed.js';
import { findUnmanaged } from '../src/okta/unmanaged.js';
import { openPlan } from '../src/plan/plan-file.js';
import { startArtifactService } from '../testkit/artifact-service.js';
import { startGitHubServer } from '../testkit/github-server.js';
import { startOktaProvider } from '../testkit/okta-provider/provider.mjs';
import { benchConfiguration, benchCounts } from '../testkit/okta/bench-org.mjs';
import { startOktaEmulator } from '../testkit/okta/emulator.mjs';
import { eventEnv, GITHUB_TOKEN, OWNER, REPO } from '../testkit/workflow.js';
import { runAction } from '../scripts/lib/demo-action.mjs';

const { values } = parseArgs({
  options: {
    objects: { type: 'string', default: '2000' },
    'okta-limits': { type: 'boolean', default: false },
    saml: { type: 'string', default: '0' },
  },
});
const saml = Number(values.saml);
const total = Number(values.objects);
const counts = benchCounts(total, saml);
const configuration = (edition = 0) =>
  benchConfiguration(counts, { backend: '  backend "local" {}\n', edited: edition ? 10 : 0, edition });

/** Seconds Terraform's own commands took, from the action's log ("terraform plan: 12.3 s"). */
function terraformSeconds(log, commands) {
  let sum = 0;
  for (const match of log.matchAll(/^terraform ([a-z -]+?): ([\d.]+) s/gm))
    if (commands.includes(match[1])) sum += Number(match[2]);
  return sum;
}

const dir = resolve('.tmp', 'bench-okta');
rmSync(dir, { recursive: true, force: true });
mkdirSync(join(dir, 'repo'), { recursive: true });
writeFileSync(join(dir, 'repo', 'main.tf'), configuration());
const token = '00bench-token-00000000000000000000000000';
// An Enterprise org's limits at Okta's default 50% share for one token: the minutes a run's calls take.
const enterprise = tierLimits('enterprise');
const share = Object.fromEntries(BUCKETS.map((b) => [b, Math.floor(enterprise[b] / 2)]));
// Counted in Okta's buckets. Enforced only with --okta-limits (1,600 group reads at 300 a minute is minutes of
// HTTP 429); otherwise lifted, so the numbers show the action and Terraform.
const emulator = await startOktaEmulator({
  token,
  stateFile: join(dir, 'org.json'),
  bucketOf: oktaBucket,
  rateLimits: Object.fromEntries(
    BUCKETS.map((b) => [b, { limit: values['okta-limits'] ? share[b] : 1_000_000, windowSeconds: 60 }]),
  ),
});
Object.assign(process.env, { OKTA_HTTP_PROXY: emulator.url, OKTA_API_TOKEN: token });
const provider = await startOktaProvider({});
const artifacts = await startArtifactService();
const github = await startGitHubServer({ owner: OWNER, repo: REPO, token: GITHUB_TOKEN, artifacts });
const common = {
  repo: join(dir, 'repo'),
  quiet: true,
  inputs: {
    setup: 'false',
    'backend-config': `path=${join(dir, 'terraform.tfstate')}`,
    parallelism: '20',
    'github-token': GITHUB_TOKEN,
    'plan-encryption-key': 'bench-plan-encryption-key-000000000000001',
  },
  env: {
    OKTA_ORG_NAME: 'bench',
    OKTA_BASE_URL: 'okta.com',
    OKTA_API_TOKEN: token,
    TF_REATTACH_PROVIDERS: provider.reattach,
  },
};

/** Calls per Okta bucket since `from`. */
function tally(from) {
  const calls = Object.fromEntries(BUCKETS.map((b) => [b, 0]));
  for (const request of emulator.requests.slice(from)) calls[request.bucket]++;
  return calls;
}

/** Minutes the slowest bucket's calls take at the share of an Enterprise org's limits. */
const minutesAt = (calls) =>
  Math.max(0, ...BUCKETS.map((b) => (calls[b] > share[b] ? calls[b] / share[b] : 0)));

const rows = [];
const byBucket = {};
/** The step's environment on `event` in workflow run `run` (its own runtime token), recorded as GitHub records it. */
function runEnv(run, event, payload, env, headSha) {
  github.runs.recordRun({ id: run, event, headSha });
  return { ...eventEnv(github, event, payload, env), ...artifacts.jobEnv(run), GITHUB_RUN_ID: String(run) };
}

const dispatchEnv = (run) =>
  runEnv(
    run,
    'workflow_dispatch',
    { ref: 'refs/heads/main' },
    { GITHUB_REF: 'refs/heads/main' },
    'f'.repeat(40),
  );

/** Seconds the apply took to check which review approves its plan ("review check: 0.3 s"). */
const reviewCheck = (log) => Number(/^review check: ([\d.]+) s/m.exec(log)?.[1] ?? NaN);

/**
 * One job. `forecastOf` picks what the review's forecast says this job calls; `env` makes it a job of a workflow
 * run (runEnv).
 */
async function job(title, mode, extraInputs, forecastOf, env = {}) {
  const before = emulator.requests.length;
  const githubBefore = github.requests.length;
  const result = await runAction({
    ...common,
    env: { ...common.env, ...env },
    title,
    mode,
    extraInputs,
  });
  const terraform = terraformSeconds(result.log, ['init', 'validate', 'plan', 'apply']);
  const planMb = statSync(result.outputs['json-plan-path']).size / 1e6;
  const { apiForecast } = JSON.parse(readFileSync(result.outputs['summary-json'], 'utf8'));
  const calls = tally(before);
  byBucket[title] = {
    calls,
    forecast: Object.fromEntries(apiForecast.buckets.map((b) => [b.bucket, forecastOf(b)])),
  };
  rows.push({
    title,
    total: result.seconds,
    terraform,
    own: result.seconds - terraform,
    planMb,
    calls: BUCKETS.reduce((n, b) => n + calls[b], 0),
    forecast: apiForecast.buckets.reduce((n, b) => n + forecastOf(b), 0),
    minutes: minutesAt(calls),
    githubCalls: github.requests.length - githubBefore,
    reviewCheck: reviewCheck(result.log),
  });
  return result;
}

/**
 * The scan a drift run makes after its plan, of the state `planJson` holds, after an admin made three objects: calls
 * per list (path without query and Okta IDs), pages included.
 */
async function unmanagedScan(planJson) {
  emulator.adminEdit('POST', '/api/v1/groups', { profile: { name: 'Made by hand' } });
  emulator.adminEdit('POST', '/api/v1/groups', { profile: { name: 'Made by hand too' } });
  emulator.adminEdit('POST', '/api/v1/zones', {
    type: 'IP',
    name: 'Hand-made zone',
    gateways: [{ type: 'CIDR', value: '198.51.100.0/24' }],
  });
  const managed = await readManaged(await openPlan(planJson));
  const before = emulator.requests.length;
  const started = performance.now();
  const found = await findUnmanaged(new OktaClient(oktaConnection([], process.env)), managed);
  const seconds = (performance.now() - started) / 1000;
  const perList = {};
  for (const { path } of emulator.requests.slice(before)) {
    const list = path.split('?')[0].replace(/\/[A-Za-z0-9]{20}(?=\/|$)/g, '/{id}');
    perList[list] = (perList[list] ?? 0) + 1;
  }
  return { found: found.length, managed: managed.length, seconds, perList };
}

let scan;
const refreshOf = (b) => b.refresh;
const bothOf = (b) => b.refresh + b.apply;
const applyOf = (b) => b.apply;
try {
  await job('plan a new org', 'plan', {}, refreshOf);
  await job('apply it', 'apply', { 'auto-approve': 'true' }, bothOf);
  await job('plan again (refresh only)', 'plan', {}, refreshOf);
  // Two pull requests, each editing 10 groups: planned, then applied with the plan job's fingerprint.
  for (const [edition, applyFrom, forecastOf] of [
    [1, 're-plan', bothOf],
    [2, 'plan-file', applyOf],
  ]) {
    writeFileSync(join(dir, 'repo', 'main.tf'), configuration(edition));
    const run = 100 + edition;
    const from = { 'apply-from': applyFrom };
    const plan = await job(`PR ${edition}: plan job`, 'plan', from, refreshOf, dispatchEnv(run));
    const approved = { ...from, 'approved-fingerprint': plan.outputs.fingerprint };
    await job(`PR ${edition}: apply job, ${applyFrom}`, 'apply', approved, forecastOf, dispatchEnv(run));
    if (edition === 2) scan = await unmanagedScan(plan.outputs['json-plan-path']);
  }
  // Pull requests 3 and 4 edit 10 groups each, reviewed on the pull request and applied on the merge's push: by the
  // plan run's record, then (actions: read refused) by the review's text alone.
  for (const [edition, how] of [
    [3, 'record'],
    [4, 'text'],
  ]) {
    writeFileSync(join(dir, 'repo', 'main.tf'), configuration(edition));
    const head = github.runs.pullHead(edition);
    const payload = { number: edition, pull_request: { number: edition } };
    await job(
      `PR ${edition}: review`,
      'plan',
      {},
      refreshOf,
      runEnv(200 + edition, 'pull_request', payload, {}, head),
    );
    const sha = String(edition).padStart(40, 'b');
    github.setPullsForCommit(sha, [edition]);
    if (how === 'text')
      github.failNext('GET', /\/actions\/runs\/\d+$/, 403, 1, {
        message: 'Resource not accessible by integration',
      });
    const push = { ref: 'refs/heads/main', repository: { default_branch: 'main' } };
    const env = runEnv(300 + edition, 'push', push, { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: sha }, sha);
    const merged = await job(`PR ${edition}: merge, approved by its ${how}`, 'auto', {}, bothOf, env);
    if (!merged.log.includes(how === 'text' ? 'its text shows every change' : 'recorded exactly this plan'))
      throw new Error(`PR ${edition} was not approved by its ${how}`);
  }
} finally {
  await provider.stop();
  await emulator.close();
  await github.close();
  await artifacts.close();
}

const objects = Object.values(counts).reduce((n, c) => n + c, 0) + saml;
process.stdout.write(
  `\n${objects} objects (${Object.entries({ ...counts, okta_app_group_assignments: saml })
    .filter(([, n]) => n > 0)
    .map(([t, n]) => `${n} ${t}`)
    .join(', ')})\n\n`,
);
process.stdout.write(
  "| run | wall | terraform init/validate/plan/apply | action's own work | review check | plan JSON | Okta API calls | forecast | minutes at Enterprise limits | GitHub API calls |\n|---|---|---|---|---|---|---|---|---|---|\n",
);
for (const r of rows) {
  const check = Number.isNaN(r.reviewCheck) ? '' : `${r.reviewCheck.toFixed(1)} s`;
  process.stdout.write(
    `| ${r.title} | ${r.total.toFixed(1)} s | ${r.terraform.toFixed(1)} s | ${r.own.toFixed(1)} s | ${check} | ${r.planMb.toFixed(1)} MB | ${r.calls} | ${r.forecast} | ${r.minutes.toFixed(1)} | ${r.githubCalls} |\n`,
  );
}
const merges = ['PR 1: apply job, re-plan', 'PR 2: apply job, plan-file'];
process.stdout.write(
  `\nThe two apply jobs per Okta bucket (counted / forecast; limit per minute at a 50% share):\n\n| bucket | limit | ${merges.join(' | ')} |\n|---|---|---|---|\n`,
);
for (const bucket of BUCKETS) {
  const cells = merges.map((m) => `${byBucket[m].calls[bucket]} / ${byBucket[m].forecast[bucket] ?? 0}`);
  if (cells.some((c) => c !== '0 / 0'))
    process.stdout.write(`| ${bucket} | ${share[bucket]} | ${cells.join(' | ')} |\n`);
}
process.stdout.write(
  `\nThe scan for objects made outside Terraform (drift mode): ${scan.found} of the 3 made by hand found, ${scan.managed} objects in state, ${Object.values(scan.perList).reduce((n, c) => n + c, 0)} calls in ${(scan.seconds * 1000).toFixed(0)} ms:\n\n| list | calls |\n|---|---|\n`,
);
for (const [list, calls] of Object.entries(scan.perList)) process.stdout.write(`| ${list} | ${calls} |\n`);
