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

/** How long a kept connection may sit idle. */
const IDLE_MS = 4_000;

/**
 * The engine adapters' HTTP, on `node:http`/`node:https` with keep-alive
 * agents, not the global `fetch`: on Node 20 a 50-segment POST to a local
 * LibreTranslate took 0.7 ms of CPU through `fetch` (undici and web streams,
 * and their garbage) against 0.2 ms here, and a `tolk worker` pays that once
 * per job in the few milliseconds between one engine request and its next.
 * Errors keep `fetch`'s shape for `fromNetworkError`: network failures carry
 * their `code` (ECONNREFUSED, ECONNRESET…), the timeout is a `TimeoutError`.
 * Redirects are not followed: an engine's URL names the server itself.
 */
export function createHttpClient(): HttpClient {
  // Idle connections are closed after 4 s (undici's default), before a server's own idle timeout is likely to cut them.
  const agents = {
    'http:': new http.Agent({ keepAlive: true, scheduling: 'lifo', timeout: IDLE_MS }),
    'https:': new https.Agent({ keepAlive: true, scheduling: 'lifo', timeout: IDLE_MS }),
  };
  const post = (url: URL, body: string, { headers, timeoutMs, signal }: PostOptions, resend: boolean): Promise<HttpAnswer> =>
    new Promise<HttpAnswer>((resolve, reject) => {
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
      // Why the request was cut, if tolk cut it: what the caller sees, whichever stream reports the cut.
      let cut: unknown;
      let answered = false;
      const timer = setTimeout(() => {
        cut = Object.assign(new Error(`no answer within ${timeoutMs} ms`), { name: 'TimeoutError' });
        request.destroy(cut as Error);
      }, timeoutMs);
      const onAbort = () => {
        cut = signal!.reason;
        request.destroy(cut instanceof Error ? cut : new Error(String(cut)));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const fail = (error: unknown) => {
        settle();
        reject(cut ?? error);
      };
      request.on('error', (error: NodeJS.ErrnoException) => {
        // A kept connection the server closed just as it was reused: sent again at once on a new one (Node's own
        // advice for keep-alive clients), not counted as a failed attempt.
        if (resend && !answered && cut === undefined && request.reusedSocket && error.code === 'ECONNRESET') {
          settle();
          post(url, body, { headers, timeoutMs, ...(signal ? { signal } : {}) }, false).then(resolve, reject);
          return;
        }
        fail(error);
      });
      request.on('response', (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', fail);
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
  return {
    post: (url, body, options) => post(url, body, options, true),
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
