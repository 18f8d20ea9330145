// Bundles the action (dist/index.js) and the CLI (dist/cli.js) with ncc. dist/ is committed: CI rebuilds it and
// fails when it differs from what is committed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const entries = [
  { source: 'src/index.ts', output: 'index.js' },
  { source: 'src/post-index.ts', output: 'post.js' },
  { source: 'src/cli.ts', output: 'cli.js', shebang: true },
];

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist');
const licenses = new Set();
for (const entry of entries) {
  const out = mkdtempSync(join(tmpdir(), 'ncc-'));
  execFileSync('npx', ['ncc', 'build', entry.source, '-o', out, '--license', 'licenses.txt', '--quiet'], {
    stdio: 'inherit',
  });
  let code = readFileSync(join(out, 'index.js'), 'utf8');
  if (entry.shebang && !code.startsWith('#!')) code = `#!/usr/bin/env node\n${code}`;
  writeFileSync(join('dist', entry.output), code, { mode: entry.shebang ? 0o755 : 0o644 });
  if (existsSync(join(out, 'licenses.txt'))) licenses.add(readFileSync(join(out, 'licenses.txt'), 'utf8'));
  rmSync(out, { recursive: true, force: true });
}
writeFileSync('dist/licenses.txt', [...licenses].join('\n'));
writeFileSync('dist/package.json', `${JSON.stringify({ type: 'module' }, null, 2)}\n`);
