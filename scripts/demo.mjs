// npm run demo: the whole story, offline, with the real terraform and real okta/okta resource types. An Okta org
// emulator, an okta/okta provider stand-in and a GitHub API stand-in (test infrastructure, testkit/) run in this
// process; the bundled action (dist/index.js) runs as the runner would run it, on the events GitHub sends:
//   1. pull request #1 adds the example org (examples/orgs/production) → the review comment;
//   2. its merge applies exactly that reviewed plan;
//   3. an admin edits a group and makes a group and a network zone by hand in the "Admin Console" (the emulator);
//   4. the scheduled drift run reports the edit and the objects made outside Terraform;
//   5. pull request #2 deletes the OIDC app → a review that flags it high-risk;
//   6. its merge is refused: nobody approved the high-risk change, nothing is applied;
//   7. mode: import writes the configuration of the hand-made objects (the import pull request's files and body).
// Each review is printed once, as GitHub shows it (the pull request's comment, else the job summary), and all of
// them go to demo-output/review.html (and review.png when headless Chromium is installed).
// Run with node --import ./bench/ts-register.mjs (npm run demo does): the GitHub stand-in is TypeScript.
import { performance } from 'node:perf_hooks';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startArtifactService } from '../testkit/artifact-service.js';
import { startGitHubServer } from '../testkit/github-server.js';
import { startOktaProvider } from '../testkit/okta-provider/provider.mjs';
import { startOktaEmulator } from '../testkit/okta/emulator.mjs';
import { eventEnv, GITHUB_TOKEN, OWNER, REPO } from '../testkit/workflow.js';
import { htmlPage } from './lib/demo-html.mjs';
import { runAction } from './lib/demo-action.mjs';

const OUT = resolve('demo-output');
const REPO_DIR = join(OUT, 'repo');
const TOKEN = '00demo-api-token-not-a-real-one';

