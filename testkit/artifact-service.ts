// A stand-in for GitHub Actions' artifact storage, as @actions/artifact (v2 and later) and the REST API use it:
// - the results service's Twirp API (ACTIONS_RESULTS_URL): CreateArtifact, then FinalizeArtifact, authorized by the
//   job's runtime token (a JWT whose `scp` claim names the run's and the job's backend IDs); each request is parsed
//   with the library's own generated protobuf messages, so a field the service does not know is a violation;
// - the blob storage behind the signed URLs: Azure's Put Block and Put Block List as @azure/storage-blob sends them,
//   and GET of the signed download URL;
// - the REST operations another run uses (served through github-server.ts, checked there against GitHub's OpenAPI
//   description): actions/list-workflow-run-artifacts and actions/download-artifact (302 to a signed URL; 410 when
//   expired).

import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateArtifactRequest,
  FinalizeArtifactRequest,
} from '../node_modules/@actions/artifact/lib/generated/index.js';
import { pageOf } from './github-pages.js';
import type { Call, Reply } from './github-repo.js';

export interface StoredArtifact {
  readonly id: number;
  readonly runId: number;
  readonly name: string;
  content: Buffer;
  readonly mimeType: string;
  expired: boolean;
  readonly createdAt: string;
}

export interface ArtifactService {
  /** ACTIONS_RESULTS_URL */
  readonly url: string;
  /** The runtime environment the runner gives a job of run `runId` (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL). */
  jobEnv(runId: number): Record<string, string>;
  /** Finalized artifacts, oldest first: a test may change `content` or `expired`. */
  artifacts(): StoredArtifact[];
  /** For github-server.ts: the REST operations on artifacts, or undefined for any other. */
  serveRest(call: Call, origin: string): Reply | undefined;
  readonly violations: string[];
  close(): Promise<void>;
}

interface Pending {
  readonly id: number;
  readonly runId: number;
  readonly name: string;
  readonly mimeType: string;
  readonly secret: string;
  readonly blocks: Map<string, Buffer>;
  blob?: Buffer;
}

