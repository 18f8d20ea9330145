// npm run bench [-- --size MB] [--changed PERCENT] [--import OBJECTS] [--keep]
// Generates an Okta-like plan (default about 800 MB, 3% of objects changed) and measures, one after the other on
// the same file: our summarize (dist/cli.js, the code the action runs), jq computing the same counts, and a plain
// JSON.parse reader. Reports throughput (MB/s) and peak RSS of each, and checks that the counts agree.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generatePlan } from './generate.mjs';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '800' },
    changed: { type: 'string', default: '3' },
    // An initial import of an org this large (every object changed) instead of a plan of --size MB.
    import: { type: 'string', default: '0' },
    keep: { type: 'boolean', default: false },
  },
});
const sizeMb = Number(values.size);
const changedPercent = Number(values.changed);
const importCount = Number(values.import);
const dir = join('.tmp', 'bench');
mkdirSync(dir, { recursive: true });
const plan = join(
  dir,
  importCount ? `plan-import-${importCount}.json` : `plan-${sizeMb}MB-${changedPercent}pct.json`,
);

if (!existsSync('dist/cli.js')) execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
if (!existsSync(plan)) {
  process.stdout.write(`generating ${plan} ...\n`);
  const info = generatePlan(plan, sizeMb * 1e6, changedPercent, importCount);
  process.stdout.write(
    `  ${(info.bytes / 1e6).toFixed(0)} MB, ${info.objects} objects, ${info.changed} changed\n`,
  );
}
const bytes = statSync(plan).size;

/** Runs a command under GNU time; returns seconds, peak RSS (MB), stdout, and whether it succeeded. */
function measure(command, args) {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const lines = result.stderr.trim().split('\n');
  const [seconds, kb] = (lines.at(-1) ?? '0 0').split(' ').map(Number);
  return {
    seconds,
    rssMb: kb / 1024,
    stdout: result.stdout,
    ok: result.status === 0,
    error: (lines.find((line) => /Error/.test(line)) ?? lines.slice(0, -1).join(' ')).trim().slice(0, 100),
  };
}

const COUNTS_JQ = `[.resource_changes[] | select(.mode == "managed") | .change] |
  { add: map(select(.actions | index("create"))) | length,
    change: map(select(.actions == ["update"])) | length,
    destroy: map(select(.actions | index("delete"))) | length,
    import: map(select(.importing != null)) | length }`;
const JSON_PARSE_READER = `
const fs = require('node:fs');
const plan = JSON.parse(fs.readFileSync(process.argv[1], 'utf8'));
const counts = { add: 0, change: 0, destroy: 0, import: 0 };
for (const rc of plan.resource_changes ?? []) {
  if (rc.mode !== 'managed') continue;
  const a = rc.change.actions;
  if (a.includes('create')) counts.add++;
  if (a.includes('delete')) counts.destroy++;
  if (a.length === 1 && a[0] === 'update') counts.change++;
  if (rc.change.importing) counts.import++;
}
process.stdout.write(JSON.stringify(counts));`;

const summaryFile = join(dir, 'summary.json');
const runs = [
  {
    name: 'okta-tf summarize (this action)',
    ...measure('node', ['dist/cli.js', 'summarize', plan, '--format', 'json', '--out', summaryFile]),
  },
  { name: 'jq (same counts)', ...measure('jq', ['-c', COUNTS_JQ, plan]) },
  { name: 'JSON.parse reader', ...measure('node', ['-e', JSON_PARSE_READER, plan]) },
];
const ours = runs[0].ok ? JSON.parse(readFileSync(summaryFile, 'utf8')).terraform : null;
runs[0].stdout = ours
  ? JSON.stringify({ add: ours.add, change: ours.change, destroy: ours.destroy, import: ours.import })
  : '';

const mb = bytes / 1e6;
const rows = runs.map((r) => ({
  tool: r.name,
  seconds: r.ok ? r.seconds.toFixed(2) : 'failed',
  'MB/s': r.ok ? (mb / r.seconds).toFixed(0) : '-',
  'peak RSS MB': r.rssMb.toFixed(0),
  counts: r.ok ? r.stdout.trim() : r.error,
}));
process.stdout.write(`\nplan: ${plan} (${mb.toFixed(0)} MB)\n`);
console.table(rows);
const jq = runs[1];
const agree = runs.filter((r) => r.ok).every((r) => JSON.stringify(JSON.parse(r.stdout)) === runs[0].stdout);
const result = {
  date: new Date().toISOString(),
  planMb: Number(mb.toFixed(1)),
  changedPercent,
  node: process.version,
  runs: rows,
  speedupOverJq: runs[0].ok && jq.ok ? Number((jq.seconds / runs[0].seconds).toFixed(1)) : null,
  countsAgree: agree,
};
writeFileSync(join(dir, 'results.json'), `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`speed-up over jq: ${result.speedupOverJq ?? 'n/a'}x; counts agree: ${agree}\n`);
if (!values.keep) rmSync(summaryFile, { force: true });
if (!agree || !runs[0].ok) process.exitCode = 1;
