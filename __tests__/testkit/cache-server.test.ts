// Drives the real @actions/cache client, in its own process, against the stand-in cache service.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startCacheServer, type CacheServer } from '../../testkit/cache-server.js';

const CACHE_MODULE = join(
  import.meta.dirname,
  '..',
  '..',
  'node_modules',
  '@actions',
  'cache',
  'lib',
  'cache.js',
);

// The package only has an `import` export, so createRequire cannot load it; a file URL skips the exports map.
const CLIENT = `
import { writeFileSync } from 'node:fs';
const [moduleUrl, resultFile, request] = process.argv.slice(2);
const { saveCache, restoreCache } = await import(moduleUrl);
const { op, paths, key, restoreKeys } = JSON.parse(request);
const result = op === 'save' ? await saveCache(paths, key) : await restoreCache(paths, key, restoreKeys);
writeFileSync(resultFile, JSON.stringify({ result: result ?? null }));
`;

// 1 KiB chunks (the variable is in MiB) make even a small archive arrive as several concurrent PATCHes.
const CHUNK_MIB = String(1 / 1024);

interface ClientRun {
  result: string | number | null;
  stdout: string;
  requests: { method: string; path: string }[];
}

let server: CacheServer;
let base: string;
let workspace: string;

beforeAll(async () => {
  server = await startCacheServer();
  base = mkdtempSync(join(tmpdir(), 'cache-server-'));
  workspace = join(base, 'workspace');
  mkdirSync(join(base, 'runner-temp'), { recursive: true });
  mkdirSync(workspace, { recursive: true });
  writeFileSync(join(base, 'client.mjs'), CLIENT);
});

afterAll(async () => {
  await server.close();
  rmSync(base, { recursive: true, force: true });
});

/** Runs saveCache or restoreCache in a child; async, since the server answers from this process's event loop. */
async function runClient(
  op: 'save' | 'restore',
  key: string,
  {
    restoreKeys = [],
    path = 'data',
    env = {},
  }: { restoreKeys?: string[]; path?: string; env?: Record<string, string> } = {},
): Promise<ClientRun> {
  const before = server.requests.length;
  const resultFile = join(base, 'result.json');
  rmSync(resultFile, { force: true });
  const request = JSON.stringify({ op, paths: [path], key, restoreKeys });
  const child = spawn(
    process.execPath,
    [join(base, 'client.mjs'), pathToFileURL(CACHE_MODULE).href, resultFile, request],
    {
      cwd: workspace,
      // Built from scratch so nothing from the test's own environment (ACTIONS_CACHE_SERVICE_V2, a real
      // runner's cache URL, jest's NODE_OPTIONS) changes which service or protocol the client uses.
      env: {
        PATH: process.env.PATH ?? '',
        RUNNER_TEMP: join(base, 'runner-temp'),
        GITHUB_WORKSPACE: workspace,
        CACHE_UPLOAD_CHUNK_SIZE: CHUNK_MIB,
        ...server.env(),
        ...env,
      },
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
  child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`client ${op} exited ${code}\n${stdout}\n${stderr}`);
  const { result } = JSON.parse(readFileSync(resultFile, 'utf8')) as Pick<ClientRun, 'result'>;
  return { result, stdout, requests: server.requests.slice(before) };
}

function writeData(files: Record<string, string | Buffer>): void {
  rmSync(join(workspace, 'data'), { recursive: true, force: true });
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(workspace, 'data', name, '..'), { recursive: true });
    writeFileSync(join(workspace, 'data', name), content);
  }
}

function readData(): Record<string, string> {
  const root = join(workspace, 'data');
  const files = readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return Object.fromEntries(
    files.map((e) => [
      relative(root, join(e.parentPath, e.name)),
      readFileSync(join(e.parentPath, e.name), 'hex'),
    ]),
  );
}