const TWIRP = '/twirp/github.actions.results.api.v1.ArtifactService/';

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export async function startArtifactService(): Promise<ArtifactService> {
  const violations: string[] = [];
  const tokens = new Map<string, { run: string; job: string; runId: number }>();
  const pending = new Map<number, Pending>();
  const stored: StoredArtifact[] = [];
  const readSecrets = new Map<number, string>();
  let nextId = 7_000;
  let origin = '';

  function twirpError(res: ServerResponse, status: number, code: string, msg: string): void {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ code, msg }));
  }

  function twirp(method: string, body: string, auth: string, res: ServerResponse): void {
    const scope = tokens.get(auth.replace(/^Bearer /, ''));
    if (!scope) return twirpError(res, 401, 'unauthenticated', 'invalid runtime token');
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return twirpError(res, 400, 'malformed', 'body is not JSON');
    }
    const ids = json as { workflow_run_backend_id?: string; workflow_job_run_backend_id?: string };
    if (ids.workflow_run_backend_id !== scope.run || ids.workflow_job_run_backend_id !== scope.job) {
      return twirpError(res, 403, 'permission_denied', 'backend IDs are not those of the token');
    }
    const reply = (value: unknown): void =>
      void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    try {
      if (method === 'CreateArtifact') {
        const request = CreateArtifactRequest.fromJson(json as never);
        const taken = [...stored, ...pending.values()].some(
          (a) => a.runId === scope.runId && a.name === request.name,
        );
        if (taken)
          return twirpError(
            res,
            409,
            'already_exists',
            'an artifact with this name already exists on the workflow run',
          );
        const id = nextId++;
        const secret = randomBytes(12).toString('hex');
        const mimeType = request.mimeType?.value ?? 'application/zip';
        pending.set(id, { id, runId: scope.runId, name: request.name, mimeType, secret, blocks: new Map() });
        return reply({ ok: true, signed_upload_url: `${origin}/blob/${id}?sv=2023-11-03&sig=${secret}` });
      }
      if (method === 'FinalizeArtifact') {
        const request = FinalizeArtifactRequest.fromJson(json as never);
        const upload = [...pending.values()].find((p) => p.runId === scope.runId && p.name === request.name);
        if (!upload?.blob) return twirpError(res, 404, 'not_found', 'no uploaded blob for this artifact');
        if (String(upload.blob.length) !== request.size) {
          violations.push(
            `FinalizeArtifact: size ${request.size}, but ${upload.blob.length} bytes were uploaded`,
          );
        }
        pending.delete(upload.id);
        readSecrets.set(upload.id, randomBytes(12).toString('hex'));
        stored.push({
          id: upload.id,
          runId: upload.runId,
          name: upload.name,
          content: upload.blob,
          mimeType: upload.mimeType,
          expired: false,
          createdAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        });
        return reply({ ok: true, artifact_id: String(upload.id) });
      }
    } catch (e) {
      violations.push(`${method}: ${String(e)}`);
      return twirpError(res, 400, 'malformed', String(e));
    }
    violations.push(`not implemented by the artifact service: ${method}`);
    return twirpError(res, 501, 'unimplemented', method);
  }

  function blob(req: IncomingMessage, url: URL, body: Buffer, res: ServerResponse): void {
    const id = Number(url.pathname.split('/')[2]);
    const sig = url.searchParams.get('sig');
    if (req.method === 'GET') {
      const artifact = stored.find((a) => a.id === id);
      if (!artifact || sig !== readSecrets.get(id))
        return void res.writeHead(403).end('AuthenticationFailed');
      res.writeHead(200, {
        'content-type': artifact.mimeType,
        'content-disposition': `attachment; filename="${artifact.name}"`,
        'content-length': String(artifact.content.length),
      });
      return void res.end(artifact.content);
    }
    const upload = pending.get(id);
    if (!upload || sig !== upload.secret) return void res.writeHead(403).end('AuthenticationFailed');
    const comp = url.searchParams.get('comp');
    if (req.method === 'PUT' && comp === 'block') {
      upload.blocks.set(url.searchParams.get('blockid') ?? '', body);
      return void res.writeHead(201).end();
    }
    if (req.method === 'PUT' && comp === 'blocklist') {
      const ids = [...body.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)</g)].map(
        (m) => m[1] ?? '',
      );
      const missing = ids.filter((block) => !upload.blocks.has(block));
      if (missing.length > 0) return void res.writeHead(400).end('InvalidBlockList');
      upload.blob = Buffer.concat(ids.map((block) => upload.blocks.get(block) as Buffer));
      return void res.writeHead(201).end();
    }
    if (req.method === 'PUT' && req.headers['x-ms-blob-type'] === 'BlockBlob') {
      upload.blob = body;
      return void res.writeHead(201).end();
    }
    violations.push(`blob storage: ${req.method} ${url.pathname}?${url.searchParams} is not handled`);
    res.writeHead(400).end('UnsupportedOperation');
  }

  function artifactJson(a: StoredArtifact, api: string): Record<string, unknown> {
    const url = `${api}/actions/artifacts/${a.id}`;
    const expires = new Date(Date.parse(a.createdAt) + 14 * 86_400_000)
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
    return {
      id: a.id,
      node_id: Buffer.from(`MDg6QXJ0aWZhY3Q${a.id}`).toString('base64'),
      name: a.name,
      size_in_bytes: a.content.length,
      url,
      archive_download_url: `${url}/zip`,
      expired: a.expired,
      created_at: a.createdAt,
      expires_at: expires,
      updated_at: a.createdAt,
      workflow_run: {
        id: a.runId,
        repository_id: 42,
        head_repository_id: 42,
        head_branch: 'main',
        head_sha: 'a'.repeat(40),
      },
    };
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', origin);
      const body = Buffer.concat(chunks);
      if (req.method === 'POST' && url.pathname.startsWith(TWIRP)) {
        return twirp(
          url.pathname.slice(TWIRP.length),
          body.toString('utf8'),
          req.headers.authorization ?? '',
          res,
        );
      }
      if (url.pathname.startsWith('/blob/')) return blob(req, url, body, res);
      violations.push(`artifact service: ${req.method} ${url.pathname} is not an endpoint`);
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${origin}/`,
    jobEnv(runId) {
      const run = randomUUID();
      const job = randomUUID();
      const payload = {
        scp: `Actions.GenericRead:00000000 Actions.Results:${run}:${job}`,
        exp: Date.now() / 1000 + 3600,
      };
      const token = `${base64url({ typ: 'JWT', alg: 'RS256' })}.${base64url(payload)}.${randomBytes(16).toString('base64url')}`;
      tokens.set(token, { run, job, runId });
      return { ACTIONS_RUNTIME_TOKEN: token, ACTIONS_RESULTS_URL: `${origin}/` };
    },
    artifacts: () => stored,
    serveRest(call, githubOrigin) {
      const p = call.params;
      const api = `${githubOrigin}/repos/${String(p['owner'])}/${String(p['repo'])}`;
      if (call.operationId === 'actions/list-workflow-run-artifacts') {
        const inRun = stored.filter(
          (a) => a.runId === p['run_id'] && (p['name'] === undefined || a.name === p['name']),
        );
        const page = pageOf(
          call,
          inRun.map((a) => artifactJson(a, api)),
          githubOrigin,
        );
        return {
          status: 200,
          body: { total_count: inRun.length, artifacts: page.body },
          headers: page.headers,
        };
      }
      if (call.operationId === 'actions/download-artifact') {
        const artifact = stored.find((a) => a.id === p['artifact_id']);
        if (!artifact) return { status: 404, body: { message: 'Not Found', documentation_url: call.docs } };
        if (artifact.expired)
          return { status: 410, body: { message: 'Artifact has expired', documentation_url: call.docs } };
        return {
          status: 302,
          headers: {
            location: `${origin}/blob/${artifact.id}?sv=2023-11-03&sig=${readSecrets.get(artifact.id) ?? ''}`,
          },
        };
      }
      return undefined;
    },
    violations,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((cause) => (cause ? reject(cause) : resolve()));
        server.closeAllConnections();
      }),
  };
}
