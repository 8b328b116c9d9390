/**
 * Throwaway PostgreSQL 15 and Redis servers for the tests and the bench: a temp
 * directory, a free port on 127.0.0.1, nothing kept. Not part of tolk's API
 * (src/bench is not exported); tests import it from here so the bench and the
 * tests start servers the same way.
 *
 * PostgreSQL refuses to run as root, so as root initdb and pg_ctl run as the
 * `postgres` user (`runuser`), in a directory that user owns.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PG_BIN = process.env.TOLK_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PostgresServer {
  /** Superuser URL of the `postgres` database, no password (trust on loopback). */
  url: string;
  host: string;
  port: number;
  /** `pg_ctl restart`: every connection is cut, the data stays. */
  restart(): Promise<void>;
  /** Stops the server and removes its directory (idempotent). */
  stop(): Promise<void>;
  /** The same, synchronously, for process exit hooks. */
  stopSync(): void;
}

export interface PostgresOptions {
  /**
   * Tests may run without fsync (a crash of the machine is not what they test);
   * the bench keeps PostgreSQL's defaults so its figures are a real server's.
   * @default false
   */
  fast?: boolean;
}

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const isRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as the `postgres` user when we are root. */
function pgArgs(command: string, args: string[]): [string, string[]] {
  const bin = join(PG_BIN, command);
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

/** The same without blocking the event loop: a test keeps writing while the server restarts. */
function runPgAsync(command: string, args: string[], what: string): Promise<void> {
  const [file, argv] = pgArgs(command, args);
  return new Promise((resolve, reject) =>
    execFile(file, argv, { cwd: tmpdir() }, (error, stdout, stderr) =>
      error ? reject(new Error(`${what} failed (${file} ${argv.join(' ')}): ${error.message}${stderr}${stdout}`.slice(0, 4000))) : resolve(),
    ),
  );
}

function runPg(command: string, args: string[], what: string): void {
  const [file, argv] = pgArgs(command, args);
  const result = spawnSync(file, argv, { encoding: 'utf8', cwd: tmpdir() });
  if (result.status !== 0) {
    throw new Error(`${what} failed (${file} ${argv.join(' ')}): ${result.error?.message ?? ''}${result.stderr}${result.stdout}`.slice(0, 4000));
  }
}

/** initdb in a temp directory and pg_ctl start on a free loopback port; sockets only in that directory. */
export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresServer> {
  if (!existsSync(join(PG_BIN, 'initdb'))) {
    throw new Error(`PostgreSQL 15 is not installed (${PG_BIN}/initdb): apt-get install postgresql, or set TOLK_TEST_POSTGRES_URL`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'tolk-pg-'));
  const data = join(dir, 'data');
  if (isRoot()) {
    const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    if (!Number.isInteger(uid) || uid <= 0) throw new Error('no "postgres" user to run PostgreSQL as (install the postgresql package)');
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  let stopped = false;
  const stopSync = (): void => {
    if (stopped) return;
    stopped = true;
    if (existsSync(join(data, 'postmaster.pid'))) {
      const [file, argv] = pgArgs('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']);
      spawnSync(file, argv, { stdio: 'ignore', cwd: tmpdir() });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    runPg('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], 'initdb');
    const port = await freePort();
    const settings = [
      `-p ${port}`,
      `-c listen_addresses=127.0.0.1`,
      `-c unix_socket_directories=${dir}`,
      '-c max_connections=60',
      ...(options.fast ? ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'] : []),
    ].join(' ');
    const log = join(dir, 'server.log');
    const start = (): void => runPg('pg_ctl', ['start', '-D', data, '-l', log, '-w', '-t', '60', '-o', settings], 'pg_ctl start');
    try {
      start();
    } catch (error) {
      const tail = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
      throw new Error(`${(error as Error).message}\n${tail}`);
    }
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      host: '127.0.0.1',
      port,
      async restart() {
        await runPgAsync('pg_ctl', ['restart', '-D', data, '-l', log, '-w', '-t', '60', '-m', 'fast', '-o', settings], 'pg_ctl restart');
      },
      async stop() {
        stopSync();
      },
      stopSync,
    };
  } catch (error) {
    stopSync();
    throw error;
  }
}

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
  stopSync(): void;
}

/** `redis-server` on a free loopback port (or `port`, to restart one), nothing saved, its directory removed on stop. */
export async function startRedis(options: { port?: number } = {}): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'tolk-redis-'));
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stopped = false;
  const stopSync = (): void => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`redis-server did not start in 30 s: ${output.slice(-1000)}`)), 30_000);
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`cannot run redis-server (apt-get install redis-server, or set TOLK_TEST_REDIS_URL): ${error.message}`));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}: ${output.slice(-1000)}`));
      });
    });
  } catch (error) {
    stopSync();
    throw error;
  }
  child.stdout!.resume();
  child.stderr!.resume();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      const exited = new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
      stopSync();
      await exited;
    },
    stopSync,
  };
}

/** Stops everything given when the process ends, however it ends short of SIGKILL. */
export function stopOnExit(servers: Array<{ stopSync(): void }>): () => void {
  const stopAll = (): void => {
    for (const server of servers) server.stopSync();
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    stopAll();
    process.kill(process.pid, signal);
  };
  process.once('exit', stopAll);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  return () => {
    process.off('exit', stopAll);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
  };
}
