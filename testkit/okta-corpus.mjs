// @ts-check
// Okta's own example configurations (examples/resources/okta_*/ of okta/terraform-provider-okta v6.12.0, the
// files its acceptance tests step through) planned and applied by the real terraform against the provider
// stand-in and the org emulator: per type a create, an update (the acceptance test's next fixture), a replace (a
// replace-forcing attribute changed, else `-replace`) and a delete (the configuration emptied). Each step keeps
// terraform's `show -json` plan and its own "Plan:" line. Used by scripts/okta-corpus.mjs (which writes the kept
// corpus) and by the live corpus test.

import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { standInTerraformEnv } from './okta-provider/provider.mjs';

/** @typedef {import('./okta-corpus-steps.mjs').Step} Step */
/** @typedef {import('./okta-corpus-steps.mjs').ProviderSource} ProviderSource */
/**
 * @typedef {object} StepResult
 * @property {Step['step']} step
 * @property {string} example  the example file the configuration came from
 * @property {string} how      how the step was made
 * @property {string | null} planLine  terraform's "Plan: ..." line, null when it printed none (no changes)
 * @property {string | null} plan  the `show -json` plan, null when the step failed
 * @property {string | null} error  the first terraform error, when the step failed
 * @property {string | null} none  why the type has no such step (the provider's own word), when it has none
 * @property {string} config  the configuration planned (the example's, provider block aside)
 */

/**
 * An org file with what every Okta org has: the Everyone group.
 * @param {string} path
 */
export function writeSeededOrg(path) {
  const at = '2026-01-01T00:00:00.000Z';
  const everyone = {
    id: '00g1everyone0000000',
    created: at,
    lastUpdated: at,
    lastMembershipUpdated: at,
    objectClass: ['okta:user_group'],
    type: 'BUILT_IN',
    profile: { name: 'Everyone', description: 'All users in your organization' },
  };
  writeFileSync(path, JSON.stringify({ version: 1, groups: { [everyone.id]: everyone } }));
}

/**
 * Runs terraform asynchronously (the provider and the org may live in this process).
 * @param {string} dir
 * @param {string[]} args
 * @param {Record<string, string>} env
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
 */
function terraform(dir, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn('terraform', [`-chdir=${dir}`, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The first "Error: ..." of terraform's output, unboxed. @param {string} text */
function firstError(text) {
  const flat = text.replace(/[│╷╵]/g, ' ');
  const m = /Error: ([^\n]+)(?:\n\s*\n?((?:\s*[^\n]+\n){0,3}))?/.exec(flat);
  return m
    ? `${m[1]?.trim()}${m[2] ? `: ${m[2].replace(/\s+/g, ' ').trim()}` : ''}`.slice(0, 400)
    : text.slice(-400);
}

/**
 * Plans and applies a type's steps in `dir`, against the provider (`reattach`) and the org at `orgUrl`.
 * @param {{ type: string, steps: Step[], dir: string, reattach: string, orgUrl: string, token: string,
 *   source?: ProviderSource }} options  `source` copies the example directory's other files (logos, keys)
 * @returns {Promise<StepResult[]>}
 */
export async function runSteps({ type, steps, dir, reattach, orgUrl, token, source }) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (source) {
    const prefix = `examples/resources/${type}/`;
    for (const f of source.files.filter((p) => p.startsWith(prefix) && !p.endsWith('.tf'))) {
      const rel = f.slice(prefix.length);
      mkdirSync(join(dir, rel, '..'), { recursive: true });
      writeFileSync(join(dir, rel), source.bytes(f));
    }
  }
  const env = standInTerraformEnv(dir, reattach);
  const provider = (/** @type {string} */ config) =>
    `${/required_providers/.test(config) ? '' : 'terraform {\n  required_providers {\n    okta = { source = "okta/okta" }\n  }\n}\n'}
provider "okta" {
  org_name         = "corpus"
  base_url         = "okta.com"
  api_token        = "${token}"
  http_proxy       = "${orgUrl}"
  max_retries      = 1
  min_wait_seconds = 1
  max_wait_seconds = 1
}
`;
  /** @type {StepResult[]} */
  const results = [];
  let initialised = false;
  let applied = '';
  /** Writes the configuration (and the variables it declares without a default: the acceptance tests set them). */
  const write = (/** @type {string} */ config) => {
    writeFileSync(join(dir, 'main.tf'), config);
    for (const m of config.matchAll(/variable\s+"(\w+)"\s*\{([^}]*)\}/g)) {
      if (!/\bdefault\b/.test(m[2] ?? '')) env[`TF_VAR_${m[1]}`] = `corpus-${m[1]}.example.com`;
    }
    writeFileSync(join(dir, 'provider.tf'), provider(config));
  };
  /** The first object of `type` in state: what a replace by request replaces. */
  const firstInState = async (/** @type {string} */ of) =>
    (await terraform(dir, ['state', 'list'], env)).stdout.split('\n').find((a) => a.startsWith(`${of}.`));
  for (const planned of steps) {
    const derived = planned.derive ? planned.derive(applied) : null;
    if (planned.derive && !derived) continue;
    const step = { ...planned, ...derived };
    /** @type {StepResult} */
    const result = {
      step: step.step,
      example: step.example,
      how: step.how,
      planLine: null,
      plan: null,
      error: null,
      none: step.none ?? null,
      config: step.config,
    };
    results.push(result);
    if (step.none) continue;
    write(step.config);
    if (!initialised) {
      const init = await terraform(dir, ['init', '-input=false', '-no-color'], env);
      if (init.code !== 0) {
        result.error = firstError(init.stdout + init.stderr);
        break;
      }
      initialised = true;
    }
    const args = ['plan', '-input=false', '-no-color', '-out=tfplan'];
    if (step.replaceFirst) {
      const address = await firstInState(step.replaceFirst);
      if (address) args.push(`-replace=${address}`);
      result.how = `-replace=${address ?? '(none in state)'} (no literal replace-forcing attribute)`;
    }
    let plan = await terraform(dir, args, env);
    if (plan.code !== 0 && step.step === 'replace' && !step.replaceFirst) {
      // The changed value is not one the provider takes (an enumerated type): replace by request instead.
      const address = await firstInState(type);
      result.config = applied;
      write(result.config);
      result.how = `-replace=${address} (${step.how.replace(/ \(.*/, '')} is refused: ${firstError(plan.stdout + plan.stderr).slice(0, 80)})`;
      plan = await terraform(dir, [...args, `-replace=${address}`], env);
    }
    // An update fixture that does not plan a change (it lacks a required argument...): the next way to update.
    const refusals = [];
    for (const next of step.alternatives ?? []) {
      if (plan.code === 0 && /^Plan: /m.test(plan.stdout)) break;
      refusals.push(plan.code === 0 ? 'no change' : firstError(plan.stdout + plan.stderr).slice(0, 80));
      Object.assign(result, next);
      write(next.config);
      plan = await terraform(dir, args, env);
    }
    if (refusals.length > 0) result.how += ` (${step.how}: ${refusals[0]})`;
    if (plan.code !== 0) {
      result.error = firstError(plan.stdout + plan.stderr);
      break;
    }
    result.planLine = /^Plan: .*$/m.exec(plan.stdout)?.[0] ?? null;
    const show = await terraform(dir, ['show', '-json', 'tfplan'], env);
    result.plan = show.stdout;
    const apply = await terraform(dir, ['apply', '-input=false', '-no-color', 'tfplan'], env);
    if (apply.code !== 0) {
      result.error = `apply: ${firstError(apply.stdout + apply.stderr)}`;
      break;
    }
    applied = result.config;
  }
  return results;
}
