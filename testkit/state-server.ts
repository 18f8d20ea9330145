// An in-process stand-in for a Terraform `http` state backend, so tests can run the real terraform binary
// against remote state (and its locking) without any network service.

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Terraform's statemgr.LockInfo, as it sends it in LOCK/UNLOCK bodies and expects back in a 423. */
export interface LockInfo {
  ID: string;
  Operation: string;
  Info: string;
  Who: string;
  Version: string;
  Created: string;
  Path: string;
}

export interface RecordedRequest {
  method: string;
  /** Path with query string, so the `?ID=` terraform adds to locked writes is visible. */
  path: string;
  authorized: boolean;
}

export interface StateServer {
  readonly url: string;
  address(name: string): string;
  lockAddress(name: string): string;
  state(name: string): Buffer | undefined;
  holdLock(name: string, info: Partial<LockInfo>): void;
  releaseLock(name: string): void;
  /** Who holds `name`'s lock now, if anyone. */
  lockHolder(name: string): LockInfo | undefined;
  /**
   * Answer the next `times` state writes of `name` (POST, the http backend's write) with 503, as a backend that is
   * down for writes; reads, locks and unlocks still work. Infinity: until `acceptWrites`.
   */
  refuseWrites(name: string, times?: number): void;
  acceptWrites(name: string): void;
  /** Take `name`'s state writes after the next `after` and never answer them (a backend that hangs). */
  hangWrites(name: string, after?: number): void;
  readonly requests: ReadonlyArray<RecordedRequest>;
  close(): Promise<void>;
}

const PREFIX = '/state/';

export async function startStateServer(credentials: {
  username: string;
  password: string;
}): Promise<StateServer> {
  const expectedAuth = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
  const states = new Map<string, Buffer>();
  const locks = new Map<string, LockInfo>();
  const requests: RecordedRequest[] = [];
  const refusing = new Map<string, number>();
  const hanging = new Map<string, number>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? '';
    const target = new URL(req.url ?? '/', 'http://localhost');
    const authorized = req.headers.authorization === expectedAuth;
    requests.push({ method, path: `${target.pathname}${target.search}`, authorized });
    // Drain the body before answering even a refusal, or the client may see a reset instead of the status.
    const body = await readBody(req);
    if (!authorized) {
      return send(res, 401, 'unauthorized', { 'WWW-Authenticate': 'Basic realm="terraform state"' });
    }
    if (!target.pathname.startsWith(PREFIX) || target.pathname.length === PREFIX.length) {
      return send(res, 404, 'not found');
    }
    const name = decodeURIComponent(target.pathname.slice(PREFIX.length));
    const holder = locks.get(name);
    // Terraform proves lock ownership on writes only through this query parameter.
    const writerId = target.searchParams.get('ID');
    const refusedWrite = holder !== undefined && holder.ID !== writerId;

    switch (method) {
      case 'GET': {
        const stored = states.get(name);
        return stored ? send(res, 200, stored) : send(res, 404, 'no state');
      }
      case 'POST':
      case 'PUT': {
        if (refusedWrite) return sendLock(res, 423, holder);
        const answered = hanging.get(name);
        if (answered !== undefined) {
          if (answered <= 0) return;
          hanging.set(name, answered - 1);
        }
        const refusals = refusing.get(name) ?? 0;
        if (refusals > 0) {
          refusing.set(name, refusals - 1);
          return send(res, 503, 'state storage unavailable');
        }
        states.set(name, body);
        return send(res, 200, '');
      }
      case 'DELETE':
        if (refusedWrite) return sendLock(res, 423, holder);
        states.delete(name);
        return send(res, 200, '');
      case 'LOCK': {
        const info = parseLockInfo(body);
        if (!info) return send(res, 400, 'body is not LockInfo JSON');
        if (holder && holder.ID !== info.ID) return sendLock(res, 423, holder);
        locks.set(name, info);
        return sendLock(res, 200, info);
      }
      case 'UNLOCK': {
        const info = parseLockInfo(body);
        if (!info) return send(res, 400, 'body is not LockInfo JSON');
        if (holder && holder.ID !== info.ID) return sendLock(res, 423, holder);
        locks.delete(name);
        return send(res, 200, '');
      }
      default:
        return send(res, 405, 'method not allowed');
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, String(error));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const address = (name: string): string => `${url}${PREFIX}${encodeURIComponent(name)}`;
  let closing: Promise<void> | undefined;

  return {
    url,
    address,
    lockAddress: address,
    state: (name) => states.get(name),
    holdLock(name, info) {
      locks.set(name, {
        ID: randomUUID(),
        Operation: 'OperationTypeApply',
        Info: '',
        Who: 'someone-else@another-runner',
        Version: '1.11.4',
        Created: new Date().toISOString(),
        Path: '',
        ...info,
      });
    },
    releaseLock: (name) => void locks.delete(name),
    lockHolder: (name) => locks.get(name),
    refuseWrites: (name, times = Infinity) => void refusing.set(name, times),
    acceptWrites: (name) => {
      refusing.delete(name);
      hanging.delete(name);
    },
    hangWrites: (name, after = 0) => void hanging.set(name, after),
    requests,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Terraform's HTTP client keeps connections alive; without this close() waits for their timeout.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseLockInfo(body: Buffer): LockInfo | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const record = parsed as Record<string, unknown>;
  if (typeof record.ID !== 'string' || record.ID === '') return undefined;
  const text = (key: keyof LockInfo): string =>
    typeof record[key] === 'string' ? (record[key] as string) : '';
  return {
    ID: record.ID,
    Operation: text('Operation'),
    Info: text('Info'),
    Who: text('Who'),
    Version: text('Version'),
    Created: text('Created'),
    Path: text('Path'),
  };
}

function sendLock(res: ServerResponse, status: number, info: LockInfo): void {
  send(res, status, JSON.stringify(info), { 'Content-Type': 'application/json' });
}

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}