describe('the real @actions/cache client against the stand-in service', () => {
  it('saves, then restores the same files into an emptied directory', async () => {
    writeData({ 'readme.txt': 'hello\n', 'nested/blob.bin': randomBytes(6000), empty: '' });
    const saved = readData();

    const save = await runClient('save', 'files-1');
    expect(save.result).toBeGreaterThan(0);
    const entry = server.entries().find((e) => e.key === 'files-1');
    expect(entry?.size).toBeGreaterThan(6000);
    const cachePath = `/_apis/artifactcache/caches/${save.result}`;
    expect(save.requests[0]).toEqual({ method: 'POST', path: '/_apis/artifactcache/caches' });
    expect(save.requests.at(-1)).toEqual({ method: 'POST', path: cachePath });
    expect(save.requests.slice(1, -1)).toEqual(
      Array(Math.ceil((entry?.size ?? 0) / 1024)).fill({ method: 'PATCH', path: cachePath }),
    );
    expect(save.stdout).toContain('Cache saved successfully');

    rmSync(join(workspace, 'data'), { recursive: true });
    const restore = await runClient('restore', 'files-1');
    expect(restore.result).toBe('files-1');
    expect(readData()).toEqual(saved);
    expect(restore.requests.map((r) => r.method)).toEqual(['GET', 'GET']);
    expect(restore.requests[0]?.path).toBe(
      `/_apis/artifactcache/cache?keys=files-1&version=${entry?.version}`,
    );
    expect(restore.requests[1]?.path).toMatch(/^\/archive\/\d+\/[0-9a-f]+$/);
    expect(restore.stdout).toContain('Cache restored successfully');
  });

  it('misses on an unknown key, quietly', async () => {
    writeData({ 'keep.txt': 'untouched' });
    const restore = await runClient('restore', 'no-such-key', { restoreKeys: ['nothing-'] });
    expect(restore.result).toBeNull();
    expect(restore.requests).toHaveLength(1);
    expect(restore.requests[0]?.path).toMatch(/^\/_apis\/artifactcache\/cache\?keys=no-such-key%2Cnothing-&/);
    expect(restore.stdout).not.toMatch(/::(warning|error)::/);
    expect(readData()).toEqual({ 'keep.txt': Buffer.from('untouched').toString('hex') });
  });

  it('restores the newest entry whose key starts with a restore key, of the same version only', async () => {
    writeData({ 'lock.txt': 'one' });
    expect(await runClient('save', 'deps-1').then((r) => r.result)).toBeGreaterThan(0);
    writeData({ 'lock.txt': 'two' });
    expect(await runClient('save', 'deps-2').then((r) => r.result)).toBeGreaterThan(0);
    // Same directory under another path string: a different version, so restores of 'data' never see it.
    writeData({ 'lock.txt': 'three' });
    expect(await runClient('save', 'deps-3', { path: './data' }).then((r) => r.result)).toBeGreaterThan(0);

    rmSync(join(workspace, 'data'), { recursive: true });
    const restore = await runClient('restore', 'deps-9', { restoreKeys: ['nothing-', 'deps-'] });
    expect(restore.result).toBe('deps-2');
    expect(readData()).toEqual({ 'lock.txt': Buffer.from('two').toString('hex') });
  });

  it('keeps the first save of a key; the second is reported as already existing', async () => {
    writeData({ 'v.txt': 'first' });
    expect((await runClient('save', 'once')).result).toBeGreaterThan(0);
    writeData({ 'v.txt': 'second' });
    const again = await runClient('save', 'once');
    expect(again.result).toBe(-1);
    expect(again.requests).toEqual([{ method: 'POST', path: '/_apis/artifactcache/caches' }]);
    expect(again.stdout).toContain(
      'Failed to save: Unable to reserve cache with key once, another job may be creating this cache. ' +
        'More details: Cache already exists.',
    );
    expect(server.entries().filter((e) => e.key === 'once')).toHaveLength(1);

    await runClient('restore', 'once');
    expect(readData()).toEqual({ 'v.txt': Buffer.from('first').toString('hex') });
  });

  it('refuses a wrong token, which the client turns into a failed save and a missed restore', async () => {
    const stored = server.entries().length;
    writeData({ 'x.txt': 'x' });
    const env = { ACTIONS_RUNTIME_TOKEN: 'not-the-token' };
    const save = await runClient('save', 'files-1-bad', { env });
    expect(save.result).toBe(-1);
    expect(save.stdout).toContain('Failed to save: Unable to reserve cache with key files-1-bad');
    expect(save.stdout).toContain('Bad credentials');
    const restore = await runClient('restore', 'files-1', { env });
    expect(restore.result).toBeNull();
    expect(restore.stdout).toContain('::warning::Failed to restore: Cache service responded with 401');
    expect(server.entries()).toHaveLength(stored);

    const bare = await fetch(`${server.url}_apis/artifactcache/cache?keys=files-1&version=x`);
    expect(bare.status).toBe(401);
  });

  it('rejects a commit whose size does not match the bytes received', async () => {
    const headers = { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' };
    const reserve = await fetch(`${server.url}_apis/artifactcache/caches`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ key: 'short', version: 'v', cacheSize: 4 }),
    });
    const { cacheId } = (await reserve.json()) as { cacheId: number };
    const chunk = await fetch(`${server.url}_apis/artifactcache/caches/${cacheId}`, {
      method: 'PATCH',
      headers: { ...headers, 'Content-Range': 'bytes 0-2/*' },
      body: 'abc',
    });
    expect(chunk.status).toBe(204);
    const commit = await fetch(`${server.url}_apis/artifactcache/caches/${cacheId}`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ size: 4 }),
    });
    expect(commit.status).toBe(400);
    expect(server.entries().some((e) => e.key === 'short')).toBe(false);
  });
});
