// Regenerates the kept corpus of Okta's own examples (__tests__/fixtures/okta-corpus/): for every resource type
// with an examples/resources/okta_* directory in a provider checkout, its create, update, replace and delete
// steps planned and applied through the real terraform against the provider stand-in and the org emulator
// (testkit/okta-corpus-steps.mjs, testkit/okta-corpus.mjs). Writes each step's `show -json` plan, and corpus.tsv: what each step was, terraform's
// Plan: line, and the error when the step failed.
//
//   node scripts/okta-corpus.mjs --git-dir PATH/TO/terraform-provider-okta.git [--types okta_group,...] [--jobs 2]

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startOktaEmulator } from '../testkit/okta/emulator.mjs';
import { startOktaProvider } from '../testkit/okta-provider/provider.mjs';
import { corpusSteps, exampleTypes, providerSource } from '../testkit/okta-corpus-steps.mjs';
import { runSteps, writeSeededOrg } from '../testkit/okta-corpus.mjs';

const OUT = '__tests__/fixtures/okta-corpus';

async function main() {
  const { values } = parseArgs({
    options: { 'git-dir': { type: 'string' }, types: { type: 'string' }, jobs: { type: 'string' } },
  });
  if (!values['git-dir'])
    throw new Error('give --git-dir: a clone of okta/terraform-provider-okta at v6.12.0');
  const source = providerSource(values['git-dir']);
  const all = exampleTypes(source);
  const types = values.types ? values.types.split(',').filter((t) => all.includes(t)) : all;
  const work = mkdtempSync(join(tmpdir(), 'okta-corpus-'));
  const stateFile = join(work, 'org.json');
  writeSeededOrg(stateFile);
  const org = await startOktaEmulator({ stateFile });
  const provider = await startOktaProvider({ env: {} });
  const rows = [];
  const queue = [...types];
  const worker = async () => {
    for (let type = queue.shift(); type; type = queue.shift()) {
      // Another fixture of the type's when the first does not even plan (it refers to resources it does not declare).
      let results = [];
      for (let attempt = 0; attempt < 4; attempt++) {
        const steps = corpusSteps(source, type, attempt);
        if (steps.length === 0) break;
        results = await runSteps({
          type,
          steps,
          dir: join(work, type),
          reattach: provider.reattach,
          orgUrl: org.url,
          token: org.token,
          source,
        });
        if (results[0]?.plan) break;
      }
      rmSync(join(OUT, type), { recursive: true, force: true });
      for (const r of results) {
        let file = '';
        if (r.plan) {
          mkdirSync(join(OUT, type), { recursive: true });
          file = `${type}/${r.step}.show.json`;
          writeFileSync(join(OUT, file), r.plan);
          writeFileSync(join(OUT, type, `${r.step}.tf`), r.config);
        }
        rows.push([
          type,
          r.step,
          r.example,
          r.how,
          r.planLine ?? '',
          r.none ? `none: ${r.none}` : r.error ? `failed: ${r.error}` : 'ok',
          file,
        ]);
      }
      process.stderr.write(
        `${type}: ${results.map((r) => `${r.step}${r.error ? ' FAILED' : r.none ? ' (none)' : ''}`).join(', ')}\n`,
      );
    }
  };
  await Promise.all(Array.from({ length: Number(values.jobs ?? 2) }, worker));
  await provider.stop();
  await org.close();
  rmSync(work, { recursive: true, force: true });
  if (values.types) {
    console.log(rows.map((r) => r.join('\t')).join('\n'));
    return;
  }
  const order = ['create', 'update', 'replace', 'delete'];
  rows.sort((a, b) => (a[0] === b[0] ? order.indexOf(a[1]) - order.indexOf(b[1]) : a[0] < b[0] ? -1 : 1));
  const clean = (v) => String(v).replace(/[\t\n]/g, ' ');
  const header = 'type\tstep\texample\thow\tplan_line\toutcome\tfile';
  writeFileSync(
    join(OUT, 'corpus.tsv'),
    `${header}\n${rows.map((r) => r.map(clean).join('\t')).join('\n')}\n`,
  );
  writeFileSync(join(OUT, 'LICENSE'), source.show('LICENSE'));
  console.log(`wrote ${rows.length} steps of ${types.length} types to ${OUT}`);
}

await main();
