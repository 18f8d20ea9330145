// npm run demo: the whole story, offline, with the real terraform and real okta/okta resource types. An Okta org
// emulator and an okta/okta provider stand-in (test infrastructure, testkit/) run in this process; the
// bundled action (dist/index.js) runs as the runner would run it:
//   1. plan the example org (examples/orgs/production) → the review, as reviewers see it;
//   2. apply exactly that plan (approved-fingerprint, as in okta-dispatch.yml);
//   3. an admin edits the org in the "Admin Console" (the emulator);
//   4. plan again → the edit shows as changed outside Terraform;
//   5. an admin makes a group and a network zone by hand; the drift run lists them as made outside Terraform;
//   6. mode: import writes their import blocks and configuration (the pull request's files and body), and the
//      plan of those files only imports.
// Every review is printed and written as an HTML preview: demo-output/review.html.
import { performance } from 'node:perf_hooks';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startOktaProvider } from '../testkit/okta-provider/provider.mjs';
import { startOktaEmulator } from '../testkit/okta/emulator.mjs';
import { htmlPage } from './lib/demo-html.mjs';
import { runAction } from './lib/demo-action.mjs';

const OUT = resolve('demo-output');
const REPO = join(OUT, 'repo');
const TOKEN = '00demo-api-token-not-a-real-one';

function hasTerraform() {
  try {
    execFileSync('terraform', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The example org, with its state in a local file instead of PostgreSQL. */
function prepareRepository() {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(REPO, { recursive: true });
  cpSync('examples/orgs', join(REPO, 'orgs'), { recursive: true });
  cpSync('examples/modules', join(REPO, 'modules'), { recursive: true });
  const main = join(REPO, 'orgs/production/main.tf');
  writeFileSync(main, readFileSync(main, 'utf8').replace('backend "pg" {}', 'backend "local" {}'));
}

const started = performance.now();
prepareRepository();
const emulator = await startOktaEmulator({ token: TOKEN, stateFile: join(OUT, 'okta-org.json') });
// The provider stand-in runs in this process and reads its settings from this process's environment.
Object.assign(process.env, { OKTA_HTTP_PROXY: emulator.url, OKTA_API_TOKEN: TOKEN });
const provider = await startOktaProvider({});
const common = {
  repo: REPO,
  inputs: {
    'working-directory': 'orgs/production',
    setup: hasTerraform() ? 'false' : 'true',
    'backend-config': `path=${join(OUT, 'production.tfstate')}`,
  },
  env: {
    OKTA_ORG_NAME: 'acme',
    OKTA_BASE_URL: 'okta.com',
    OKTA_API_TOKEN: TOKEN,
    // The action's own Okta client (made outside Terraform, import) reads the org where the provider does.
    OKTA_HTTP_PROXY: emulator.url,
    TF_REATTACH_PROVIDERS: provider.reattach,
  },
};

const reviews = [];
try {
  const plan = await runAction({ ...common, title: '1. Plan the example org', mode: 'plan' });
  reviews.push(plan);
  const apply = await runAction({
    ...common,
    title: '2. Apply exactly the approved plan',
    mode: 'apply',
    extraInputs: { 'approved-fingerprint': plan.outputs.fingerprint },
  });
  reviews.push(apply);
  const engineering = Object.values(emulator.state().groups).find((g) => g.profile.name === 'Engineering');
  emulator.adminEdit('PUT', `/api/v1/groups/${engineering.id}`, {
    profile: { name: 'Engineering', description: 'Edited in the Admin Console on a Friday night' },
  });
  process.stdout.write(`\n3. An admin edits the Engineering group in the Admin Console (the emulator).\n`);
  reviews.push(await runAction({ ...common, title: '4. Plan again: the edit shows as drift', mode: 'plan' }));
  emulator.adminEdit('POST', '/api/v1/groups', { profile: { name: 'Contractors' } });
  emulator.adminEdit('POST', '/api/v1/zones', {
    type: 'IP',
    name: 'Home office',
    gateways: [{ type: 'CIDR', value: '198.51.100.0/24' }],
  });
  process.stdout.write(`\n5. An admin makes a group and a network zone by hand in the Admin Console.\n`);
  reviews.push(
    await runAction({ ...common, title: '5. Drift: what was made outside Terraform', mode: 'drift' }),
  );
  const onboarding = await runAction({
    ...common,
    title: '6. Import: their configuration, as the pull request would hold it',
    mode: 'import',
    extraInputs: { 'import-types': 'okta_group,okta_network_zone' },
    // The branch the pull request would go to; without GITHUB_REPOSITORY the files stay in the checkout.
    env: { ...common.env, GITHUB_REF: 'refs/heads/main', GITHUB_SHA: '0'.repeat(40) },
  });
  reviews.push(onboarding);
  for (const file of ['okta-imports.tf', 'okta_group.tf', 'okta_network_zone.tf']) {
    process.stdout.write(
      `\n── orgs/production/${file} ──\n${readFileSync(join(REPO, 'orgs/production', file), 'utf8')}`,
    );
  }
} finally {
  await provider.stop();
  await emulator.close();
}

writeFileSync(join(OUT, 'review.html'), htmlPage(reviews));
const seconds = ((performance.now() - started) / 1000).toFixed(1);
process.stdout.write(
  `\nOkta API calls made: ${emulator.requests.length}. Done in ${seconds} s.\n` +
    `HTML preview of the reviews: ${join(OUT, 'review.html')}\n`,
);
