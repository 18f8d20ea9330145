// Bundles the action (dist/index.js), its post step (dist/post.js) and the CLI (dist/cli.js) with ncc, the three
// at once. With `ifChanged`, skips the work when neither the sources nor dist/ changed since the last build here:
// a stamp in node_modules/.cache holds the hash of what went in and of what came out.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const DIST = join(ROOT, 'dist');
const STAMP = join(ROOT, 'node_modules', '.cache', 'okta-tf-action', 'build.json');
const ENTRIES = [
  { source: 'src/index.ts', output: 'index.js' },
  { source: 'src/post-index.ts', output: 'post.js' },
  { source: 'src/cli.ts', output: 'cli.js', shebang: true },
];
/** Everything a build reads besides node_modules (the lock file stands for those). */
const INPUTS = ['src', 'package.json', 'package-lock.json', 'tsconfig.json', 'scripts/lib/bundle.mjs'];

/** The files at `path`: itself, or every file under it; none when missing. */
function files(/** @type {string} */ path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** @param {string[]} paths */
function digest(paths) {
  const hash = createHash('sha256');
  for (const path of paths.flatMap((p) => files(join(ROOT, p)))) {
    hash.update(`${relative(ROOT, path)}\0`);
    hash.update(readFileSync(path));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function readStamp() {
  try {
    return JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return undefined;
  }
}

/** @param {{ source: string, output: string, shebang?: boolean }} entry */
async function bundleEntry(entry) {
  const out = mkdtempSync(join(tmpdir(), 'ncc-'));
  try {
    // Transpiled file by file (src/tsconfig.json): the type check is npm test's `tsc --noEmit`, once, not ncc's,
    // once per bundle (it took half the build).
    const args = [
      'ncc',
      'build',
      entry.source,
      '-o',
      out,
      '--license',
      'licenses.txt',
      '--quiet',
      '--transpile-only',
    ];
    await run('npx', args, { cwd: ROOT, maxBuffer: 1 << 26 });
    let code = readFileSync(join(out, 'index.js'), 'utf8');
    if (entry.shebang && !code.startsWith('#!')) code = `#!/usr/bin/env node\n${code}`;
    const licenses = existsSync(join(out, 'licenses.txt'))
      ? readFileSync(join(out, 'licenses.txt'), 'utf8')
      : '';
    return { entry, code, licenses };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * Builds dist/; with `ifChanged`, only when the sources or dist/ differ from the last build's.
 * @param {{ ifChanged?: boolean }} [options]
 * @returns {Promise<{ built: boolean, seconds: number }>}
 */
export async function bundle({ ifChanged = false } = {}) {
  const started = performance.now();
  const inputs = digest(INPUTS);
  const stamp = readStamp();
  if (ifChanged && stamp?.inputs === inputs && stamp.outputs === digest(['dist'])) {
    return { built: false, seconds: (performance.now() - started) / 1000 };
  }
  const built = await Promise.all(ENTRIES.map(bundleEntry));
  rmSync(DIST, { recursive: true, force: true });
  mkdirSync(DIST);
  const licenses = new Set();
  for (const { entry, code, licenses: text } of built) {
    writeFileSync(join(DIST, entry.output), code, { mode: entry.shebang ? 0o755 : 0o644 });
    if (text) licenses.add(text);
  }
  writeFileSync(join(DIST, 'licenses.txt'), [...licenses].join('\n'));
  writeFileSync(join(DIST, 'package.json'), `${JSON.stringify({ type: 'module' }, null, 2)}\n`);
  mkdirSync(join(STAMP, '..'), { recursive: true });
  writeFileSync(STAMP, JSON.stringify({ inputs, outputs: digest(['dist']) }));
  return { built: true, seconds: (performance.now() - started) / 1000 };
}
