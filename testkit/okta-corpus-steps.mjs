// @ts-check
// The steps of Okta's own examples for one okta/okta type (examples/resources/okta_*/ of
// okta/terraform-provider-okta v6.12.0): a create (the acceptance test's first fixture), an update (its next
// fixture, else an attribute edited), a replace (a replace-forcing attribute changed, else `-replace`) and a
// delete (the configuration emptied). okta-corpus.mjs runs them through terraform.

import { execFileSync } from 'node:child_process';
import {
  everyArgumentForcesNew,
  inPlaceEdits,
  resourceBlock,
  updateRefused,
  withPrerequisites,
} from './okta-corpus-edits.mjs';
import { REPLACE, referenceResources } from './okta-provider/resources/generic.mjs';

/**
 * @typedef {{ example: string, config: string, how: string }} Attempt
 * @typedef {{ step: 'create' | 'update' | 'replace' | 'delete', example: string, config: string, how: string,
 *   replaceFirst?: string, alternatives?: Attempt[], none?: string,
 *   derive?: (applied: string) => { config: string, how: string, replaceFirst?: string } | null }} Step
 *   replaceFirst: plan with -replace of the first object of that type in state; alternatives: tried in turn when
 *   the step does not plan a change; none: why the type has no such step (nothing is run); derive: the step made
 *   from the configuration the step before applied (null: no such step)
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
 * @param {readonly string[]} names
 * @param {string} suffix
 */
function changedAttribute(config, type, names, suffix) {
  const block = resourceBlock(config, type);
  if (!block) return null;
  for (const name of names) {
    const m = new RegExp(`(\\n\\s*${name}\\s*=\\s*")([^"$\\n]*)(")`).exec(block.text);
    if (!m || m.index === undefined) continue;
    const at = block.start + m.index;
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
 * The type's Go resource file and its documentation page, for what the examples do not say.
 * @param {ProviderSource} source
 * @param {string} type
 */
function typeFacts(source, type) {
  const bare = type.replace(/^okta_/, '');
  const go = source.files.find(
    (f) => f.endsWith(`/resource_okta_${bare}.go`) || f.endsWith(`/resource_${bare}.go`),
  );
  const docs = source.files.includes(`docs/resources/${bare}.md`)
    ? source.show(`docs/resources/${bare}.md`)
    : '';
  return {
    go: go ? source.show(go) : '',
    docs,
    forceNew: REPLACE.get(type) ?? [],
    schema: referenceResources[type],
  };
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
  const example = (/** @type {string} */ of, /** @type {string} */ file) =>
    source.show(`examples/resources/${of}/${file}`).replaceAll(PLACEHOLDER, seed(of));
  const firstExample = (/** @type {string} */ of) => {
    const { ordered: theirs, present: files } = fixtureOrder(source, of);
    const file = [...theirs, 'basic.tf', 'resource.tf', ...files].find((f) => files.includes(f));
    return file ? { type: of, file, config: example(of, file) } : null;
  };
  /** A fixture, with what it refers to and does not declare (read once). */
  const fixtures = new Map();
  const read = (/** @type {string} */ file) => {
    if (!fixtures.has(file)) fixtures.set(file, withPrerequisites(example(type, file), firstExample));
    return /** @type {{ config: string, added: string[] }} */ (fixtures.get(file));
  };
  const created = read(first);
  const create = created.config;
  const needs = created.added.length > 0 ? ` (with ${created.added.join(', ')})` : '';
  const how = attempt === 0 ? 'the first fixture' : `fixture ${attempt + 1} (the ones before it do not plan)`;
  /** @type {Step[]} */
  const steps = [{ step: 'create', example: first, config: create, how: `${how}${needs}` }];
  const updates = ['basic_updated.tf', 'updated.tf', 'update.tf', 'basic_update.tf'];
  const second =
    ordered.slice(1).find((f) => read(f).config !== create && firstAddress(read(f).config, type)) ??
    updates.find((f) => f !== first && present.includes(f));
  const facts = typeFacts(source, type);
  // The acceptance test's next fixture, else (or when it does not plan) an edit an admin would make.
  const edits = inPlaceEdits(create, type, facts).map((e) => ({ example: first, ...e }));
  const tries = [
    ...(second
      ? [{ example: second, config: read(second).config, how: "the acceptance test's next fixture" }]
      : []),
    ...edits,
  ];
  const [update, ...alternatives] = tries;
  const refused = update
    ? null
    : (updateRefused(facts.go) ?? everyArgumentForcesNew(facts.schema, facts.forceNew));
  if (update) steps.push({ step: 'update', ...update, alternatives });
  else if (refused)
    steps.push({
      step: 'update',
      example: first,
      config: create,
      how: '',
      none: `no in-place update in the provider: ${refused}`,
    });
  // The replace and the delete start from what the step before applied.
  steps.push({
    step: 'replace',
    example: second ?? first,
    config: '',
    how: '',
    derive: (current) => {
      const changed = changedAttribute(current, type, facts.forceNew, '-replaced');
      if (changed)
        return { config: changed.config, how: `${changed.attribute} changed (forces replacement)` };
      return firstAddress(current, type)
        ? {
            config: current,
            replaceFirst: type,
            how: '-replace of its first object (no literal replace-forcing attribute)',
          }
        : null;
    },
  });
  steps.push({ step: 'delete', example: second ?? first, config: '', how: 'configuration emptied' });
  return steps;
}
