// The state-backend harness, proven against the real terraform binary: what terraform stores, how it reacts
// to a held lock and to bad credentials, and that pg state written by one checkout is read by another.

import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, type Postgres } from '../../testkit/postgres.js';
import { startStateServer, type StateServer } from '../../testkit/state-server.js';

jest.setTimeout(120_000);

interface TerraformRun {
  code: number | null;
  output: string;
}

const dirs: string[] = [];

function workdir(backend: 'http' | 'pg'): string {
  const dir = mkdtempSync(join(tmpdir(), `okta-tf-backend-${backend}-`));
  dirs.push(dir);
  writeFileSync(
    join(dir, 'main.tf'),
    `terraform {\n  backend "${backend}" {}\n}\n\nresource "terraform_data" "a" {\n  input = "x"\n}\n`,
  );
  return dir;
}

// Asynchronous on purpose: the http state server lives in this process, and spawnSync would block the event
// loop it needs to answer terraform.
function terraform(dir: string, args: string[]): Promise<TerraformRun> {
  const env: Record<string, string> = { TF_IN_AUTOMATION: '1' };
  for (const name of ['PATH', 'HOME', 'TF_CLI_CONFIG_FILE']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return new Promise((resolve, reject) => {
    const child = spawn('terraform', ['-chdir=' + dir, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 100_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

function backendConfig(settings: Record<string, string>): string[] {
  return Object.entries(settings).map(([key, value]) => `-backend-config=${key}=${value}`);
}

/** Terraform wraps diagnostics in a box at 78 columns; this undoes the box and the wrapping. */
function flatten(output: string): string {
  return output.replace(/[│╷╵]/g, ' ').replace(/\s+/g, ' ');
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('http state server', () => {
  const credentials = { username: 'terraform', password: 'correct horse' };
  let server: StateServer;
  let dir: string;

  function httpConfig(name: string, password = credentials.password): string[] {
    return backendConfig({
      address: server.address(name),
      lock_address: server.lockAddress(name),
      unlock_address: server.lockAddress(name),
      username: credentials.username,
      password,
    });
  }

  beforeAll(async () => {
    server = await startStateServer(credentials);
    dir = workdir('http');
  });

  afterAll(async () => {
    await server?.close();
  });

  it('stores the state terraform applies, writing under the lock it took', async () => {
    const init = await terraform(dir, ['init', '-input=false', ...httpConfig('applied')]);
    expect(init).toMatchObject({ code: 0 });
    const apply = await terraform(dir, ['apply', '-auto-approve', '-input=false']);
    expect(apply).toMatchObject({ code: 0 });

    const stored = JSON.parse(server.state('applied')?.toString('utf8') ?? '{}') as { resources?: unknown[] };
    expect(stored.resources).toEqual([expect.objectContaining({ type: 'terraform_data', name: 'a' })]);
    const methods = server.requests.map((request) => request.method);
    expect(methods).toEqual(expect.arrayContaining(['GET', 'LOCK', 'POST', 'UNLOCK']));
    expect(server.requests.every((request) => request.authorized)).toBe(true);
    const lockId = server.requests.find((request) => request.method === 'POST')?.path.split('?ID=')[1];
    expect(lockId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('makes terraform fail while another run holds the lock, and lets it through once released', async () => {
    const holder = { ID: '11111111-2222-3333-4444-555555555555', Who: 'release-bot@runner-42' };
    server.holdLock('applied', holder);
    const blocked = await terraform(dir, ['plan', '-input=false', '-no-color', '-lock-timeout=1s']);
    expect(blocked.code).toBe(1);
    const message = flatten(blocked.output);
    expect(message).toContain('Error: Error acquiring the state lock');
    expect(message).toContain(`Error message: HTTP remote state already locked: ID=${holder.ID} Lock Info:`);
    // The http client reads only the holder's ID from the 423 body; the "Lock Info" block terraform prints
    // describes its own failed attempt, so the holder's Who never reaches the output.
    expect(message).toContain('Operation: OperationTypePlan');
    expect(message).not.toContain(holder.Who);

    server.releaseLock('applied');
    const plan = await terraform(dir, ['plan', '-input=false', '-detailed-exitcode', '-lock-timeout=1s']);
    expect(plan).toMatchObject({ code: 0 });
  });

  it('refuses state writes from anyone but the lock holder', async () => {
    const auth = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
    server.holdLock('guarded', { ID: 'holder' });
    const post = (query: string): Promise<Response> =>
      fetch(`${server.address('guarded')}${query}`, {
        method: 'POST',
        headers: { authorization: auth },
        body: '{}',
      });

    const intruder = await post('?ID=intruder');
    expect(intruder.status).toBe(423);
    expect(await intruder.json()).toMatchObject({ ID: 'holder' });
    expect((await post('')).status).toBe(423);
    expect(server.state('guarded')).toBeUndefined();
    expect((await post('?ID=holder')).status).toBe(200);
    expect(server.state('guarded')?.toString()).toBe('{}');
    server.releaseLock('guarded');
  });

  it('answers a wrong password with 401, which terraform reports as a failure', async () => {
    const before = server.requests.length;
    const init = await terraform(workdir('http'), [
      'init',
      '-input=false',
      ...httpConfig('intruded', 'wrong'),
    ]);
    expect(init.code).toBe(1);
    expect(init.output).toContain('HTTP remote state endpoint requires auth');
    const attempts = server.requests.slice(before);
    expect(attempts.length).toBeGreaterThan(0);
    expect(attempts.every((request) => !request.authorized)).toBe(true);
    expect(server.state('intruded')).toBeUndefined();
  });
});

describe('postgres server', () => {
  let postgres: Postgres;

  beforeAll(async () => {
    postgres = await startPostgres();
  });

  afterAll(async () => {
    await postgres?.stop();
  });

  it('keeps the state terraform applies, so a fresh checkout plans no changes', async () => {
    const config = backendConfig({ conn_str: postgres.connString });
    const first = workdir('pg');
    expect(await terraform(first, ['init', '-input=false', ...config])).toMatchObject({ code: 0 });
    expect(await terraform(first, ['apply', '-auto-approve', '-input=false'])).toMatchObject({ code: 0 });

    const second = workdir('pg');
    expect(await terraform(second, ['init', '-input=false', ...config])).toMatchObject({ code: 0 });
    const plan = await terraform(second, ['plan', '-detailed-exitcode', '-input=false']);
    expect(plan).toMatchObject({ code: 0 });
    expect(plan.output).toContain('No changes.');
  });

  it('stops the server, and tolerates being stopped twice', async () => {
    await postgres.stop();
    await postgres.stop();
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(postgres.port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });
});
