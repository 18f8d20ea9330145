// npm run bench:okta [-- --objects N] [--saml N] [--okta-limits]
// The whole plan path on real okta/okta resource types: the bundled action plans (then applies, then plans again)
// an org of N objects (default 2,000: groups, group rules, OIDC apps, network zones) against the Okta org emulator
// through the provider stand-in. Reports the action's own time besides Terraform's commands, the plan JSON's size,
// the Okta API calls each run makes, and the calls the review's API forecast said it would make. --saml N adds N
// SAML apps, each with an okta_app_group_assignments of two groups (the rate-limit worked example is 150).
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startOktaProvider } from '../testkit/okta-provider/provider.mjs';
import { startOktaEmulator } from '../testkit/okta/emulator.mjs';
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
const counts = {
  okta_group: Math.round(total * 0.8),
  okta_group_rule: Math.round(total * 0.1),
  okta_app_oauth: Math.round(total * 0.05),
};
counts.okta_network_zone = total - counts.okta_group - counts.okta_group_rule - counts.okta_app_oauth;

function configuration() {
  const blocks = [
    'terraform {\n  required_providers {\n    okta = { source = "okta/okta" }\n  }\n  backend "local" {}\n}\n\nprovider "okta" {}\n',
  ];
  for (let i = 0; i < counts.okta_group; i++) {
    blocks.push(
      `resource "okta_group" "g${i}" {\n  name        = "Team ${i}"\n  description = "Bench group ${i}"\n}\n`,
    );
  }
  for (let i = 0; i < counts.okta_group_rule; i++) {
    blocks.push(
      `resource "okta_group_rule" "r${i}" {\n  name              = "Rule ${i}"\n  status            = "ACTIVE"\n` +
        `  group_assignments = [okta_group.g${i}.id]\n  expression_value  = "user.department==\\"D${i}\\""\n}\n`,
    );
  }
  for (let i = 0; i < counts.okta_app_oauth; i++) {
    blocks.push(
      `resource "okta_app_oauth" "a${i}" {\n  label          = "App ${i}"\n  type           = "web"\n` +
        `  grant_types    = ["authorization_code"]\n  response_types = ["code"]\n` +
        `  redirect_uris  = ["https://app${i}.example/callback"]\n}\n`,
    );
  }
  for (let i = 0; i < counts.okta_network_zone; i++) {
    blocks.push(
      `resource "okta_network_zone" "z${i}" {\n  name     = "Zone ${i}"\n  type     = "IP"\n  gateways = ["10.${i >> 8}.${i & 255}.0/24"]\n}\n`,
    );
  }
  for (let i = 0; i < saml; i++) {
    blocks.push(
      `resource "okta_app_saml" "s${i}" {\n  label = "SAML ${i}"\n  sso_url = "https://sp${i}.example/acs"\n` +
        `  recipient = "https://sp${i}.example/acs"\n  destination = "https://sp${i}.example/acs"\n` +
        `  audience = "https://sp${i}.example"\n  subject_name_id_template = "$\${user.userName}"\n` +
        `  subject_name_id_format = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"\n` +
        `  response_signed = true\n  signature_algorithm = "RSA_SHA256"\n  digest_algorithm = "SHA256"\n` +
        `  honor_force_authn = false\n` +
        `  authn_context_class_ref = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"\n}\n`,
      `resource "okta_app_group_assignments" "s${i}" {\n  app_id = okta_app_saml.s${i}.id\n` +
        `  group {\n    id = okta_group.g${(2 * i) % counts.okta_group}.id\n  }\n` +
        `  group {\n    id = okta_group.g${(2 * i + 1) % counts.okta_group}.id\n  }\n}\n`,
    );
  }
  return blocks.join('\n');
}

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
// Okta's per-endpoint rate limits would dominate (1,600 group reads at 600 a minute): lifted here, so the numbers
// show the action and Terraform; `npm run bench:okta -- --okta-limits` keeps the emulator's default limits.
const emulator = await startOktaEmulator({
  token,
  stateFile: join(dir, 'org.json'),
  ...(values['okta-limits'] ? {} : { rateLimits: { '*': { limit: 1_000_000, windowSeconds: 60 } } }),
});
Object.assign(process.env, { OKTA_HTTP_PROXY: emulator.url, OKTA_API_TOKEN: token });
const provider = await startOktaProvider({});
const common = {
  repo: join(dir, 'repo'),
  quiet: true,
  inputs: { setup: 'false', 'backend-config': `path=${join(dir, 'terraform.tfstate')}`, parallelism: '20' },
  env: {
    OKTA_ORG_NAME: 'bench',
    OKTA_BASE_URL: 'okta.com',
    OKTA_API_TOKEN: token,
    TF_REATTACH_PROVIDERS: provider.reattach,
  },
};
const rows = [];
try {
  for (const [title, mode, approve] of [
    ['plan a new org', 'plan', false],
    ['apply it', 'apply', true],
    ['plan again (refresh only)', 'plan', false],
  ]) {
    const before = emulator.requests.length;
    const result = await runAction({
      ...common,
      title,
      mode,
      extraInputs: approve ? { 'auto-approve': 'true' } : {},
    });
    const terraform = terraformSeconds(result.log, ['init', 'validate', 'plan', 'apply']);
    const planMb = statSync(result.outputs['json-plan-path']).size / 1e6;
    const { apiForecast } = JSON.parse(readFileSync(result.outputs['summary-json'], 'utf8'));
    rows.push({
      title,
      total: result.seconds,
      terraform,
      own: result.seconds - terraform,
      planMb,
      calls: emulator.requests.length - before,
      // A plan run refreshes; an apply run plans again (a refresh) and applies.
      forecast: mode === 'plan' ? apiForecast.refresh : apiForecast.refresh + apiForecast.apply,
      minutes: apiForecast.minutes,
    });
  }
} finally {
  await provider.stop();
  await emulator.close();
}

process.stdout.write(
  `\n${total + 2 * saml} objects (${Object.entries({
    ...counts,
    okta_app_saml: saml,
    okta_app_group_assignments: saml,
  })
    .map(([t, n]) => `${n} ${t}`)
    .join(', ')})\n\n`,
);
process.stdout.write(
  "| run | wall | terraform init/validate/plan/apply | action's own work | plan JSON | Okta API calls | forecast | forecast wait at Enterprise limits |\n|---|---|---|---|---|---|---|---|\n",
);
for (const r of rows) {
  process.stdout.write(
    `| ${r.title} | ${r.total.toFixed(1)} s | ${r.terraform.toFixed(1)} s | ${r.own.toFixed(1)} s | ${r.planMb.toFixed(1)} MB | ${r.calls} | ${r.forecast} | ${r.minutes} min |\n`,
  );
}
