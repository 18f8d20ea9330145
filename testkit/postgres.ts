// A throwaway PostgreSQL server for Terraform's `pg` state backend: its own data directory, a free port on
// 127.0.0.1, trust authentication, removed again by stop().

import { execFile, execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  accessSync,
  chownSync,
  constants,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface Postgres {
  connString: string;
  port: number;
  stop(): Promise<void>;
}

const TOOLS = ['initdb', 'pg_ctl', 'postgres'];
const INSTALL_HINT = 'install the server (apt-get install postgresql) or put its bin directory on PATH';

export async function startPostgres(): Promise<Postgres> {
  const bin = findBinDir();
  const owner = serverOwner();
  const base = mkdtempSync(join(tmpdir(), 'okta-tf-pg-'));
  const data = join(base, 'data');
  const log = join(base, 'log');
  const pgCtl = join(bin, 'pg_ctl');
  try {
    if (owner) chownSync(base, owner.uid, owner.gid);
    // Durability is pointless for a server that lives for one test file; skipping fsync saves seconds.
    await runAs(owner, join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    // The port can be taken between probing and binding, so a failed start is retried on a fresh one.
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      const options = `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c fsync=off`;
      try {
        await runAs(owner, pgCtl, ['-D', data, '-o', options, '-l', log, '-w', '-t', '60', 'start']);
      } catch (error) {
        lastError = error;
        continue;
      }
      return running(owner, pgCtl, base, data, port);
    }
    const serverLog = existsSync(log) ? readFileSync(log, 'utf8') : '(no log)';
    throw new Error(`PostgreSQL did not start: ${String(lastError)}\n${serverLog}`);
  } catch (error) {
    // pg_ctl can give up waiting while the server still comes up; make sure nothing outlives the failure.
    if (existsSync(join(data, 'postmaster.pid'))) {
      spawnSync(...command(owner, pgCtl, ['-D', data, '-w', '-m', 'immediate', 'stop']), { stdio: 'ignore' });
    }
    rmSync(base, { recursive: true, force: true });
    throw error;
  }
}

function running(
  owner: Owner | undefined,
  pgCtl: string,
  base: string,
  data: string,
  port: number,
): Postgres {
  const watchdog = startWatchdog(owner, pgCtl, base, data);
  let stopping: Promise<void> | undefined;
  return {
    connString: `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    port,
    stop() {
      stopping ??= (async () => {
        await runAs(owner, pgCtl, ['-D', data, '-w', '-m', 'fast', 'stop']);
        // Only now: if stop failed, the watchdog and the data directory are what still get the server down.
        if (watchdog.pid !== undefined) {
          try {
            process.kill(-watchdog.pid);
          } catch {
            // It has already exited; nothing to end.
          }
        }
        rmSync(base, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}

/**
 * Stops the server once this process is gone, should stop() never run (a crash, a killed jest, a forgotten
 * afterAll). A separate process because jest's sandboxed `process` never delivers 'exit' to test code.
 */
function startWatchdog(owner: Owner | undefined, pgCtl: string, base: string, data: string): ChildProcess {
  const script =
    'p=$1; b=$2; shift 2; while kill -0 "$p" 2>/dev/null; do sleep 1; done; "$@" >/dev/null 2>&1; rm -rf "$b"';
  const [program, args] = command(owner, pgCtl, ['-D', data, '-w', '-m', 'immediate', 'stop']);
  const watchdog = spawn('sh', ['-c', script, 'pg-watchdog', String(process.pid), base, program, ...args], {
    detached: true,
    stdio: 'ignore',
  });
  watchdog.unref();
  return watchdog;
}

/** The first directory holding all server tools: PATH first (the caller's choice), then the newest version. */
function findBinDir(): string {
  const fromPath = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  const root = '/usr/lib/postgresql';
  const installed = existsSync(root)
    ? readdirSync(root)
        .filter((version) => /^\d+(\.\d+)?$/.test(version))
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => join(root, version, 'bin'))
    : [];
  const candidates = [...fromPath, ...installed];
  const found = candidates.find((dir) => TOOLS.every((tool) => isExecutable(join(dir, tool))));
  if (!found) {
    throw new Error(
      `PostgreSQL server binaries (${TOOLS.join(', ')}) not found on PATH or in ${root}/*/bin: ${INSTALL_HINT}`,
    );
  }
  return found;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

interface Owner {
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user. */
function serverOwner(): Owner | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error(`running as root needs a 'postgres' user to run the server as: ${INSTALL_HINT}`);
  }
}

function command(owner: Owner | undefined, file: string, args: string[]): [string, string[]] {
  return owner ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
}

function runAs(owner: Owner | undefined, file: string, args: string[]): Promise<string> {
  const [program, programArgs] = command(owner, file, args);
  return new Promise((resolve, reject) => {
    execFile(program, programArgs, { encoding: 'utf8', timeout: 90_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${[file, ...args].join(' ')} failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
