// @ts-check
// Okta's own example configurations (examples/resources/okta_*/ of okta/terraform-provider-okta v6.12.0, the
// files its acceptance tests step through) planned and applied by the real terraform against the provider
// stand-in and the org emulator: per type a create, an update (the acceptance test's next fixture), a replace (a
// replace-forcing attribute changed, else `-replace`) and a delete (the configuration emptied). Each step keeps
// terraform's `show -json` plan and its own "Plan:" line. Used by scripts/okta-corpus.mjs (which writes the kept
// corpus) and by the live corpus test.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPLACE } from './okta-provider/resources/generic.mjs';

/**
 * @typedef {{ step: 'create' | 'update' | 'replace' | 'delete', example: string, config: string, how: string,
 *   replaceFirst?: string }} Step  replaceFirst: plan with -replace of the first object of that type in state
 */
/**
 * @typedef {object} StepResult
 * @property {Step['step']} step
 * @property {string} example  the example file the configuration came from
 * @property {string} how      how the step was made
 * @property {string | null} planLine  terraform's "Plan: ..." line, null when it printed none (no changes)
 * @property {string | null} plan  the `show -json` plan, null when the step failed
 * @property {string | null} error  the first terraform error, when the step failed
 * @property {string} config  the configuration planned (the example's, provider block aside)
 */

const PLACEHOLDER = 'replace_with_uuid';

/**
 * The acceptance tests' seed in VCR mode: FNV-1a (32 bit) of the test name; here of the type.
 * @param {string} text
 */
export function seed(text) {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return String(h);
}

/**
 * Reads a provider checkout (a git directory).
 * @param {string} gitDir
 */
