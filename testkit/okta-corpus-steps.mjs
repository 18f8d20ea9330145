// @ts-check
// The steps of Okta's own examples for one okta/okta type (examples/resources/okta_*/ of
// okta/terraform-provider-okta v6.12.0): a create (the acceptance test's first fixture), an update (its next
// fixture, else a free-text attribute edited), a replace (a replace-forcing attribute changed, else `-replace`) and a
// delete (the configuration emptied). okta-corpus.mjs runs them through terraform.

import { execFileSync } from 'node:child_process';
import { REPLACE } from './okta-provider/resources/generic.mjs';

/**
 * @typedef {{ step: 'create' | 'update' | 'replace' | 'delete', example: string, config: string, how: string,
 *   replaceFirst?: string }} Step  replaceFirst: plan with -replace of the first object of that type in state
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