function found(command, args) {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The example org, with its state in a local file instead of PostgreSQL. */
function prepareRepository() {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(REPO_DIR, { recursive: true });
  cpSync('examples/orgs', join(REPO_DIR, 'orgs'), { recursive: true });
  cpSync('examples/modules', join(REPO_DIR, 'modules'), { recursive: true });
  edit('orgs/production/main.tf', (text) => text.replace('backend "pg" {}', 'backend "local" {}'));
}

function edit(path, change) {
  const file = join(REPO_DIR, path);
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

const started = performance.now();
prepareRepository();
const emulator = await startOktaEmulator({ token: TOKEN, stateFile: join(OUT, 'okta-org.json') });
// The provider stand-in runs in this process and reads its settings from this process's environment.
Object.assign(process.env, { OKTA_HTTP_PROXY: emulator.url, OKTA_API_TOKEN: TOKEN });
const provider = await startOktaProvider({});
// GitHub keeps each run's artifacts (a plan run's record of what it reviewed): the merge reads them back.
const artifacts = await startArtifactService();
const github = await startGitHubServer({ owner: OWNER, repo: REPO, token: GITHUB_TOKEN, artifacts });
let runId = 7000;
/** A workflow run of its own, recorded as GitHub records runs: its ID, its runtime token. */
function workflowRun(event, headSha) {
  runId++;
  github.runs.recordRun({ id: runId, event, headSha });
  return { ...artifacts.jobEnv(runId), GITHUB_RUN_ID: String(runId) };
}
const common = {
  repo: REPO_DIR,
  quiet: true,
  inputs: {
    'working-directory': 'orgs/production',
    setup: found('terraform', ['version']) ? 'false' : 'true',
    'backend-config': `path=${join(OUT, 'production.tfstate')}`,
    'github-token': GITHUB_TOKEN,
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

const pullRequest = (number) => {
  const sha = github.runs.pullHead(number);
  return {
    ...eventEnv(github, 'pull_request', { number, pull_request: { number, head: { sha } } }),
    ...workflowRun('pull_request', sha),
  };
};
/** The push of pull request `number`'s merge to main: the apply finds its review through the merge commit. */
function merge(number) {
  const sha = `${number}`.padStart(40, 'a');
  github.setPullsForCommit(sha, [number]);
  return {
    ...eventEnv(
      github,
      'push',
      { ref: 'refs/heads/main', repository: { default_branch: 'main' } },
      { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: sha },
    ),
    ...workflowRun('push', sha),
  };
}
const reviewComment = (number) =>
  github.comments(number).find((c) => c.body.startsWith('<!-- okta-terraform-action ')) ?? { body: '' };

const reviews = [];
/** One step: the action on `event`, and what GitHub then shows of it, printed once and kept for the HTML page. */
async function step(
  title,
  mode,
  event,
  { extraInputs = {}, env = {}, mayFail = false, shows = 'summary' } = {},
) {
  const run = await runAction({
    ...common,
    title,
    mode,
    extraInputs,
    env: { ...common.env, ...event, ...env },
    mayFail,
  });
  // GitHub renders the hidden markers as nothing.
  const shown = (typeof shows === 'function' ? shows(run) : run.summary)
    .split('\n')
    .filter((line) => !line.startsWith('<!-- '))
    .join('\n');
  process.stdout.write(`\n${shown}\n`);
  reviews.push({ title, summary: shown });
  return run;
}

try {
  await step('1. Pull request #1 adds the example org: the review comment', 'plan', pullRequest(1), {
    shows: () => reviewComment(1).body,
  });
  await step('2. Its merge applies exactly the reviewed plan', 'auto', merge(1), {
    shows: () => reviewComment(1).body.split('\n').slice(0, 3).join('\n'),
  });

  const engineering = Object.values(emulator.state().groups).find((g) => g.profile.name === 'Engineering');
  emulator.adminEdit('PUT', `/api/v1/groups/${engineering.id}`, {
    profile: { name: 'Engineering', description: 'Edited in the Admin Console on a Friday night' },
  });
  emulator.adminEdit('POST', '/api/v1/groups', { profile: { name: 'Contractors' } });
  emulator.adminEdit('POST', '/api/v1/zones', {
    type: 'IP',
    name: 'Home office',
    gateways: [{ type: 'CIDR', value: '198.51.100.0/24' }],
  });
  process.stdout.write(
    '\n3. An admin edits the Engineering group, and makes a group and a network zone by hand (the emulator).\n',
  );
  await step(
    '4. The scheduled drift run: the edit, and what was made outside Terraform',
    'drift',
    eventEnv(github, 'schedule', {}),
    { shows: () => github.issues().at(-1)?.body ?? '' },
  );

  // Pull request #2 deletes the OIDC app (and its group assignments) from the code.
  const main = Object.fromEntries(
    ['modules/okta-baseline/apps.tf', 'modules/okta-baseline/outputs.tf', 'orgs/production/main.tf'].map(
      (path) => [path, readFileSync(join(REPO_DIR, path), 'utf8')],
    ),
  );
  edit('modules/okta-baseline/apps.tf', () => '');
  const withoutOutput = (text) => text.replace(/output "portal_client_id" \{[^}]*\}\n/, '');
  edit('modules/okta-baseline/outputs.tf', withoutOutput);
  edit('orgs/production/main.tf', withoutOutput);
  await step('5. Pull request #2 deletes the OIDC app: a high-risk review', 'plan', pullRequest(2), {
    shows: () => reviewComment(2).body,
  });
  const refused = await step(
    '6. Its merge is refused: nobody approved the high-risk change',
    'auto',
    merge(2),
    {
      mayFail: true,
      shows: () =>
        'Nothing was applied: the app Employee portal and its group assignments are still in the org.',
    },
  );
  if (refused.code === 0) throw new Error('the high-risk merge was applied');
  if (Object.keys(emulator.state().apps).length === 0) throw new Error('the app was deleted');
  // Back to main, where pull request #2 never landed.
  for (const [path, text] of Object.entries(main)) edit(path, () => text);

  const imported = await step(
    '7. Import: the configuration of what was made by hand, as the import pull request holds it',
    'import',
    {},
    {
      extraInputs: { 'import-types': 'okta_group,okta_network_zone' },
      // The branch the pull request would go to; without GITHUB_REPOSITORY the files stay in the checkout.
      env: { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: '0'.repeat(40) },
      shows: (run) => run.summary.slice(run.summary.indexOf('\n## ') + 1),
    },
  );
  for (const file of ['okta-imports.tf', 'okta_group.tf', 'okta_network_zone.tf']) {
    process.stdout.write(
      `\n── orgs/production/${file} ──\n${readFileSync(join(REPO_DIR, 'orgs/production', file), 'utf8')}`,
    );
  }
  if (imported.outputs.imported !== '2')
    throw new Error(`import brought ${imported.outputs.imported} objects, not 2`);
} finally {
  await provider.stop();
  await emulator.close();
  await github.close();
  await artifacts.close();
}

const html = join(OUT, 'review.html');
writeFileSync(html, htmlPage(reviews));
const chromium = ['chromium', 'chromium-browser', 'google-chrome'].find((c) => found(c, ['--version']));
const screenshot = join(OUT, 'review.png');
if (chromium) {
  execFileSync(
    chromium,
    [
      '--headless',
      '--disable-gpu',
      '--no-sandbox',
      `--screenshot=${screenshot}`,
      '--window-size=1000,4000',
      `file://${html}`,
    ],
    { stdio: 'ignore' },
  );
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
process.stdout.write(
  `\nOkta API calls made: ${emulator.requests.length}. Done in ${seconds} s.\n` +
    `The reviews as GitHub shows them: ${html}\n` +
    (chromium
      ? `Screenshot: ${screenshot}\n`
      : 'No headless Chromium here (chromium, google-chrome): no screenshot.\n'),
);
