import http from 'node:http';
import https from 'node:https';

/** An HTTP answer read whole. */
export interface HttpAnswer {
  status: number;
  ok: boolean;
  /** A response header (name in any case), several values joined by ", ". */
  header(name: string): string | undefined;
  /** The body as JSON; undefined when it is not JSON. */
  json(): unknown;
}

export interface PostOptions {
  headers: Record<string, string>;
  /** Whole request, connect to last byte; then a `TimeoutError`. */
  timeoutMs: number;
  /** The caller's stop: the request is cut and the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** POSTs of one engine adapter, over its own keep-alive connections. */
export interface HttpClient {
  post(url: URL, body: string, options: PostOptions): Promise<HttpAnswer>;
  /** Closes the kept connections. */
  close(): void;
}

/**
 * The engine adapters' HTTP, on `node:http`/`node:https` with keep-alive
 * agents, not the global `fetch`: on Node 20 a 50-segment POST to a local
 * LibreTranslate took 0.7 ms of CPU through `fetch` (undici and web streams,
 * and their garbage) against 0.2 ms here, and a `tolk worker` pays that once
 * per job in the few milliseconds between one engine request and its next.
 * Errors keep `fetch`'s shape for `fromNetworkError`: network failures carry
 * their `code` (ECONNREFUSED, ECONNRESET…), the timeout is a `TimeoutError`.
 */
export function createHttpClient(): HttpClient {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, scheduling: 'lifo' }),
    'https:': new https.Agent({ keepAlive: true, scheduling: 'lifo' }),
  };
  return {
    post(url, body, { headers, timeoutMs, signal }) {
      return new Promise<HttpAnswer>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        const secure = url.protocol === 'https:';
        const request = (secure ? https : http).request(url, {
          method: 'POST',
          agent: agents[secure ? 'https:' : 'http:'],
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        });
        const timer = setTimeout(() => {
          const error = new Error(`no answer within ${timeoutMs} ms`);
          error.name = 'TimeoutError';
          request.destroy(error);
        }, timeoutMs);
        const onAbort = () => request.destroy(signal!.reason instanceof Error ? signal!.reason : new Error(String(signal!.reason)));
        signal?.addEventListener('abort', onAbort, { once: true });
        const settle = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
        };
        request.on('error', (error) => {
          settle();
          reject(signal?.aborted ? signal.reason : error);
        });
        request.on('response', (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', (error) => {
            settle();
            reject(error);
          });
          response.on('end', () => {
            settle();
            const text = Buffer.concat(chunks).toString('utf8');
            const status = response.statusCode ?? 0;
            resolve({
              status,
              ok: status >= 200 && status < 300,
              header: (name) => {
                const value = response.headers[name.toLowerCase()];
                return Array.isArray(value) ? value.join(', ') : value;
              },
              json: () => {
                try {
                  return JSON.parse(text) as unknown;
                } catch {
                  return undefined;
                }
              },
            });
          });
        });
        request.end(body);
      });
    },
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