export function providerSource(gitDir) {
  const git = (/** @type {string[]} */ ...args) =>
    execFileSync('git', [`--git-dir=${gitDir}`, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const files = git('ls-tree', '-r', '--name-only', 'HEAD').split('\n').filter(Boolean);
  return {
    files,
    show: (/** @type {string} */ path) => git('show', `HEAD:${path}`),
    /** @param {string} path */
    bytes: (path) =>
      execFileSync('git', [`--git-dir=${gitDir}`, 'show', `HEAD:${path}`], { maxBuffer: 1 << 28 }),
  };
}

/** @typedef {ReturnType<typeof providerSource>} ProviderSource */

/** The types with an examples directory. @param {ProviderSource} source */
export function exampleTypes(source) {
  const types = new Set();
  for (const f of source.files) {
    const m = /^examples\/resources\/(okta_\w+)\/[^/]+\.tf$/.exec(f);
    if (m) types.add(m[1]);
  }
  return [...types].sort();
}

/**
 * The fixture files the type's acceptance tests load, in the order they load them
 * (`mgr.GetFixtures("basic.tf", t)`), followed by the directory's other files.
 * @param {ProviderSource} source
 * @param {string} type
 */
function fixtureOrder(source, type) {
  const dir = `examples/resources/${type}/`;
  const present = source.files
    .filter((f) => f.startsWith(dir) && f.endsWith('.tf'))
    .map((f) => f.slice(dir.length));
  const bare = type.replace(/^okta_/, '');
  const tests = source.files.filter((f) =>
    new RegExp(`/(resource_okta_|resource_)${bare}_test\\.go$`).test(f),
  );
  /** @type {string[]} */
  const ordered = [];
  for (const test of tests) {
    for (const m of source.show(test).matchAll(/GetFixtures\("([^"]+)"/g)) {
      if (present.includes(m[1] ?? '') && !ordered.includes(m[1] ?? '')) ordered.push(m[1] ?? '');
    }
  }
  return { ordered, present };
}

/**
 * The configuration with the first of `names` that the first `type` resource sets to a string literal changed
 * (`suffix` appended), or null.
 * @param {string} config
 * @param {string} type
 * @param {string[]} names
 * @param {string} suffix
 */
function changedAttribute(config, type, names, suffix) {
  const start = config.search(new RegExp(`resource\\s+"${type}"\\s+"[^"]+"\\s*\\{`));
  if (start < 0) return null;
  // Only inside this block: up to the next top-level block.
  const next = config.slice(start + 1).search(/\n(resource|data|module|locals|variable|output)\s/);
  const end = next < 0 ? config.length : start + 1 + next;
  for (const name of names) {
    const m = new RegExp(`(\\n\\s*${name}\\s*=\\s*")([^"$\\n]*)(")`).exec(config.slice(start, end));
    if (!m || m.index === undefined) continue;
    const at = start + m.index;
    const changed = `${m[1]}${m[2]}${suffix}${m[3]}`;
    return { config: config.slice(0, at) + changed + config.slice(at + m[0].length), attribute: name };
  }
  return null;
}

/** The address of the first `type` resource in a configuration. @param {string} config @param {string} type */
function firstAddress(config, type) {
  const m = new RegExp(`resource\\s+"${type}"\\s+"([^"]+)"`).exec(config);
  return m ? `${type}.${m[1]}` : null;
}

/**
 * The four steps for a type, from its examples.
 * @param {ProviderSource} source
 * @param {string} type
 * @param {number} [attempt] which candidate fixture to start from (0: the acceptance test's first)
 * @returns {Step[]}
 */
export function corpusSteps(source, type, attempt = 0) {
  const { ordered, present } = fixtureOrder(source, type);
  // The fixtures to start from, best first: the acceptance test's, then basic.tf and resource.tf, then the rest.
  const candidates = [...new Set([...ordered, 'basic.tf', 'resource.tf', ...present])].filter((f) =>
    present.includes(f),
  );
  const first = candidates[attempt];
  if (!first) return [];
  const read = (/** @type {string} */ file) =>
    source.show(`examples/resources/${type}/${file}`).replaceAll(PLACEHOLDER, seed(type));
  const create = read(first);
  const how = attempt === 0 ? 'the first fixture' : `fixture ${attempt + 1} (the ones before it do not plan)`;
  /** @type {Step[]} */
  const steps = [{ step: 'create', example: first, config: create, how }];
  const updates = ['basic_updated.tf', 'updated.tf', 'update.tf', 'basic_update.tf'];
  const second =
    ordered.slice(1).find((f) => read(f) !== create && firstAddress(read(f), type)) ??
    updates.find((f) => f !== first && present.includes(f));
  let current = create;
  const forceNew = REPLACE.get(type) ?? [];
  if (second) {
    current = read(second);
    steps.push({
      step: 'update',
      example: second,
      config: current,
      how: "the acceptance test's next fixture",
    });
  } else {
    // No update fixture: a free-text attribute edited, as an admin would.
    const free = ['description', 'display_name', 'label', 'title', 'name'].filter(
      (a) => !forceNew.includes(a),
    );
    const edited = changedAttribute(create, type, free, ' (edited)');
    if (edited) {
      current = edited.config;
      steps.push({
        step: 'update',
        example: first,
        config: current,
        how: `${edited.attribute} edited (no update fixture)`,
      });
    }
  }
  const changed = changedAttribute(current, type, forceNew, '-replaced');
  if (changed) {
    steps.push({
      step: 'replace',
      example: second ?? first,
      config: changed.config,
      how: `${changed.attribute} changed (forces replacement)`,
    });
  } else if (firstAddress(current, type)) {
    steps.push({
      step: 'replace',
      example: second ?? first,
      config: current,
      replaceFirst: type,
      how: '-replace of its first object (no literal replace-forcing attribute)',
    });
  }
  steps.push({ step: 'delete', example: second ?? first, config: '', how: 'configuration emptied' });
  return steps;
}

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
  writeFileSync(join(dir, 'cli.tfrc'), 'disable_checkpoint = true\n');
  /** @type {Record<string, string>} */
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    TF_CLI_CONFIG_FILE: join(dir, 'cli.tfrc'),
    TF_IN_AUTOMATION: '1',
    TF_REATTACH_PROVIDERS: reattach,
  };
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
  for (const step of steps) {
    writeFileSync(join(dir, 'main.tf'), step.config);
    // Variables the examples declare without a default (the acceptance tests set them: hostname, ...).
    for (const m of step.config.matchAll(/variable\s+"(\w+)"\s*\{([^}]*)\}/g)) {
      if (!/\bdefault\b/.test(m[2] ?? '')) env[`TF_VAR_${m[1]}`] = `corpus-${m[1]}.example.com`;
    }
    writeFileSync(join(dir, 'provider.tf'), provider(step.config));
    /** @type {StepResult} */
    const result = {
      step: step.step,
      example: step.example,
      how: step.how,
      planLine: null,
      plan: null,
      error: null,
      config: step.config,
    };
    results.push(result);
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
      const list = await terraform(dir, ['state', 'list'], env);
      const address = list.stdout.split('\n').find((a) => a.startsWith(`${step.replaceFirst}.`));
      if (address) args.push(`-replace=${address}`);
      result.how = `-replace=${address ?? '(none in state)'} (no literal replace-forcing attribute)`;
    }
    let plan = await terraform(dir, args, env);
    if (plan.code !== 0 && step.step === 'replace' && !step.replaceFirst) {
      // The changed value is not one the provider takes (an enumerated type): replace by request instead.
      const list = await terraform(dir, ['state', 'list'], env);
      const address = list.stdout.split('\n').find((a) => a.startsWith(`${type}.`));
      result.config = steps[steps.indexOf(step) - 1]?.config ?? step.config;
      writeFileSync(join(dir, 'main.tf'), result.config);
      result.how = `-replace=${address} (${step.how.replace(/ \(.*/, '')} is refused: ${firstError(plan.stdout + plan.stderr).slice(0, 80)})`;
      plan = await terraform(dir, [...args, `-replace=${address}`], env);
    }
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
  }
  return results;
}

/** A short stable digest, for file names. @param {string} text */
export const shortDigest = (text) => createHash('sha256').update(text).digest('hex').slice(0, 8);
