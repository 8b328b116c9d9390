import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { startPostgres, startRedis } from '../../src/bench/servers.js';
import { freshDatabase } from '../helpers/postgres.js';

/** One RESP command over a raw socket (no Redis client needed to check the server). */
function redisCommand(url: string, ...args: string[]): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`));
    socket.once('data', (data) => {
      resolve(data.toString());
      socket.end();
    });
    socket.once('error', reject);
  });
}

const listening = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

describe('test servers', () => {
  it('servers: the run has PostgreSQL 15 with pg_trgm, and each file its own database', async () => {
    const url = await freshDatabase();
    expect(new URL(url).hostname).toBe('127.0.0.1');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ v: string; db: string }>('SELECT current_setting($1) AS v, current_database() AS db', ['server_version_num']);
      expect(Number(rows[0]!.v)).toBeGreaterThanOrEqual(150000);
      expect(rows[0]!.db).toBe(new URL(url).pathname.slice(1));
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
      const sim = await client.query<{ s: number }>("SELECT similarity('Ajax won', 'Ajax wint') AS s");
      expect(sim.rows[0]!.s).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });

  it('servers: the run has a Redis that keeps nothing on disk', async () => {
    const url = inject('redisUrl');
    expect(await redisCommand(url, 'PING')).toBe('+PONG\r\n');
    expect(await redisCommand(url, 'CONFIG', 'GET', 'appendonly')).toContain('no');
  });

  it('servers: a PostgreSQL started here listens on loopback and is gone with its directory after stop', async () => {
    const server = await startPostgres({ fast: true });
    try {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      const { rows } = await client.query<{ d: string }>("SELECT current_setting('data_directory') AS d");
      await client.end();
      const dir = rows[0]!.d;
      expect(existsSync(dir)).toBe(true);
      expect(await listening(server.port)).toBe(true);
      await server.restart();
      expect(await listening(server.port)).toBe(true);
      await server.stop();
      expect(await listening(server.port)).toBe(false);
      expect(existsSync(dir)).toBe(false);
    } finally {
      await server.stop();
    }
  }, 120_000);

  it('servers: a Redis started here is stopped and removed', async () => {
    const server = await startRedis();
    expect(await redisCommand(server.url, 'PING')).toBe('+PONG\r\n');
    await server.stop();
    expect(await listening(server.port)).toBe(false);
  });
});
