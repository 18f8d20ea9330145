// A local stand-in for the Actions cache service, protocol v1 (`_apis/artifactcache`), which @actions/cache
// speaks when ACTIONS_CACHE_URL is set and ACTIONS_CACHE_SERVICE_V2 is not. It keeps archives in memory, so
// a test can run the real client and then look at what it stored and asked for.

import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CacheServer {
  readonly url: string; // value for ACTIONS_CACHE_URL, ending in '/'
  readonly token: string; // value for ACTIONS_RUNTIME_TOKEN
  /** env to give a process so @actions/cache talks to this server */
  env(): Record<string, string>;
  entries(): ReadonlyArray<{ key: string; version: string; size: number }>;
  readonly requests: ReadonlyArray<{ method: string; path: string }>;
  close(): Promise<void>;
}

interface Entry {
  id: number;
  key: string;
  version: string;
  // Archive URLs are fetched without the bearer token (the client downloads like from a SAS URL),
  // so an unguessable part of the URL stands in for the signature.
  secret: string;
  chunks: Map<number, Buffer>;
  archive?: Buffer;
  committedAt: number;
}

const API = '/_apis/artifactcache/';
const SCOPE = 'refs/heads/main';

export async function startCacheServer(): Promise<CacheServer> {
  const token = randomBytes(16).toString('hex');
  const requests: { method: string; path: string }[] = [];
  const caches: Entry[] = [];
  let commits = 0;
  let origin = '';

  function lookup(keys: string[], version: string): Entry | undefined {
    const candidates = caches
      .filter((c) => c.archive && c.version === version)
      .sort((a, b) => b.committedAt - a.committedAt);
    // Keys are tried in order (primary first); for each, an exact match beats the newest prefix match.
    for (const key of keys) {
      const hit = candidates.find((c) => c.key === key) ?? candidates.find((c) => c.key.startsWith(key));
      if (hit) return hit;
    }
    return undefined;
  }

  function api(
    method: string,
    route: string,
    query: URLSearchParams,
    body: Buffer,
    req: IncomingMessage,
  ): Reply {
    if (method === 'GET' && route === 'cache') {
      const hit = lookup((query.get('keys') ?? '').split(','), query.get('version') ?? '');
      if (!hit) return reply(204);
      return reply(200, {
        cacheKey: hit.key,
        scope: SCOPE,
        cacheVersion: hit.version,
        archiveLocation: `${origin}/archive/${hit.id}/${hit.secret}`,
      });
    }
    // The client lists caches for the primary key after a miss, but only when RUNNER_DEBUG is on.
    if (method === 'GET' && route === 'caches') {
      const key = query.get('key') ?? '';
      const similar = caches.filter((c) => c.archive && c.key.startsWith(key));
      const artifactCaches = similar.map((c) => ({ cacheKey: c.key, cacheVersion: c.version, scope: SCOPE }));
      return reply(200, { totalCount: similar.length, artifactCaches });
    }
    if (method === 'POST' && route === 'caches') {
      const request = parseJson(body);
      const key = field(request, 'key');
      const version = field(request, 'version');
      if (typeof key !== 'string' || typeof version !== 'string') {
        return reply(400, { message: 'Reserve needs a string key and version' });
      }
      if (caches.some((c) => c.key === key && c.version === version)) {
        return reply(409, {
          message: `Cache already exists. Scope: ${SCOPE}, Key: ${key}, Version: ${version}`,
        });
      }
      const id = caches.length + 1;
      const secret = randomBytes(16).toString('hex');
      caches.push({ id, key, version, secret, chunks: new Map(), committedAt: 0 });
      return reply(201, { cacheId: id });
    }
    const id = /^caches\/(\d+)$/.exec(route)?.[1];
    const entry = caches.find((c) => String(c.id) === id);
    if (!entry || (method !== 'PATCH' && method !== 'POST')) return reply(404, { message: 'Not found' });
    if (entry.archive) return reply(409, { message: `Cache ${entry.id} is already committed` });
    if (method === 'PATCH') {
      const range = /^bytes (\d+)-(\d+)\/\*$/.exec(req.headers['content-range'] ?? '');
      if (!range) return reply(400, { message: 'PATCH needs Content-Range: bytes a-b/*' });
      const [start, end] = [Number(range[1]), Number(range[2])];
      if (body.length !== end - start + 1) {
        return reply(400, {
          message: `Content-Range says ${end - start + 1} bytes, body has ${body.length}`,
        });
      }
      entry.chunks.set(start, body);
      return reply(204);
    }
    const size = field(parseJson(body), 'size');
    const ordered = [...entry.chunks].sort(([a], [b]) => a - b);
    let received = 0;
    for (const [start, chunk] of ordered) {
      if (start !== received) return reply(400, { message: `Chunks leave a gap or overlap at ${received}` });
      received += chunk.length;
    }
    if (size !== received)
      return reply(400, { message: `Commit says ${String(size)} bytes, got ${received}` });
    entry.archive = Buffer.concat(ordered.map(([, chunk]) => chunk));
    entry.chunks.clear();
    entry.committedAt = ++commits;
    return reply(204);
  }

  function download(method: string, path: string, range: string | undefined): Reply {
    const [, id, secret] = /^\/archive\/(\d+)\/([0-9a-f]+)$/.exec(path) ?? [];
    const archive = caches.find((c) => String(c.id) === id && c.secret === secret)?.archive;
    if (!archive) return reply(404, { message: 'No such archive' });
    let [start, end, status] = [0, archive.length - 1, 200];
    const wanted = /^bytes=(\d+)-(\d*)$/.exec(range ?? '');
    if (wanted) {
      start = Number(wanted[1]);
      end = Math.min(wanted[2] ? Number(wanted[2]) : end, archive.length - 1);
      if (start > end) return { status: 416, headers: { 'Content-Range': `bytes */${archive.length}` } };
      status = 206;
    }
    const headers: Record<string, string> = {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(end - start + 1),
      'Accept-Ranges': 'bytes',
    };
    if (status === 206) headers['Content-Range'] = `bytes ${start}-${end}/${archive.length}`;
    return { status, headers, body: method === 'HEAD' ? undefined : archive.subarray(start, end + 1) };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? '';
    const url = new URL(req.url ?? '/', origin);
    requests.push({ method, path: url.pathname + url.search });
    const body = await readBody(req);
    let out: Reply;
    if ((method === 'GET' || method === 'HEAD') && url.pathname.startsWith('/archive/')) {
      out = download(method, url.pathname, req.headers.range);
    } else if (!url.pathname.startsWith(API)) {
      out = reply(404, { message: 'Not found' });
    } else if (req.headers.authorization !== `Bearer ${token}`) {
      out = reply(401, { message: 'Bad credentials' });
    } else {
      out = api(method, url.pathname.slice(API.length), url.searchParams, body, req);
    }
    res.writeHead(out.status, out.headers).end(out.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A 500 makes the client retry after 5 s, so failing loudly here saves a slow, confusing test.
      const out = reply(500, { message: `cache-server: ${String(error)}` });
      if (!res.headersSent) res.writeHead(out.status, out.headers);
      res.end(out.body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = `${origin}/`;

  return {
    url,
    token,
    requests,
    env: () => ({
      ACTIONS_CACHE_URL: url,
      ACTIONS_RUNTIME_TOKEN: token,
      // A GHES server URL would force v1 whatever else is set; github.com keeps the client on its usual path,
      // so ACTIONS_CACHE_SERVICE_V2 must not reach the process (it would switch to the twirp v2 protocol).
      GITHUB_SERVER_URL: 'https://github.com',
    }),
    entries: () =>
      caches.flatMap((c) => (c.archive ? [{ key: c.key, version: c.version, size: c.archive.length }] : [])),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: Buffer;
}

function reply(status: number, json?: unknown): Reply {
  if (json === undefined) return { status };
  const body = Buffer.from(JSON.stringify(json));
  return {
    status,
    headers: { 'Content-Type': 'application/json', 'Content-Length': String(body.length) },
    body,
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}
