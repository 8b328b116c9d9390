import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/engines/http.js';
import { fromNetworkError, RetryableEngineError } from '../../src/engines/errors.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ url: URL; connections: () => number }> {
  let connections = 0;
  server = createServer(handler);
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/translate`), connections: () => connections };
}

/** A client for one test, its connections closed after it. */
async function withClient(test: (client: ReturnType<typeof createHttpClient>) => Promise<unknown>): Promise<void> {
  const client = createHttpClient();
  try {
    await test(client);
  } finally {
    client.close();
  }
}

describe('engine HTTP client', () => {
  it('posts the body with its length, reads status, headers and JSON, and keeps one connection for consecutive requests', async () => {
    const bodies: string[] = [];
    const { url, connections } = await serve((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        bodies.push(`${req.headers['content-type']} ${req.headers['content-length']} ${body}`);
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '3' });
        res.end(JSON.stringify({ error: 'Slowdown: ünïcode' }));
      });
    });
    const client = createHttpClient();
    try {
      for (let i = 0; i < 3; i++) {
        const answer = await client.post(url, '{"q":"één"}', { headers: { 'content-type': 'application/json' }, timeoutMs: 5000 });
        expect(answer.status).toBe(429);
        expect(answer.ok).toBe(false);
        expect(answer.header('Retry-After')).toBe('3');
        expect(answer.json()).toEqual({ error: 'Slowdown: ünïcode' });
      }
      expect(bodies).toEqual(Array(3).fill('application/json 13 {"q":"één"}'));
      expect(connections()).toBe(1);
    } finally {
      client.close();
    }
  });

  it('a body that is not JSON reads as undefined', async () => {
    const { url } = await serve((_req, res) => res.end('<html>bad gateway</html>'));
    await withClient(async (client) => expect((await client.post(url, '', { headers: {}, timeoutMs: 5000 })).json()).toBeUndefined());
  });

  it('no answer in time is a TimeoutError, which the adapters retry', async () => {
    const { url } = await serve(() => {});
    await withClient(async (client) => {
      const error = await client.post(url, 'x', { headers: {}, timeoutMs: 100 }).catch((e: unknown) => e);
      expect((error as Error).name).toBe('TimeoutError');
      const mapped = fromNetworkError('libretranslate', error);
      expect(mapped).toBeInstanceOf(RetryableEngineError);
      expect(mapped.message).toBe('libretranslate: request timed out');
    });
  });

  it("the caller's abort cuts the request and rejects with the signal's reason", async () => {
    const { url } = await serve(() => {});
    await withClient(async (client) => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('stopped by the user')), 50);
      await expect(client.post(url, 'x', { headers: {}, timeoutMs: 10_000, signal: controller.signal })).rejects.toThrow('stopped by the user');
      await expect(client.post(url, 'x', { headers: {}, timeoutMs: 10_000, signal: controller.signal })).rejects.toThrow('stopped by the user');
    });
  });

  it('a kept connection the server closed as it was reused is sent again once, at once, on a new one', async () => {
    let requests = 0;
    const perSocket = new WeakMap<object, number>();
    const { url, connections } = await serve((req, res) => {
      requests++;
      const n = (perSocket.get(req.socket) ?? 0) + 1;
      perSocket.set(req.socket, n);
      // The second request on a connection finds it closed (what a server's idle timeout does at the wrong moment).
      if (n === 2) req.socket.destroy();
      else res.end(JSON.stringify({ n: requests }));
    });
    await withClient(async (client) => {
      expect((await client.post(url, 'a', { headers: {}, timeoutMs: 5000 })).json()).toEqual({ n: 1 });
      expect((await client.post(url, 'b', { headers: {}, timeoutMs: 5000 })).json()).toEqual({ n: 3 });
      expect(requests).toBe(3);
      expect(connections()).toBe(2);
    });
  });

  it('a timeout or an abort while the answer streams in is still a TimeoutError, or the signal\'s reason', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"translatedText": [');
    });
    await withClient(async (client) => {
      const slow = await client.post(url, 'x', { headers: {}, timeoutMs: 150 }).catch((e: unknown) => e);
      expect((slow as Error).name).toBe('TimeoutError');
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('stopped mid-answer')), 100);
      await expect(client.post(url, 'x', { headers: {}, timeoutMs: 10_000, signal: controller.signal })).rejects.toThrow('stopped mid-answer');
    });
  });

  it('a refused connection and a connection cut mid-answer are retryable network errors', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('{"translatedText": [');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const client = createHttpClient();
    try {
      const cut = await client.post(url, 'x', { headers: {}, timeoutMs: 5000 }).catch((e: unknown) => e);
      expect(fromNetworkError('libretranslate', cut)).toBeInstanceOf(RetryableEngineError);
      server!.closeAllConnections();
      await new Promise((resolve) => server!.close(resolve));
      server = undefined;
      const refused = await client.post(url, 'x', { headers: {}, timeoutMs: 5000 }).catch((e: unknown) => e);
      expect((refused as { code?: string }).code).toBe('ECONNREFUSED');
      expect(fromNetworkError('libretranslate', refused)).toBeInstanceOf(RetryableEngineError);
    } finally {
      client.close();
    }
  });
});
